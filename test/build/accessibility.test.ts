import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDirectory } from '../../src/server/static.ts';
import { launchChromium } from '../browser.ts';

// Every page of both example sites through axe-core (WCAG 2.1 AA rules) at a phone's and a
// laptop's width, in one browser: each page loads once and is checked again after the window
// narrows.

const build = inject('exampleBuild');
const sites = ['portal', 'trust'] as const;
const phone = 390;
const laptop = 1366;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const servers = new Map<string, ReturnType<typeof serveDirectory>>();
const base = (site: string) => `http://127.0.0.1:${(servers.get(site)!.address() as AddressInfo).port}`;

/** Every HTML page of a built site as a URL path: /, /controls/, …, /404.html. */
async function pages(site: string): Promise<string[]> {
  const files = await readdir(join(build, site), { recursive: true });
  return files
    .filter((f) => f.endsWith('.html'))
    .map((f) => '/' + f.replace(/index\.html$/, ''))
    .sort();
}

beforeAll(async () => {
  browser = await launchChromium();
  for (const site of sites) {
    const server = serveDirectory(join(build, site));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    servers.set(site, server);
  }
});
afterAll(async () => {
  await browser?.dispose();
  for (const server of servers.values()) server.close();
});

describe('accessibility', () => {
  it('finds no WCAG 2.1 AA violation on any page of either site, at 390 and 1366 px', { timeout: 1_800_000 }, async () => {
    const page = await browser.newPage();
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
