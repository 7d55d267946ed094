// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { charter } from './src/astro/integration.ts';
import { currentTarget } from './src/lib/content/targets.ts';
import { cacheDir, serverDir } from './src/astro/build-paths.ts';

// One config, two sites: CHARTER_TARGET picks the route set and the collections it may load.
const target = currentTarget();
const outRoot = process.env.CHARTER_OUT_DIR ?? './dist';
// Static assets belong to the content repository, next to content/.
const publicDir = process.env.CHARTER_ROOT ? `${process.env.CHARTER_ROOT}/public` : './public';

export default defineConfig({
  outDir: `${outRoot}/${target}`,
  publicDir,
  // Separate caches per site and output folder, or builds would overwrite each other's content
  // store and incremental build manifest.
  cacheDir: cacheDir(outRoot, target),
  trailingSlash: 'always',
  // Pages are static files in dist/<target>/; the few on-demand routes (acknowledgements,
  // report requests) are served by dist/<target>-server/entry.mjs, which also serves the files.
  // An absolute server path keeps the bundle where it can import node_modules.
  build: { format: 'directory', client: './', server: `${serverDir(outRoot, target)}/` },
  adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024 }),
  devToolbar: { enabled: false },
  // A page whose getStaticPaths() entry has an unchanged cacheKey and module graph keeps its last
  // output (the keys cover everything each page shows; src/astro/cache-key.ts). `charter build
  // --full` passes --force: every page is rendered and the cache recorded afresh.
  experimental: { incrementalBuild: true },
  integrations: [mdx(), charter({ target })],
});
