import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { contentRoot } from './loader.ts';
import { writeSearchIndex } from './search-index.ts';
import { parseContentFile } from '../lib/content/read.ts';
import { targets, type Target } from '../lib/content/targets.ts';
import { siteRoutes, type SiteRoute } from './site-routes.ts';

/** The route as Astro injects it: a file entrypoint, and `prerender: false` for on-demand routes. */
const injected = (target: Target, { pattern, file, onDemand }: SiteRoute) => ({
  pattern,
  entrypoint: new URL(`../sites/${target}/routes/${file}`, import.meta.url),
  ...(onDemand ? { prerender: false } : {}),
});

/** Each site is its own route set (src/astro/site-routes.ts); a build injects exactly one of them. */
export const routes = Object.fromEntries(targets.map((t) => [t, siteRoutes[t].map((route) => injected(t, route))])) as Record<
  Target,
  ReturnType<typeof injected>[]
>;

/** The address each site is published at, for canonical URLs and feeds. */
async function siteUrl(root: string, target: Target): Promise<string | undefined> {
  const text = await readFile(join(root, 'content/site.yaml'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const data = parseContentFile('site', 'content/site.yaml', text).entry?.data as { trustCenter?: { url?: string }; portal?: { url?: string } } | undefined;
  return target === 'trust' ? data?.trustCenter?.url : data?.portal?.url;
}

export function charter({ target }: { target: Target }): AstroIntegration {
  return {
    name: 'charter',
    hooks: {
      'astro:config:setup': async ({ config, injectRoute, addMiddleware, updateConfig }) => {
        for (const r of routes[target]) injectRoute(r);
        // Method, origin and caching rules for the on-demand routes, applied before any route file runs.
        addMiddleware({ order: 'pre', entrypoint: new URL(`./middleware/${target}.ts`, import.meta.url) });
        // The middleware refuses every cross-site write, whatever its content type, with a page a
        // reader understands; Astro's own check answers only form posts, first, and in its own words.
        updateConfig({ security: { checkOrigin: false } });
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
