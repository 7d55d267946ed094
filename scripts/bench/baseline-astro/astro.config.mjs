// The framework's floor: Astro and MDX rendering the benchmark's documents with nothing of
// Charter's (no graph, no git history, no search index, no second site).
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

const required = (name) => {
  if (!process.env[name]) throw new Error(`set ${name}; scripts/bench/run.mjs sets it`);
  return process.env[name];
};

export default defineConfig({
  outDir: required('BENCH_OUT_DIR'),
  cacheDir: required('BENCH_CACHE_DIR'),
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  integrations: [mdx()],
});
