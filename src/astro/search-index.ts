import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Indexes a built site (the folder `site`) with Pagefind; pages opt in with data-pagefind-body.
 * The digest of every page the index read is kept in `cache.dir`: when a rebuild writes the same
 * pages, the index in the output folder is left as it is (Pagefind cannot update one, only make
 * it again). `reuse: false` (charter build --full) makes it again whatever, and records it for
 * next time.
 */
export async function writeSearchIndex(site: string, cache: { dir: string; reuse: boolean }): Promise<void> {
  const output = join(site, 'pagefind');
  const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  // One file at a time, and read again to index: tens of thousands of pages held or opened at once
  // run out of memory or file handles.
  const digest = createHash('sha256');
  for (const file of files)
    digest
      .update(file)
      .update('\0')
      .update(await readFile(join(site, file)))
      .update('\0');
  // The output folder is not emptied between builds: when every page is what the last index was
  // made from (src/astro/stale-files.ts leaves pagefind/ alone), that index stays as it is.
  const record = join(cache.dir, 'search-index.json');
  const hex = digest.digest('hex');
  const last = cache.reuse ? (JSON.parse(await readFile(record, 'utf8').catch(() => 'null')) as { digest: string } | null) : null;
  if (last?.digest === hex && (await stat(join(output, 'pagefind-entry.json')).catch(() => undefined))) return;
  // Forgotten first, so that an index left half-written is never taken for a finished one.
  await rm(record, { force: true });
  await rm(output, { recursive: true, force: true });
  // Pagefind reads a folder about twice as fast as pages sent to it one message at a time, so it
  // reads a copy of the pages with their blocks separated.
  const copy = await mkdtemp(join(tmpdir(), 'charter-search-'));
  const pagefind = await import('pagefind');
  try {
    await copySeparated(site, files, copy);
    // Labels and commit tables would crowd result excerpts without helping anyone find a page.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.eyebrow', '.doc-history', '.toc'] });
    if (!index) throw new Error(errors.join('; '));
    const added = await index.addDirectory({ path: copy });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    await index.writeFiles({ outputPath: output });
  } finally {
    await pagefind.close();
    await rm(copy, { recursive: true, force: true });
  }
  await mkdir(cache.dir, { recursive: true });
  await writeFile(record, JSON.stringify({ digest: hex }));
}

/** Writes each page of `site` under `copy` as `separateBlocks` makes it, a few at a time: tens of thousands at once run out of file handles. */
async function copySeparated(site: string, files: readonly string[], copy: string): Promise<void> {
  let next = 0;
  const copyNext = async (): Promise<void> => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      const target = join(copy, file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, separateBlocks(await readFile(join(site, file), 'utf8')));
    }
  };
  await Promise.all(Array.from({ length: 16 }, copyNext));
}

/**
 * The HTML as Pagefind should read it: a space between adjacent tags, so the text of
 * neighbouring blocks (table cells, list items, a control's id and title) never runs together
 * into one word in excerpts ("FW-03Secure boot"). Text inside one element is left alone.
 */
export function separateBlocks(html: string): string {
  return html.replace(/>(?=<)/g, '> ');
}
