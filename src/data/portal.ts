import { render } from 'astro:content';
import { loadContentSet } from '../astro/content.ts';
import { collections, type CollectionName } from '../lib/collections.ts';
import { coverage } from '../lib/coverage.ts';
import { buildGraph } from '../lib/graph.ts';

// Built once per build; every portal page reads from here.
const { content, entries } = await loadContentSet(Object.keys(collections) as CollectionName[]);
export const graph = buildGraph(content).graph;
export const site = graph.site!;

export const policies = [...graph.policies.values()].sort((a, b) => a.data.title.localeCompare(b.data.title));
export const runbooks = [...graph.runbooks.values()].sort((a, b) => a.data.title.localeCompare(b.data.title));
export const controls = [...graph.controls.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
// In the order content/site.yaml lists them, then any other catalog.
const frameworkOrder = site.frameworks.map((f) => f.framework as string);
const rank = (id: string) => (frameworkOrder.includes(id) ? frameworkOrder.indexOf(id) : frameworkOrder.length);
export const frameworks = [...graph.frameworks.values()]
  .sort((a, b) => rank(a.id) - rank(b.id))
  .map((framework) => ({ framework, coverage: coverage(framework) }));

/** The rendered MDX body of a document. */
export async function renderBody(collection: 'policies' | 'runbooks', slug: string) {
  const entry = entries.get(`${collection}/${slug}`);
  if (!entry) throw new Error(`no ${collection} entry "${slug}"`);
  return (await render(entry)).Content;
}
