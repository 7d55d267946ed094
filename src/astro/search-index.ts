import { join } from 'node:path';
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
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    await index.writeFiles({ outputPath: join(site, 'pagefind') });
    logger.info(`search index: ${added.page_count} pages`);
  } finally {
    await pagefind.close();
  }
}
