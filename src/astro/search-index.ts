import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';

/**
 * Indexes a built site with Pagefind; pages opt in with data-pagefind-body. The index of the
 * last build is kept in `cacheDir` under the digest of every page it read: when a rebuild
 * writes the same pages, the index is copied instead of made again (Pagefind cannot update one).
 * `reuse: false` (charter build --full) makes it again whatever, and keeps it for next time.
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
  const cached = cache && join(fileURLToPath(cache.dir), 'pagefind', digest.digest('hex'));
  // The output folder is not emptied between builds: an old index must not mix with this one.
  await rm(output, { recursive: true, force: true });
  if (cached && cache.reuse && (await stat(join(cached, 'index')).catch(() => undefined))) {
    await cp(join(cached, 'index'), output, { recursive: true });
    logger.info(`search index: ${await readFile(join(cached, 'pages'), 'utf8')} pages, unchanged since the last build`);
    return;
  }
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
  if (cached) {
    // Only the newest index is kept.
    await rm(join(cached, '..'), { recursive: true, force: true });
    await cp(output, join(cached, 'index'), { recursive: true });
    await writeFile(join(cached, 'pages'), String(indexed));
  }
}

/**
 * The HTML as Pagefind should read it: a space between adjacent tags, so the text of
 * neighbouring blocks (table cells, list items, a control's id and title) never runs together
 * into one word in excerpts ("FW-03Secure boot"). Text inside one element is left alone.
 */
export function separateBlocks(html: string): string {
  return html.replace(/>(?=<)/g, '> ');
}
