import { describe, expect, it } from 'vitest';
import { serveExampleSites } from './example-sites.ts';

// The example sites as a visitor's browser sees them: the trust center's navigation within
// reach of a thumb on every page, and portal search excerpts that read as words.

const { browser, base, pages } = serveExampleSites();
const phone = 390;

describe('the trust center on a phone', () => {
  it('shows every section of its navigation, each a tap target of at least 24×24 px, on every page, without JavaScript', async () => {
    const page = await browser().newPage();
    await page.setViewportSize({ width: phone, height: 844 });
    const cdp = await browser().newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    const problems: string[] = [];
    const paths = await pages('trust');
    for (const path of paths) {
      await page.goto(base('trust') + path);
      const links = await page.$$eval('nav.site-nav a', (anchors) =>
        anchors.map((a) => {
          const box = a.getBoundingClientRect();
          const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
          return { label: a.textContent!.trim(), x: box.x, y: box.y, width: box.width, height: box.height, onTop: !!hit && (hit === a || a.contains(hit)) };
        }),
      );
      expect(links.length, path).toBeGreaterThanOrEqual(7);
      for (const l of links) {
        const inView = l.x >= 0 && l.y >= 0 && l.x + l.width <= phone && l.y + l.height <= 844;
        if (!inView || l.width < 24 || l.height < 24 || !l.onTop)
          problems.push(
            `${path}: "${l.label}" at ${Math.round(l.x)},${Math.round(l.y)} ${Math.round(l.width)}×${Math.round(l.height)}${l.onTop ? '' : ', covered'}`,
          );
      }
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});

describe('portal search', () => {
  it('returns excerpts whose words are words on the page, and each page once', { timeout: 120_000 }, async () => {
    const page = await browser().newPage();
    await page.goto(`${base('portal')}/search/`);
    // Pagefind's own client, as the search page loads it (a string: vitest would rewrite a dynamic import).
    const queries = ['secure boot', 'incident', 'deletion', 'evidence freshness', 'encryption in transit', 'tls 1.2 or later'];
    const results: { query: string; url: string; excerpt: string }[] = await page.evaluate(`(async () => {
      const pagefind = await import('/pagefind/pagefind.js');
      const out = [];
      for (const query of ${JSON.stringify(queries)}) {
        const search = await pagefind.search(query);
        for (const result of search.results.slice(0, 8)) {
          const data = await result.data();
          out.push({ query, url: data.url, excerpt: data.excerpt });
        }
      }
      return out;
    })()`);
    expect(results.length).toBeGreaterThan(10);

    const urls = results.map((r) => `${r.query} ${r.url}`);
    expect(new Set(urls).size, 'a page comes back twice for one query').toBe(urls.length);
    expect(results.map((r) => r.url)).not.toContain('/evidence/last-12-months/');

    // Every word of an excerpt is a word a reader sees on that page: two blocks' text run
    // together ("FW-03Secure boot") is not.
    const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    const pageWords = new Map<string, Set<string>>();
    const runTogether: string[] = [];
    for (const r of results) {
      if (!pageWords.has(r.url)) {
        await page.goto(base('portal') + r.url);
        pageWords.set(r.url, new Set(wordsOf(await page.locator('main').innerText())));
      }
      const excerpt = r.excerpt
        .replace(/<\/?mark>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"');
      for (const word of wordsOf(excerpt)) if (!pageWords.get(r.url)!.has(word)) runTogether.push(`${r.query} → ${r.url}: "${word}" in "${excerpt}"`);
    }
    await page.close();
    expect(runTogether).toEqual([]);
    // A control's code and title are two words ("IR-01 Incident response plan") in the page's text too,
    // where the code's styling does not reach: an excerpt never glues them into one.
    const glued = results.map((r) => r.excerpt.replace(/<\/?mark>/g, '')).filter((excerpt) => /\b[A-Z]{2}-\d{2}[A-Za-z]/.test(excerpt));
    expect(glued).toEqual([]);
  });
});
