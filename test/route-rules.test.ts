import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteRoutes } from '../src/astro/site-routes.ts';
import { targets } from '../src/lib/content/targets.ts';

const src = join(import.meta.dirname, '../src');
/** The route files or the components of both sites (src/sites/<site>/routes/, …/components/). */
async function sources(kind: 'routes' | 'components'): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(join(src, 'sites'), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.(astro|ts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => file.includes(`/${kind}/`));
  // A search that finds no files would prove nothing.
  if (files.length === 0) throw new Error(`no ${kind} files under src/sites/`);
  return Promise.all(files.map(async (file) => ({ file: file.slice(src.length + 1), text: await readFile(file, 'utf8') })));
}

describe('route files hold no rules of their own', () => {
  it('leave methods, origins and caching to the middleware', async () => {
    const offenders = (await sources('routes')).filter(({ text }) =>
      /isSameOrigin|method !== 'POST'|headers\.set\('cache-control'|'cache-control': 'no-store'[,\s]*}/.test(text),
    );
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('verify no signed link and decide no access themselves', async () => {
    const offenders = (await sources('routes')).filter(({ text }) => /verifyToken|server\/tokens/.test(text));
    expect(offenders.map((o) => o.file)).toEqual([]);
    const coverage = await readFile(join(src, 'sites/portal/routes/acknowledgements.astro'), 'utf8');
    expect(coverage).not.toMatch(/graph|people\.values|\.some\(/);
  });

  it('leave opening the server runtime to pages: components only render', async () => {
    const offenders = (await sources('components')).filter(({ text }) => /server\/instances|Runtime\(\)/.test(text));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });
});

describe('the route table', () => {
  it('sends visits to forms-only routes somewhere, and names each route file once per site', () => {
    for (const target of targets) {
      for (const route of siteRoutes[target]) {
        if (route.onDemand?.forms === 'only') expect(route.onDemand.otherwise, route.pattern).toMatch(/^\/.*\/$/);
      }
      const patterns = siteRoutes[target].map((r) => r.pattern);
      expect(new Set(patterns).size).toBe(patterns.length);
    }
  });
});
