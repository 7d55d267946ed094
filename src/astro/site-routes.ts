import type { Target } from '../lib/content/targets.ts';

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
  /** The route file under src/sites/<site>/routes/. */
  file: string;
  /** Set when the site's server renders the route per request; everything else is a static file. */
  onDemand?: OnDemandRule;
}

const page = (pattern: string, file: string): SiteRoute => ({ pattern, file });
const onDemand = (pattern: string, file: string, rule: OnDemandRule = {}): SiteRoute => ({ pattern, file, onDemand: rule });

/** Each site is its own route set; a build injects exactly one of them (see src/astro/integration.ts). */
export const siteRoutes: Record<Target, SiteRoute[]> = {
  portal: [
    page('/', 'index.astro'),
    page('/policies', 'policies.astro'),
    page('/policies/[id]', 'policy.astro'),
    page('/runbooks', 'runbooks.astro'),
    page('/runbooks/[id]', 'runbook.astro'),
    page('/controls', 'controls.astro'),
    page('/controls/[id]', 'control.astro'),
    page('/frameworks/[id]', 'framework.astro'),
    page('/changes', 'changes.astro'),
    page('/evidence/[...window]', 'evidence.astro'),
    page('/matrix', 'matrix.astro'),
    page('/soa', 'soa.astro'),
    page('/boundary', 'boundary.astro'),
    page('/exports', 'exports.astro'),
    page('/exports/[file]', 'export.ts'),
    page('/exports/audit-packages/[file]', 'audit-package.ts'),
    page('/search', 'search.astro'),
    onDemand('/my', 'my.astro'),
    onDemand('/acknowledgements', 'acknowledgements.astro'),
    onDemand('/api/acknowledgements', 'api/acknowledgements.ts', { forms: 'also' }),
    onDemand('/healthz', 'healthz.ts'),
  ],
  trust: [
    page('/', 'index.astro'),
    page('/[page]', 'page.astro'),
    page('/controls', 'controls.astro'),
    page('/policies/[id]', 'policy.astro'),
    page('/updates', 'updates.astro'),
    page('/updates/[id]', 'update.astro'),
    page('/updates/feed.xml', 'updates-feed.ts'),
    page('/subprocessors', 'subprocessors.astro'),
    page('/subprocessors/feed.xml', 'subprocessors-feed.ts'),
    page('/system-boundary', 'system-boundary.astro'),
    page('/documents', 'documents.astro'),
    page('/documents/[id]', 'document.astro'),
    page('/og/[...image].png', 'preview-image.ts'),
    page('/.well-known/security.txt', 'security-txt.ts'),
    page('/.well-known/csaf/[...file]', 'csaf.ts'),
    page('/product-security', 'product-security.astro'),
    page('/sitemap.xml', 'sitemap.ts'),
    page('/robots.txt', 'robots.ts'),
    page('/404', '404.astro'),
    onDemand('/request', 'request/index.astro', { forms: 'only', otherwise: '/documents/' }),
    // The NDA link is mailed: a visit shows the agreement, only the form accepts it.
    onDemand('/request/nda', 'request/nda.astro', { forms: 'also' }),
    // Mail scanners open links: a visit shows the request, only the form decides it.
    onDemand('/request/review', 'request/review.astro', { forms: 'also' }),
    onDemand('/request/download', 'request/download.astro'),
    onDemand('/subscribe', 'subscribe/index.astro', { forms: 'only', otherwise: '/updates/' }),
    onDemand('/subscribe/confirm', 'subscribe/confirm.astro', { forms: 'also' }),
    onDemand('/subscribe/cancel', 'subscribe/cancel.astro', { forms: 'also' }),
    onDemand('/healthz', 'healthz.ts'),
  ],
};
