import type { Target } from '../lib/targets.ts';

/**
 * How a site's server treats a route it renders per request. The middleware applies it, so
 * route files hold no method, origin or caching rules of their own.
 */
export interface OnDemandRule {
  /**
   * Whether the route takes form posts: `only` (a visit is sent to `otherwise`), `also` (a
   * visit shows a page, the form acts), or not at all (anything but GET and HEAD gets 405).
   */
  forms?: 'only' | 'also';
  /** Where a visit to a forms-only route is sent. */
  otherwise?: string;
}

export interface SiteRoute {
  pattern: string;
  /** The route file under src/routes/. */
  file: string;
  /** Set when the site's server renders the route per request; everything else is a static file. */
  onDemand?: OnDemandRule;
}

const page = (pattern: string, file: string): SiteRoute => ({ pattern, file });
const onDemand = (pattern: string, file: string, rule: OnDemandRule = {}): SiteRoute => ({ pattern, file, onDemand: rule });

/** Each site is its own route set; a build injects exactly one of them (see src/integration.ts). */
export const siteRoutes: Record<Target, SiteRoute[]> = {
  portal: [
    page('/', 'portal/index.astro'),
    page('/policies', 'portal/policies.astro'),
    page('/policies/[id]', 'portal/policy.astro'),
    page('/runbooks', 'portal/runbooks.astro'),
    page('/runbooks/[id]', 'portal/runbook.astro'),
    page('/controls', 'portal/controls.astro'),
    page('/controls/[id]', 'portal/control.astro'),
    page('/frameworks/[id]', 'portal/framework.astro'),
    page('/changes', 'portal/changes.astro'),
    page('/evidence/[...window]', 'portal/evidence.astro'),
    page('/matrix', 'portal/matrix.astro'),
    page('/soa', 'portal/soa.astro'),
    page('/exports', 'portal/exports.astro'),
    page('/exports/[file]', 'portal/export.ts'),
    page('/search', 'portal/search.astro'),
    onDemand('/my', 'portal/my.astro'),
    onDemand('/acknowledgements', 'portal/acknowledgements.astro'),
    onDemand('/api/acknowledgements', 'portal/api/acknowledgements.ts', { forms: 'also' }),
  ],
  trust: [
    page('/', 'trust/index.astro'),
    page('/[page]', 'trust/page.astro'),
    page('/controls', 'trust/controls.astro'),
    page('/policies/[id]', 'trust/policy.astro'),
    page('/updates', 'trust/updates.astro'),
    page('/updates/[id]', 'trust/update.astro'),
    page('/updates/feed.xml', 'trust/updates-feed.ts'),
    page('/subprocessors', 'trust/subprocessors.astro'),
    page('/subprocessors/feed.xml', 'trust/subprocessors-feed.ts'),
    page('/system-boundary', 'trust/system-boundary.astro'),
    page('/documents', 'trust/documents.astro'),
    page('/documents/[id]', 'trust/document.astro'),
    page('/og/[...image].png', 'trust/preview-image.ts'),
    page('/.well-known/security.txt', 'trust/security-txt.ts'),
    page('/sitemap.xml', 'trust/sitemap.ts'),
    page('/robots.txt', 'trust/robots.ts'),
    page('/404', 'trust/404.astro'),
    onDemand('/request', 'trust/request/index.astro', { forms: 'only', otherwise: '/documents/' }),
    onDemand('/request/nda', 'trust/request/nda.astro', { forms: 'only', otherwise: '/documents/' }),
    // Mail scanners open links: a visit shows the request, only the form decides it.
    onDemand('/request/review', 'trust/request/review.astro', { forms: 'also' }),
    onDemand('/request/download', 'trust/request/download.astro'),
    onDemand('/subscribe', 'trust/subscribe/index.astro', { forms: 'only', otherwise: '/updates/' }),
    onDemand('/subscribe/confirm', 'trust/subscribe/confirm.astro', { forms: 'also' }),
    onDemand('/subscribe/cancel', 'trust/subscribe/cancel.astro', { forms: 'also' }),
  ],
};
