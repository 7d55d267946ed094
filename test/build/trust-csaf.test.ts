import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'node-html-parser';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverDir } from '../../src/astro/build-paths.ts';
import { csafErrors } from '../csaf.ts';
import { parseXml } from '../trust-xml.ts';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';

// What a buyer's CSAF tooling and a visitor find in the example trust center.
describe('the example trust center as a CSAF provider', () => {
  const trust = join(inject('exampleBuild'), 'trust');
  const read = (path: string) => readFileSync(join(trust, path), 'utf8');
  const csafDir = join(trust, '.well-known/csaf');
  const documents = readdirSync(join(csafDir, 'white'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => `.well-known/csaf/white/${f}`)
    .sort();

  it('publishes each advisory and the VEX as valid CSAF 2.0, with hashes, in index.txt', async () => {
    expect(documents).toEqual([
      '.well-known/csaf/white/2025/kg-200-vex.json',
      '.well-known/csaf/white/2025/ksa-2025-001.json',
      '.well-known/csaf/white/2025/ksa-2025-002.json',
      '.well-known/csaf/white/2026/ksa-2026-001.json',
      '.well-known/csaf/white/2026/ksa-2026-002.json',
    ]);
    for (const path of documents) {
      const text = read(path);
      expect(await csafErrors(JSON.parse(text)), path).toEqual([]);
      expect(read(`${path}.sha512`).split(' ')[0]).toBe(createHash('sha512').update(text).digest('hex'));
    }
    const index = read('.well-known/csaf/white/index.txt').trimEnd().split('\n');
    expect(index).toEqual(documents.map((p) => relative('.well-known/csaf/white', p)));
  });

  it('points security.txt, the provider metadata and the feed at each other', () => {
    const metadataUrl = 'https://trust.kestrel.example/.well-known/csaf/provider-metadata.json';
    expect(read('.well-known/security.txt')).toContain(`\nCSAF: ${metadataUrl}\n`);
    const metadata = JSON.parse(read('.well-known/csaf/provider-metadata.json'));
    expect(metadata.canonical_url).toBe(metadataUrl);
    const feedUrl = metadata.distributions[0].rolie.feeds[0].url as string;
    const feed = JSON.parse(read(new URL(feedUrl).pathname.slice(1))).feed;
    expect(feed.entry.map((e: { content: { src: string } }) => new URL(e.content.src).pathname.slice(1)).sort()).toEqual(documents);
  });

  it('shows each version with its support end and SBOM, and links every advisory to its CSAF document', () => {
    const html = parse(read('product-security/index.html'));
    const rows = html.querySelectorAll('main table tbody tr').map((tr) =>
      tr
        .querySelectorAll('th, td')
        .map((cell) => cell.text.replace(/\s+/g, ' ').trim())
        .join(' | '),
    );
    expect(rows[0]).toBe('4.8.1 | 8 September 2026 | June 2031 Supported | CycloneDX JSON');
    expect(rows.at(-1)).toBe('4.2.9 | 12 March 2024 | June 2026 Out of support | Available on request');
    const sbom = html.querySelector('a[href^="/sbom/"]')!.getAttribute('href')!;
    expect(JSON.parse(read(sbom.slice(1))).bomFormat).toBe('CycloneDX');
    const csafLinks = html
      .querySelectorAll('a')
      .map((a) => a.getAttribute('href') ?? '')
      .filter((h) => h.startsWith('/.well-known/csaf/white/') && h.endsWith('.json'));
    expect(csafLinks.map((h) => h.slice(1)).sort()).toEqual(documents);
    expect(html.querySelector('a[href="/policies/vulnerability-disclosure/"]')).not.toBeNull();
    expect(html.querySelector('nav a[href="/product-security/"]')).not.toBeNull();
  });

  it('lists the advisories among the security updates and in their Atom feed', () => {
    const updates = parse(read('updates/index.html'));
    const link = updates.querySelector('a[href="/product-security/#ksa-2026-001"]');
    expect(link?.text).toBe('KSA-2026-001: KG-200: unauthenticated access to the Modbus bridge configuration API');
    const feed = parseXml(read('updates/feed.xml')).feed;
    const entry = feed.entry.find((e: { id: string }) => e.id.endsWith(':advisories/ksa-2026-001'));
    expect(entry.updated).toBe('2026-09-15T00:00:00Z');
    expect(entry.link[0]['@href']).toBe('https://trust.kestrel.example/product-security/#ksa-2026-001');
  });
});

describe('a trust center built with CHARTER_OPENPGP_KEY', () => {
  let example: ExampleRoot;
  let privateKey: string;
  beforeAll(async () => {
    ({ privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'security@kestrel.example' }],
      format: 'armored',
    }));
    example = await exampleRoot('csaf-signed');
    await example.build({ target: 'trust', env: { CHARTER_OPENPGP_KEY: privateKey } });
  });
  afterAll(() => example.cleanup());

  it('signs every CSAF document and security.txt so they verify with the public key it publishes, and never ships the private key', async () => {
    const trust = join(example.out, 'trust');
    const read = (path: string) => readFileSync(join(trust, path), 'utf8');
    const metadata = JSON.parse(read('.well-known/csaf/provider-metadata.json'));
    const published = await openpgp.readKey({ armoredKey: read(new URL(metadata.public_openpgp_keys[0].url).pathname.slice(1)) });
    const documents = read('.well-known/csaf/white/index.txt').trimEnd().split('\n');
    expect(documents).toHaveLength(5);
    for (const file of documents) {
      const path = `.well-known/csaf/white/${file}`;
      const verification = await openpgp.verify({
        message: await openpgp.createMessage({ text: read(path) }),
        signature: await openpgp.readSignature({ armoredSignature: read(`${path}.asc`) }),
        verificationKeys: published,
      });
      await expect(verification.signatures[0]!.verified).resolves.toBe(true);
    }
    const securityTxt = await openpgp.readCleartextMessage({ cleartextMessage: read('.well-known/security.txt') });
    await expect((await openpgp.verify({ message: securityTxt, verificationKeys: published })).signatures[0]!.verified).resolves.toBe(true);
    expect(securityTxt.getText()).toContain('CSAF: https://trust.kestrel.example/.well-known/csaf/provider-metadata.json');

    const secret = privateKey.split('\n')[2]!.slice(0, 40);
    const leaks = [trust, serverDir(example.out, 'trust')].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8', withFileTypes: false }).filter((f) => {
        try {
          return readFileSync(join(dir, f), 'latin1').includes(secret) || readFileSync(join(dir, f), 'latin1').includes('PRIVATE KEY');
        } catch {
          return false; // a folder
        }
      }),
    );
    expect(leaks).toEqual([]);
  });
});
