import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';

/** Indexes a built site with Pagefind; pages opt in with data-pagefind-body. */
export async function writeSearchIndex(dir: URL, logger: AstroIntegrationLogger): Promise<void> {
  const pagefind = await import('pagefind');
  try {
    // Labels and commit tables would crowd result excerpts without helping anyone find a page.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.eyebrow', '.doc-history', '.toc'] });
    if (!index) throw new Error(errors.join('; '));
    const site = fileURLToPath(dir);
    let pages = 0;
    for (const file of (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html')).sort()) {
      const url =
        '/' +
        file
          .split(sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1');
      const added = await index.addHTMLFile({ url, content: separateBlocks(await readFile(join(site, file), 'utf8')) });
      if (added.errors.length) throw new Error(`${file}: ${added.errors.join('; ')}`);
      if (added.file) pages++;
    }
    await index.writeFiles({ outputPath: join(site, 'pagefind') });
    logger.info(`search index: ${pages} pages`);
  } finally {
    await pagefind.close();
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
