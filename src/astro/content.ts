import { relative, resolve } from 'node:path';
import { getCollection, render } from 'astro:content';
import type { CollectionName } from '../lib/content/collections.ts';
import { emptyContentSet, type ContentSet, type Entry } from '../lib/content/load.ts';

/**
 * A stored entry of any collection. The collections are defined per target at run time, so
 * Astro's generated types cannot name them; src/lib's schemas type the data instead.
 */
export interface AnyEntry {
  id: string;
  collection: string;
  data: unknown;
  body?: string;
  filePath?: string;
  /** Changes with the file's data and body (src/astro/loader.ts). */
  digest?: string;
}

/** Every entry of a collection this build defines. */
export async function entriesOf(name: string): Promise<AnyEntry[]> {
  return (await getCollection(name as never)) as unknown as AnyEntry[];
}

/** The rendered body of a Markdown or MDX entry, with its headings. */
export async function renderEntry(entry: AnyEntry) {
  return render(entry as never);
}

/** Reads the collections this build defines into the shape `buildGraph` takes. */
export async function loadContentSet(names: readonly CollectionName[], root: string): Promise<{ content: ContentSet; entries: Map<string, AnyEntry> }> {
  const content = emptyContentSet() as unknown as Record<string, unknown>;
  const entries = new Map<string, AnyEntry>();
  for (const name of names) {
    const list = await entriesOf(name);
    const mapped: Entry<unknown>[] = list.map((e) => {
      entries.set(`${name}/${e.id}`, e);
      // Astro records paths from the project folder; the graph, like the CLI, uses the content root.
      const file = e.filePath ? relative(root, resolve(process.cwd(), e.filePath)).split('\\').join('/') : '';
      return { id: e.id, file, data: e.data, body: e.body };
    });
    content[name] = Array.isArray(content[name]) ? mapped : mapped[0];
  }
  return { content: content as unknown as ContentSet, entries };
}
