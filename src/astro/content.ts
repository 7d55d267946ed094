import { getCollection, type CollectionEntry } from 'astro:content';
import type { CollectionName } from '../lib/collections.ts';
import { emptyContentSet, type ContentSet, type Entry } from '../lib/load.ts';

type AnyEntry = CollectionEntry<string>;

/** Reads the collections this build defines into the shape `buildGraph` takes. */
export async function loadContentSet(names: readonly CollectionName[]): Promise<{ content: ContentSet; entries: Map<string, AnyEntry> }> {
  const content = emptyContentSet() as unknown as Record<string, unknown>;
  const entries = new Map<string, AnyEntry>();
  for (const name of names) {
    const list = (await getCollection(name as never)) as AnyEntry[];
    const mapped: Entry<unknown>[] = list.map((e) => {
      entries.set(`${name}/${e.id}`, e);
      return { id: e.id, file: e.filePath ?? '', data: e.data, body: e.body };
    });
    content[name] = Array.isArray(content[name]) ? mapped : mapped[0];
  }
  return { content: content as unknown as ContentSet, entries };
}
