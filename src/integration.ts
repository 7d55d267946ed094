import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { contentRoot } from './astro/loader.ts';
import { writeSearchIndex } from './astro/search-index.ts';
import { parseContentFile } from './lib/read.ts';
import type { Target } from './lib/targets.ts';

const route = (pattern: string, file: string) => ({ pattern, entrypoint: new URL(`./routes/${file}`, import.meta.url) });
/** A route rendered per request by the site's server; everything else is a static file. */
const onDemand = (pattern: string, file: string) => ({ ...route(pattern, file), prerender: false });

/** Each site is its own route set; a build injects exactly one of them. */
export const routes: Record<Target, ReturnType<typeof route>[]> = {
  portal: [
    route('/', 'portal/index.astro'),
    route('/policies', 'portal/policies.astro'),
    route('/policies/[id]', 'portal/policy.astro'),
    route('/runbooks', 'portal/runbooks.astro'),
    route('/runbooks/[id]', 'portal/runbook.astro'),
    route('/controls', 'portal/controls.astro'),
    route('/controls/[id]', 'portal/control.astro'),
    route('/frameworks/[id]', 'portal/framework.astro'),
    route('/changes', 'portal/changes.astro'),
    route('/evidence/[...window]', 'portal/evidence.astro'),
    route('/matrix', 'portal/matrix.astro'),
    route('/soa', 'portal/soa.astro'),
    route('/exports', 'portal/exports.astro'),
    route('/exports/[file]', 'portal/export.ts'),
    route('/search', 'portal/search.astro'),
    onDemand('/my', 'portal/my.astro'),
    onDemand('/acknowledgements', 'portal/acknowledgements.astro'),
    onDemand('/api/acknowledgements', 'portal/api/acknowledgements.ts'),
  ],
  trust: [
    route('/', 'trust/index.astro'),
    route('/[page]', 'trust/page.astro'),
    route('/controls', 'trust/controls.astro'),
    route('/policies/[id]', 'trust/policy.astro'),
    route('/updates', 'trust/updates.astro'),
    route('/updates/[id]', 'trust/update.astro'),
    route('/updates/feed.xml', 'trust/updates-feed.ts'),
    route('/subprocessors', 'trust/subprocessors.astro'),
    route('/subprocessors/feed.xml', 'trust/subprocessors-feed.ts'),
    route('/system-boundary', 'trust/system-boundary.astro'),
    route('/documents', 'trust/documents.astro'),
    route('/documents/[id]', 'trust/document.astro'),
    route('/og/[...image].png', 'trust/preview-image.ts'),
    route('/.well-known/security.txt', 'trust/security-txt.ts'),
    route('/sitemap.xml', 'trust/sitemap.ts'),
    route('/robots.txt', 'trust/robots.ts'),
    route('/404', 'trust/404.astro'),
    onDemand('/request', 'trust/request/index.astro'),
    onDemand('/request/nda', 'trust/request/nda.astro'),
    onDemand('/request/review', 'trust/request/review.astro'),
    onDemand('/request/download', 'trust/request/download.astro'),
    onDemand('/subscribe', 'trust/subscribe/index.astro'),
    onDemand('/subscribe/confirm', 'trust/subscribe/confirm.astro'),
    onDemand('/subscribe/cancel', 'trust/subscribe/cancel.astro'),
  ],
};

/** The address each site is published at, for canonical URLs and feeds. */
async function siteUrl(root: string, target: Target): Promise<string | undefined> {
  const text = await readFile(join(root, 'content/site.yaml'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const data = parseContentFile('site', 'content/site.yaml', text).entry?.data as
    | { trustCenter?: { url?: string }; portal?: { url?: string } }
    | undefined;
  return target === 'trust' ? data?.trustCenter?.url : data?.portal?.url;
}

export function charter({ target }: { target: Target }): AstroIntegration {
  return {
    name: 'charter',
    hooks: {
      'astro:config:setup': async ({ config, injectRoute, updateConfig }) => {
        for (const r of routes[target]) injectRoute(r);
        const site = await siteUrl(contentRoot(config.root), target);
        if (site && !config.site) updateConfig({ site });
      },
      // Only the portal is searchable: the trust center has few pages and must ship no index of anything.
      'astro:build:done': async ({ dir, logger }) => {
        if (target === 'portal') await writeSearchIndex(dir, logger);
      },
    },
  };
}
