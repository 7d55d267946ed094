import { defineCollection } from 'astro:content';
import { charterLoader } from './astro/loader.ts';
import type { CollectionName } from './lib/content/collections.ts';
import { currentTarget, targetViews } from './lib/content/targets.ts';

// Only the collections this build's target may see are defined at all.
const views = targetViews[currentTarget()];

export const collections = Object.fromEntries(
  Object.entries(views).map(([name, view]) => [name, defineCollection({ loader: charterLoader(name as CollectionName, view), schema: view.schema })]),
);
