import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { serverDir } from '../../src/astro/build-paths.ts';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';
import { parseXml } from '../trust-xml.ts';

// Builds the trust center once from the example content, with canaries planted in internal
// content and a git history for the sub-processor list, then checks its outputs as a
// prospect, a feed reader, a crawler and a leak hunter would.

const run = promisify(execFile);
const CANARY = `CANARY-${Math.random().toString(36).slice(2)}-INTERNAL-ONLY`;
const TRUST_URL = 'https://trust.kestrel.example';

let example: ExampleRoot;
let root: string;
let out: string;
let site: string;
let cacheDir: string;
let internalPolicyIds: string[];
let portalHost: string;

/** Every file of the built site, decompressed when gzip or brotli, as text. */
async function siteFiles(): Promise<{ path: string; bytes: Buffer; text: string }[]> {
  const files = [];
  for (const entry of await readdir(site, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes = await readFile(path);
    // Search indexes (Pagefind) store gzip data under their own extensions: go by the magic bytes.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    else if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    files.push({ path: '/' + relative(site, path), bytes, text: bytes.toString('latin1') });
  }
  return files;
}

/** The site's HTML pages as URL paths: /, /controls/, … (404.html as /404/). */
async function htmlPages(): Promise<string[]> {
  return (await siteFiles())
    .map((f) => f.path)
    .filter((p) => p.endsWith('.html'))
    .map((p) => (p === '/404.html' ? '/404/' : p.replace(/index\.html$/, '')))
    .sort();
}

const text = (path: string) => readFile(join(site, path), 'utf8');
const exists = (urlPath: string) =>
  readFile(join(site, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath)).then(
    () => true,
    () => false,
  );
const pathOf = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  example = await exampleRoot('trust');
  ({ root, out } = example);
  site = join(out, 'trust');
  cacheDir = join(root, 'og-cache');
  const plant = example.plant;
  // Internal content of every kind the trust build must leave out.
  await plant(
    'content/policies/access-control.mdx',
    (t) => t.replace(/^title: (.*)$/m, `title: $1 ${CANARY}`) + `\n\nThe break-glass vault code is ${CANARY}.\n`,
  );
  await plant('content/runbooks/ota-rollback.mdx', (t) => `${t}\n\nCall the on-call line ${CANARY}.\n`);
  await plant('content/controls/AC-01.yaml', (t) => t.replace(/^description: /m, `description: ${CANARY} `));
  await plant('content/controls/AC-02.yaml', (t) => t.replace(/^title: (.*)$/m, `title: $1 ${CANARY}`));
  await plant('content/system-boundary.yaml', (t) => t.replace('its layout is kept internal', `its layout (${CANARY}) is kept internal`));
  await plant('content/shared-responsibility.yaml', (t) => t.replace('already provisioned.', `already provisioned by ${CANARY}.`));
  await plant('content/site.yaml', (t) => t.replace('name: Priya Raman', `name: Priya ${CANARY}`));

  const siteYaml = parse(await readFile(join(root, 'content/site.yaml'), 'utf8'));
  portalHost = new URL(siteYaml.portal.url).host;
  internalPolicyIds = [];
  for (const file of await readdir(join(root, 'content/policies'))) {
    const policy = await readFile(join(root, 'content/policies', file), 'utf8');
    if (!/^visibility: public$/m.test(policy)) internalPolicyIds.push(/^id: (.+)$/m.exec(policy)![1]!);
  }

  // A git history for the sub-processor list: the example list, then one added and one removed.
  const git = (args: string[], date = '2025-01-10T09:00:00Z') =>
    run('git', ['-C', root, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  await git(['init', '-q', '-b', 'main']);
  await git(['config', 'user.email', 'test@example.com']);
  await git(['config', 'user.name', 'Test']);
  await git(['config', 'commit.gpgsign', 'false']);
  await git(['add', 'content']);
  await git(['commit', '-q', '-m', 'Example content']);
  const list = parse(await readFile(join(root, 'content/subprocessors.yaml'), 'utf8'));
  list.subprocessors = list.subprocessors.filter((s: { name: string }) => s.name !== 'Twilio Inc.');
  list.subprocessors.push({
    name: 'Northwind Analytics GmbH',
    purpose: 'Fleet reporting & exports.',
    data: ['Aggregated telemetry'],
    location: 'Germany',
    transferMechanism: 'No transfer (EU)',
    since: '2026-04-20',
  });
  await writeFile(join(root, 'content/subprocessors.yaml'), stringify(list));
  await git(['commit', '-q', '-am', 'Add Northwind, remove Twilio'], '2026-04-01T12:00:00Z');

  await example.build({ target: 'trust', env: { CHARTER_OG_CACHE: cacheDir } });
});
afterAll(() => example.cleanup());

describe('the built trust center', () => {
  it('publishes the security updates as a valid Atom feed', async () => {
    const { feed } = parseXml(await text('updates/feed.xml'));
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe(`${TRUST_URL}/updates/feed.xml`);
    const updates = await readdir(join(root, 'content/trust/updates'));
    // Security advisories share the feed (test/build/trust-csaf.test.ts checks them); here, the posts.
    const posts = feed.entry.filter((e: any) => e.id.includes(':updates/'));
    expect(posts).toHaveLength(updates.length);
    for (const entry of posts) {
      expect(entry.id).toMatch(/^tag:trust\.kestrel\.example,\d{4}-\d{2}-\d{2}:updates\//);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(await exists(pathOf(entry.link[0]['@href']))).toBe(true);
      // The whole post, as the update's page shows it, with links that work away from the site.
      expect(entry.content['@type']).toBe('html');
      const post = await text(`${pathOf(entry.link[0]['@href'])}index.html`);
      const firstParagraph = /<div class="prose">\s*(<p>[\s\S]*?<\/p>)/.exec(post)![1]!;
      expect(entry.content['#text'].replace(/\s+/g, ' ')).toContain(firstParagraph.replace(/\s+/g, ' ').replace(/href="\//g, `href="${TRUST_URL}/`));
      expect(entry.content['#text']).not.toMatch(/(href|src)="\/(?!\/)/);
    }
  });

  it('derives the sub-processor feed from the git history of the list', async () => {
    const { feed } = parseXml(await text('subprocessors/feed.xml'));
    const [first, second, ...rest] = feed.entry;
    expect([first.title, first.updated]).toEqual(['New sub-processor: Northwind Analytics GmbH', '2026-04-01T12:00:00Z']);
    expect([second.title, second.updated]).toEqual(['Sub-processor removed: Twilio Inc.', '2026-04-01T12:00:00Z']);
    expect(first.content['#text']).toContain('Fleet reporting &amp; exports.');
    expect(first.link[0]['@href']).toBe(`${TRUST_URL}/subprocessors/#northwind-analytics-gmbh`);
    // The list as first committed counts as added on each sub-processor's start date.
    expect(rest.map((e: any) => e.title)).toContain('New sub-processor: Twilio Inc.');
    expect(feed.updated).toBe('2026-04-01T12:00:00Z');

    const page = await text('subprocessors/index.html');
    expect(page).toMatch(/Last changed<\/dt><dd><time datetime="2026-04-01">1 April 2026/);
    expect(page).toContain('id="northwind-analytics-gmbh"');
  });

  it('lists every public page in a valid sitemap, and robots.txt points to it', async () => {
    const { urlset } = parseXml(await text('sitemap.xml'));
    const locs: string[] = urlset.url.map((u: { loc: string }) => u.loc);
    expect(locs.every((l) => l.startsWith(`${TRUST_URL}/`))).toBe(true);
    expect(locs.map(pathOf).sort()).toEqual((await htmlPages()).filter((p) => p !== '/404/'));
    expect(await text('robots.txt')).toContain(`Sitemap: ${TRUST_URL}/sitemap.xml`);
  });

  it('publishes /.well-known/security.txt with the fields RFC 9116 requires', async () => {
    const body = await text('.well-known/security.txt');
    const fields = Object.fromEntries(
      body
        .trim()
        .split('\n')
        .map((l) => l.split(/: (.*)/s).slice(0, 2)),
    );
    expect(fields.Contact).toBe('mailto:security@kestrel.example');
    expect(fields.Canonical).toBe(`${TRUST_URL}/.well-known/security.txt`);
    expect(fields.Policy).toBe(`${TRUST_URL}/policies/vulnerability-disclosure/`);
    expect(await exists(pathOf(fields.Policy))).toBe(true);
    // 364 days after the instant the example is judged at: the end of its asOf day, 2026-11-22.
    expect(fields.Expires).toBe('2027-11-21T23:59:59Z');
  });

  it('gives every page a canonical URL, feed links and a 1200×630 preview image', async () => {
    for (const page of await htmlPages()) {
      const html = await text(page === '/404/' ? '404.html' : `${page}index.html`);
      if (page !== '/404/') expect(html, page).toContain(`<link rel="canonical" href="${TRUST_URL}${page}">`);
      // The 404 page has no address of its own to share.
      expect(/<meta property="og:url" content="([^"]+)"/.exec(html)?.[1], page).toBe(page === '/404/' ? undefined : `${TRUST_URL}${page}`);
      expect(html.match(/<link rel="alternate" type="application\/atom\+xml"/g), page).toHaveLength(2);
      const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
      expect(image, page).toBe(`${TRUST_URL}/og/${page.replace(/^\/|\/$/g, '') || 'index'}.png`);
      const png = await readFile(join(site, pathOf(image!)));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], page).toEqual([1200, 630]);
    }
  });

  it('runs no script and loads nothing from another site', async () => {
    for (const page of await htmlPages()) {
      const html = await text(page === '/404/' ? '404.html' : `${page}index.html`);
      expect(html, page).not.toMatch(/<script/i);
      // Resources the browser fetches by itself: stylesheets, icons, images, fonts.
      const fetched = [...html.matchAll(/<(?:link|img|source|iframe)\b[^>]*\b(?:href|src|srcset)="([^"]+)"/g)]
        .filter((m) => !/rel="(canonical|alternate)"/.test(m[0]))
        .map((m) => m[1]!);
      for (const url of fetched) expect(url.startsWith('/') && !url.startsWith('//'), `${page}: ${url}`).toBe(true);
    }
    const css = (await siteFiles()).filter((f) => f.path.endsWith('.css'));
    for (const file of css) expect(file.text, file.path).not.toMatch(/url\((["']?)(https?:)?\/\//);
  });
});

describe('the trust center never shows internal content', () => {
  it('has the canary in no file, compressed or not, and no search index', async () => {
    const hits = (await siteFiles()).filter((f) => f.text.includes(CANARY)).map((f) => f.path);
    expect(hits).toEqual([]);
    // The server half of the build (on-demand routes) is public too.
    const serverFiles = await readdir(serverDir(out, 'trust'), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of serverFiles.filter((e) => e.isFile())) {
      const path = join(entry.parentPath, entry.name);
      expect((await readFile(path, 'latin1')).includes(CANARY), path).toBe(false);
    }
    expect((await siteFiles()).some((f) => f.path.startsWith('/pagefind/'))).toBe(false);
  });

  it('makes a preview image for exactly the public pages', async () => {
    const images = (await siteFiles())
      .map((f) => f.path)
      .filter((p) => p.startsWith('/og/'))
      .map((p) => (p === '/og/index.png' ? '/' : p.replace(/^\/og/, '').replace(/\.png$/, '/')))
      .sort();
    expect(images).toEqual(await htmlPages());
    for (const id of internalPolicyIds) expect(images).not.toContain(`/policies/${id}/`);
    expect(images.some((p) => /^\/(runbooks|frameworks)\//.test(p) || /^\/controls\/./.test(p))).toBe(false);
  });

  it('rendered no preview image from internal content', async () => {
    // The image cache keeps each image's inputs beside it; the pixels cannot be searched.
    const inputs = (await readdir(cacheDir)).filter((f) => f.endsWith('.json'));
    expect(inputs).toHaveLength((await htmlPages()).length);
    for (const file of inputs) expect(await readFile(join(cacheDir, file), 'utf8'), file).not.toContain(CANARY);
  });

  it('links the sitemap and feeds only to public trust-center addresses', async () => {
    const urls: string[] = [];
    for (const doc of ['sitemap.xml', 'updates/feed.xml', 'subprocessors/feed.xml']) {
      const body = await text(doc);
      expect(body, doc).not.toContain(portalHost);
      urls.push(...[...body.matchAll(/<loc>([^<]+)<\/loc>|href="([^"]+)"/g)].map((m) => (m[1] ?? m[2])!.replace(/&amp;/g, '&')));
    }
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) {
      expect(url.startsWith(`${TRUST_URL}/`), url).toBe(true);
      expect(await exists(pathOf(url)), url).toBe(true);
    }
    for (const file of await siteFiles()) expect(file.text.includes(portalHost), file.path).toBe(false);
  });
});
