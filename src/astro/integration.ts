import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentRoot } from './loader.ts';
import { markBuildStart, removeStaleFiles } from './stale-files.ts';
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

const adapterEntry = '@astrojs/node/server.js';

/**
 * Puts the site's own server entry (src/astro/server/<target>-entry.ts) where the Node adapter's
 * would be: it wraps the adapter's handler, so security headers and the portal's identity check
 * apply to static files too, which the adapter serves before any middleware runs.
 */
function siteServerEntry(target: Target) {
  const entry = fileURLToPath(new URL(`./server/${target}-entry.ts`, import.meta.url));
  return {
    name: 'charter:site-server-entry',
    enforce: 'pre' as const,
    resolveId(id: string, importer: string | undefined) {
      return id === adapterEntry && importer !== entry ? entry : null;
    },
  };
}

/** The address each site is published at, for canonical URLs and feeds. */
async function siteUrl(root: string, target: Target): Promise<string | undefined> {
  const text = await readFile(join(root, 'content/site.yaml'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const data = parseContentFile('site', 'content/site.yaml', text).entry?.data as { trustCenter?: { url?: string }; portal?: { url?: string } } | undefined;
  return target === 'trust' ? data?.trustCenter?.url : data?.portal?.url;
}

export function charter({ target }: { target: Target }): AstroIntegration {
  let cacheDir: URL | undefined;
  // charter build --full sets CHARTER_FULL_BUILD: nothing is taken from the last build.
  const full = Boolean(process.env.CHARTER_FULL_BUILD);
  // Files modified after this instant (set when the build starts) are this build's.
  let started = 0;
  return {
    name: 'charter',
    hooks: {
      'astro:config:setup': async ({ config, injectRoute, addMiddleware, updateConfig }) => {
        cacheDir = config.cacheDir;
        started = await markBuildStart(cacheDir);
        // An incremental build leaves the output folder in place: unchanged pages stay where they
        // are instead of being removed and copied back; build:done removes what is left over.
        if (!full) updateConfig({ vite: { build: { emptyOutDir: false } } });
        for (const r of routes[target]) injectRoute(r);
        // Method, origin and caching rules for the on-demand routes, applied before any route file runs.
        addMiddleware({ order: 'pre', entrypoint: new URL(`./middleware/${target}.ts`, import.meta.url) });
        // The middleware refuses every cross-site write, whatever its content type, with a page a
        // reader understands; Astro's own check answers only form posts, first, and in its own words.
        updateConfig({ security: { checkOrigin: false }, vite: { plugins: [siteServerEntry(target)] } });
        const site = await siteUrl(contentRoot(config.root), target);
        if (site && !config.site) updateConfig({ site });
      },
      // Left-over pages go before `charter build` indexes the portal for search, so that it does not index them.
      'astro:build:done': async ({ dir, logger }) => {
        if (!full && cacheDir) {
          const removed = await removeStaleFiles(dir, cacheDir, started, ['pagefind']);
          if (removed) logger.info(`removed ${removed} files the last build wrote and this one did not`);
        }
      },
    },
  };
}
