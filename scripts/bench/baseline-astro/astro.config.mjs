// The framework's floor: Astro and MDX rendering the benchmark's documents with nothing of
// Charter's (no graph, no git history). BENCH_SITE=trust builds the trust center's counterpart
// (trust-src/: the public policies) instead of the portal's (src/: one page per document).
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

const required = (name) => {
  if (!process.env[name]) throw new Error(`set ${name}; scripts/bench/run.mjs sets it`);
  return process.env[name];
};

export default defineConfig({
  srcDir: process.env.BENCH_SITE === 'trust' ? './trust-src' : './src',
  outDir: required('BENCH_OUT_DIR'),
  cacheDir: required('BENCH_CACHE_DIR'),
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  integrations: [mdx()],
});
