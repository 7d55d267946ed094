import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';

/**
 * Indexes a built site with Pagefind; pages opt in with data-pagefind-body. The digest of every
 * page the index read is kept in `cacheDir`: when a rebuild writes the same pages, the index in
 * the output folder is left as it is (Pagefind cannot update one, only make it again).
 * `reuse: false` (charter build --full) makes it again whatever, and records it for next time.
 */
export async function writeSearchIndex(dir: URL, logger: AstroIntegrationLogger, cache?: { dir: URL; reuse: boolean }): Promise<void> {
  const site = fileURLToPath(dir);
  const output = join(site, 'pagefind');
  const files = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
  const urlOf = (file: string) =>
    '/' +
    file
      .split(sep)
      .join('/')
      .replace(/(^|\/)index\.html$/, '$1');
  // One file at a time, and read again to index: tens of thousands of pages held or opened at once
  // run out of memory or file handles.
  const digest = createHash('sha256');
  for (const file of files)
    digest
      .update(urlOf(file))
      .update('\0')
      .update(await readFile(join(site, file)))
      .update('\0');
  // The output folder is not emptied between builds: when every page is what the last index was
  // made from (src/astro/stale-files.ts leaves pagefind/ alone), that index stays as it is.
  const record = cache && join(fileURLToPath(cache.dir), 'search-index.json');
  const hex = digest.digest('hex');
  const last = record && cache.reuse ? (JSON.parse(await readFile(record, 'utf8').catch(() => 'null')) as { digest: string; pages: number } | null) : null;
  if (last?.digest === hex && (await stat(join(output, 'pagefind-entry.json')).catch(() => undefined))) {
    logger.info(`search index: ${last.pages} pages, unchanged since the last build`);
    return;
  }
  // Forgotten first, so that an index left half-written is never taken for a finished one.
  if (record) await rm(record, { force: true });
  await rm(output, { recursive: true, force: true });
  const pagefind = await import('pagefind');
  let indexed = 0;
  try {
    // Labels and commit tables would crowd result excerpts without helping anyone find a page.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.eyebrow', '.doc-history', '.toc'] });
    if (!index) throw new Error(errors.join('; '));
    for (const file of files) {
      const added = await index.addHTMLFile({ url: urlOf(file), content: separateBlocks(await readFile(join(site, file), 'utf8')) });
      if (added.errors.length) throw new Error(`${file}: ${added.errors.join('; ')}`);
      if (added.file) indexed++;
    }
    await index.writeFiles({ outputPath: output });
    logger.info(`search index: ${indexed} pages`);
  } finally {
    await pagefind.close();
  }
  if (record) await writeFile(record, JSON.stringify({ digest: hex, pages: indexed }));
}

/**
 * The HTML as Pagefind should read it: a space between adjacent tags, so the text of
 * neighbouring blocks (table cells, list items, a control's id and title) never runs together
 * into one word in excerpts ("FW-03Secure boot"). Text inside one element is left alone.
 */
export function separateBlocks(html: string): string {
  return html.replace(/>(?=<)/g, '> ');
}
