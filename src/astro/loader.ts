import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { CollectionName } from '../lib/content/collections.ts';
import { validateEntry } from '../lib/content/load.ts';
import { formatProblem } from '../lib/content/problems.ts';
import { readCollection } from '../lib/content/read.ts';
import { directorySource } from '../lib/content/source.ts';
import type { CollectionView } from '../lib/content/targets.ts';

/** The folder holding content/ and frameworks/: CHARTER_ROOT, or the project itself. */
export function contentRoot(projectRoot: URL): string {
  return process.env.CHARTER_ROOT ?? fileURLToPath(projectRoot);
}

/**
 * An Astro loader that reads a collection with the same reader and schemas as
 * `charter check`, then stores only what the target's view lets through.
 */
export function charterLoader(name: CollectionName, view: CollectionView): Loader {
  return {
    name: `charter:${name}`,
    load: async ({ config, store, renderMarkdown, generateDigest }) => {
      const root = contentRoot(config.root);
      const { entries, problems } = await readCollection(directorySource(root), name);
      const invalid = [...problems];
      store.clear();
      for (const raw of entries) {
        const { entry, problems: entryProblems } = validateEntry(raw);
        invalid.push(...entryProblems);
        if (!entry) continue;
        const data = view.project(entry.data) as Record<string, unknown> | undefined;
        if (data === undefined) continue;
        const absolute = join(root, entry.file);
        const filePath = relative(fileURLToPath(config.root), absolute);
        const digest = generateDigest(entry.body ?? JSON.stringify(data));
        if (entry.body !== undefined && entry.file.endsWith('.mdx')) {
          // MDX compiles as a module; Astro imports it when a page renders the entry.
          store.set({ id: entry.id, data, body: entry.body, filePath, digest, deferredRender: true });
        } else if (entry.body !== undefined) {
          store.set({ id: entry.id, data, body: entry.body, filePath, digest, rendered: await renderMarkdown(entry.body) });
        } else {
          store.set({ id: entry.id, data, filePath, digest });
        }
      }
      if (invalid.length) {
        throw new Error(`invalid content; run \`charter check\` for details:\n${invalid.map(formatProblem).join('\n')}`);
      }
    },
  };
}
