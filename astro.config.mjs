// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { charter } from './src/astro/integration.ts';
import { currentTarget } from './src/lib/content/targets.ts';
import { serverDir } from './src/astro/build-paths.ts';

// One config, two sites: CHARTER_TARGET picks the route set and the collections it may load.
const target = currentTarget();
const outRoot = process.env.CHARTER_OUT_DIR ?? './dist';
// Static assets belong to the content repository, next to content/.
const publicDir = process.env.CHARTER_ROOT ? `${process.env.CHARTER_ROOT}/public` : './public';

export default defineConfig({
  outDir: `${outRoot}/${target}`,
  publicDir,
  // Separate caches, or the two builds would overwrite each other's content store.
  cacheDir: `./node_modules/.astro/${target}`,
  trailingSlash: 'always',
  // Pages are static files in dist/<target>/; the few on-demand routes (acknowledgements,
  // report requests) are served by dist/<target>-server/entry.mjs, which also serves the files.
  // An absolute server path keeps the bundle where it can import node_modules.
  build: { format: 'directory', client: './', server: `${serverDir(outRoot, target)}/` },
  adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024 }),
  devToolbar: { enabled: false },
  integrations: [mdx(), charter({ target })],
});
