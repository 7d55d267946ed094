import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { serveExampleSites, sites } from './example-sites.ts';

// Every page of both example sites through axe-core (WCAG 2.1 AA rules) at a phone's and a
// laptop's width, in one browser: each page loads once and is checked again after the window
// narrows.

const { browser, base, pages } = serveExampleSites();
const phone = 390;
const laptop = 1366;

describe('accessibility', () => {
  it('finds no WCAG 2.1 AA violation on any page of either site, at 390 and 1366 px', { timeout: 1_800_000 }, async () => {
    const page = await browser().newPage();
    const violations: string[] = [];
    let checked = 0;
    for (const site of sites) {
      const paths = await pages(site);
      expect(paths.length).toBeGreaterThan(site === 'portal' ? 70 : 10);
      for (const path of paths) {
        // One load per page; axe runs again after the window narrows, as a phone would lay it out.
        await page.setViewportSize({ width: laptop, height: 900 });
        await page.goto(base(site) + path, { waitUntil: 'load' });
        for (const width of [laptop, phone]) {
          await page.setViewportSize({ width, height: 900 });
          const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          checked++;
          for (const v of result.violations) {
            violations.push(`${site} ${path} at ${width} px: ${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          }
        }
      }
    }
    await page.close();
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});
