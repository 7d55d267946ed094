import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const content = `${process.env.BENCH_CONTENT_ROOT}/content`;

// The id is the file name, which the generator makes the same as the document's id.
export const collections = {
  policies: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${content}/policies` }) }),
  runbooks: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${content}/runbooks` }) }),
  controls: defineCollection({ loader: glob({ pattern: '*.yaml', base: `${content}/controls` }) }),
};
