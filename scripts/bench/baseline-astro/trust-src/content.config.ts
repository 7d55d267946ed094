import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const content = `${process.env.BENCH_CONTENT_ROOT}/content`;

// The trust center's counterpart: it reads every policy and publishes the public ones.
export const collections = {
  policies: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${content}/policies` }) }),
};
