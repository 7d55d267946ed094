import { readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { serveDirectory } from '../../src/server/static.ts';
import { launchChromium } from '../browser.ts';

export const sites = ['portal', 'trust'] as const;
export type Site = (typeof sites)[number];

/**
 * Serves both sites of the shared example build on 127.0.0.1 and opens one Chromium for the
 * test file; both close after it. `browser()` and `base(site)` are valid inside tests.
 */
export function serveExampleSites() {
  const build = inject('exampleBuild');
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const servers = new Map<Site, ReturnType<typeof serveDirectory>>();
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
  return {
    browser: () => browser!,
    base: (site: Site) => `http://127.0.0.1:${(servers.get(site)!.address() as AddressInfo).port}`,
    /** Every HTML page of a built site as a URL path: /, /controls/, …, /404.html. */
    async pages(site: Site): Promise<string[]> {
      const files = await readdir(join(build, site), { recursive: true });
      return files
        .filter((f) => f.endsWith('.html'))
        .map((f) => '/' + f.replace(/index\.html$/, ''))
        .sort();
    },
  };
}
