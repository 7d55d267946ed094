import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { routes } from '../../src/astro/integration.ts';

const portal = join(inject('exampleBuild'), 'portal');
// Pages the portal's server renders per request: links to them are fine though no file exists.
const serverPages = new Set(routes.portal.filter((r) => 'prerender' in r).map((r) => `${r.pattern}/`));

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

/** The file a site path is served from, or undefined when nothing is there. */
function fileFor(path: string): string | undefined {
  const file = join(portal, decodeURIComponent(path));
  if (existsSync(join(file, 'index.html'))) return join(file, 'index.html');
  return existsSync(file) && !file.endsWith('/') ? file : undefined;
}

const idsCache = new Map<string, Set<string>>();
function idsIn(file: string): Set<string> {
  if (!idsCache.has(file)) {
    const ids = parse(readFileSync(file, 'utf8'))
      .querySelectorAll('[id]')
      .map((el) => el.id);
    idsCache.set(file, new Set(ids));
  }
  return idsCache.get(file)!;
}

describe('the portal has no broken links', () => {
  it('resolves every internal link and anchor on every page', async () => {
    const files = await htmlFiles(portal);
    expect(files.length).toBeGreaterThan(70);
    const broken: string[] = [];
    let checked = 0;
    for (const file of files) {
      const page = '/' + file.slice(portal.length + 1).replace(/index\.html$/, '');
      const root = parse(readFileSync(file, 'utf8'));
      for (const element of root.querySelectorAll('a[href], link[href], script[src], img[src]')) {
        const target = element.getAttribute('href') ?? element.getAttribute('src')!;
        if (/^(https?:|mailto:|data:)/.test(target)) continue;
        const url = new URL(target, `http://portal${page}`);
        checked++;
        if (serverPages.has(url.pathname)) continue;
        const resolved = url.pathname === page && url.hash ? file : fileFor(url.pathname);
        if (!resolved) {
          broken.push(`${page}: ${target} (no such page)`);
        } else if (url.hash && resolved.endsWith('.html') && !idsIn(resolved).has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${page}: ${target} (no element with id "${url.hash.slice(1)}")`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    const unformatted = files.filter((file) => /Invalid Date|NaN|undefined<|>undefined/.test(readFileSync(file, 'utf8')));
    expect(unformatted).toEqual([]);
  });

  it('says how to offer an audit package, and links none, when the content root has none', () => {
    const page = readFileSync(join(portal, 'exports/index.html'), 'utf8');
    expect(page).not.toContain('href="/exports/audit-packages/');
    expect(page).toContain('This build has no audit package.');
  });

  it('publishes the auditor exports as CSV files with a row per requirement', () => {
    const soa = readFileSync(join(portal, 'exports/iso27001-statement-of-applicability.csv'), 'utf8');
    const lines = soa.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFControl,Title,Theme,Applicable,Inclusion justification,Exclusion justification,Implementation status,Planned for,Internal controls,Policies',
    );
    expect(lines).toHaveLength(1 + 93);
    // An exclusion carries its justification and no inclusion; a planned control its date.
    expect(lines.find((l) => l.startsWith('A.7.11,'))).toMatch(/^A\.7\.11,[^,]+,[^,]+,No,,"Kestrel runs no server room.*",Not applicable,,,$/);
    expect(lines.find((l) => l.startsWith('A.5.30,'))).toContain(',Planned,2027-03-15,BC-03,');
    const matrix = readFileSync(join(portal, 'exports/soc2-control-matrix.csv'), 'utf8');
    expect(matrix).toContain('CC6.1,');
  });

  it("headlines SOC 2 coverage over the report's scope and lists the other criteria apart", () => {
    const page = readFileSync(join(portal, 'frameworks/soc2/index.html'), 'utf8');
    expect(page).toMatch(/<div class="stat">100%<\/div><div class="muted">of applicable in-scope requirements covered/);
    expect(page).toContain('Outside the scope');
    expect(page.indexOf('id="out-of-scope"')).toBeLessThan(page.indexOf('P1 Privacy notice'));
  });

  it('shows every boundary component and responsibility row, internal ones too, linked to their controls', () => {
    const page = readFileSync(join(portal, 'boundary/index.html'), 'utf8');
    expect(page).toContain('Production privileged access path');
    expect(page).toContain('Returned and failed gateways');
    expect(page).toMatch(/href="\/controls\/AC-05\/"/);
    expect(readFileSync(join(portal, 'index.html'), 'utf8')).toContain('href="/boundary/"');
  });

  it('writes a search index for the portal', () => {
    expect(existsSync(join(portal, 'pagefind/pagefind.js'))).toBe(true);
    expect(existsSync(join(portal, 'pagefind/pagefind-entry.json'))).toBe(true);
  });
});
