import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import type { CollectionName } from '../lib/content/collections.ts';
import { validateEntry } from '../lib/content/load.ts';
import { needsMdx } from '../lib/content/mdx.ts';
import { formatProblem } from '../lib/content/problems.ts';
import { readCollection } from '../lib/content/read.ts';
import { directorySource } from '../lib/content/source.ts';
import type { CollectionView } from '../lib/content/targets.ts';

type Rendered = NonNullable<NonNullable<ReturnType<Parameters<Loader['load']>[0]['store']['get']>>['rendered']>;

/**
 * Rendered Markdown byte for byte as MDX renders the same body: MDX writes a straight double
 * quote in text (inline code, mostly) as &quot; and ends without the newline Markdown ends in.
 */
async function asMdxWould(rendering: Promise<Rendered>): Promise<Rendered> {
  const rendered = await rendering;
  const html = rendered.html.replace(/(^|>)([^<]*)/g, (_, open: string, text: string) => open + text.replaceAll('"', '&quot;')).replace(/\n$/, '');
  return { ...rendered, html };
}

/** Collections whose pages show only the rendered body (the digest stands for the source in cache keys). */
const withoutSource = new Set<CollectionName>(['policies', 'runbooks']);

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
      // Markdown rendered by an earlier build, by digest: an unchanged body is not rendered again.
      const previous = new Map<string, Rendered>();
      for (const old of store.values()) if (old.digest !== undefined && old.rendered) previous.set(String(old.digest), old.rendered);
      store.clear();
      for (const raw of entries) {
        const { entry, problems: entryProblems } = validateEntry(raw);
        invalid.push(...entryProblems);
        if (!entry) continue;
        const data = view.project(entry.data) as Record<string, unknown> | undefined;
        if (data === undefined) continue;
        const absolute = join(root, entry.file);
        const filePath = relative(fileURLToPath(config.root), absolute);
        // The file's kind is part of the digest: an .mdx body renders a little differently from the same .md body.
        const digest = generateDigest(`${extname(entry.file)}\n${JSON.stringify(data)}\n${entry.body ?? ''}`);
        if (entry.body !== undefined && entry.file.endsWith('.mdx') && needsMdx(entry.body)) {
          // MDX compiles as a module; Astro imports it when a page renders the entry.
          store.set({ id: entry.id, data, body: entry.body, filePath, digest, deferredRender: true });
        } else if (entry.body !== undefined) {
          // Plain Markdown (most .mdx bodies are) renders here, without a module to bundle.
          const mdx = entry.file.endsWith('.mdx');
          const rendered = previous.get(digest) ?? (mdx ? await asMdxWould(renderMarkdown(entry.body)) : await renderMarkdown(entry.body));
          // Every page imports the whole data store: a policy or runbook keeps only its HTML, not also its source.
          const body = withoutSource.has(name) ? undefined : entry.body;
          store.set({ id: entry.id, data, ...(body === undefined ? {} : { body }), filePath, digest, rendered });
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
