// Screenshots of the built sites for the README and for reviewing changes:
//   node scripts/screenshots.mjs [outDir=docs/screenshots] [builtDir=dist] [name-filter]   (after npm run example)
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveDirectory } from '../src/server/static.ts';
import { launchChromium } from '../test/browser.ts';

const out = process.argv[2] ?? 'docs/screenshots';
const built = process.argv[3] ?? 'dist';
const only = process.argv[4] ? new RegExp(process.argv[4]) : undefined;
const shots = [
  ['portal', '/', 'portal-home'],
  ['portal', '/policies/access-control/', 'portal-policy'],
  // The URL's fragment scrolls to the history table: versions, pull requests and approvers.
  ['portal', '/policies/access-control/#history', 'portal-policy-history'],
  ['portal', '/controls/AC-01/', 'portal-control'],
  ['portal', '/evidence/', 'portal-evidence'],
  ['portal', '/evidence/last-12-months/', 'portal-evidence-12-months'],
  ['portal', '/evidence/soc2-2026-04-01-to-2027-03-31/', 'portal-evidence-audit-period'],
  ['portal', '/controls/DI-03/', 'portal-control-stale'],
  ['portal', '/controls/SD-02/', 'portal-control-missing'],
  ['portal', '/frameworks/iso27001/', 'portal-framework'],
  ['portal', '/search/?q=firmware%20signing', 'portal-search'],
  ['portal', '/soa/', 'portal-soa'],
  ['portal', '/matrix/', 'portal-matrix'],
  ['trust', '/', 'trust-home'],
  ['trust', '/subprocessors/', 'trust-subprocessors'],
  ['trust', '/system-boundary/', 'trust-boundary'],
  ['trust', '/controls/', 'trust-controls'],
  ['trust', '/updates/', 'trust-updates'],
  ['trust', '/documents/', 'trust-documents'],
  ['trust', '/documents/soc2-type2-2026/', 'trust-document-request'],
];
const viewports = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };

await mkdir(out, { recursive: true });
const servers = {};
for (const site of ['portal', 'trust']) {
  const server = serveDirectory(resolve(built, site));
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  servers[site] = server;
}
for (const [name, viewport] of Object.entries(viewports)) {
  const browser = await launchChromium({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
  const page = await browser.newPage();
  for (const [site, path, file] of shots) {
    if (only && !only.test(file)) continue;
    const { port } = servers[site].address();
    await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'networkidle' });
    if (path.startsWith('/search/')) await page.waitForSelector('.pagefind-ui__result', { timeout: 10_000 });
    await page.screenshot({ path: join(out, `${file}-${name}.png`) });
  }
  await browser.dispose();
}
for (const server of Object.values(servers)) server.close();
console.log(`screenshots written to ${out}/`);
