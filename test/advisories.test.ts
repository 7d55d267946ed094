import { createHash } from 'node:crypto';
import csafSchema from '@secvisogram/csaf-validator-lib/lib/schemaTests/csaf_2_0/schema.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as openpgp from 'openpgp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCvss31 } from '../src/lib/advisories/cvss.ts';
import { csafAdvisory } from '../src/lib/advisories/csaf.ts';
import { csafProviderFiles, signProviderFiles } from '../src/lib/advisories/provider.ts';
import { clearSign, readSigningKey } from '../src/lib/advisories/sign.ts';
import { checkContent } from '../src/lib/content/check.ts';
import { loadContent } from '../src/lib/content/load.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { securityTxt } from '../src/lib/publish/security-txt.ts';
import { loadNews } from '../src/server/news.ts';
import type { Advisory } from '../src/schemas/advisory.ts';
import type { Product } from '../src/schemas/product.ts';
import { csafErrors } from './csaf.ts';
import { project } from './example-root.ts';
import { makeFixture, mdx, type Fixture } from './fixture.ts';

const publisher = { name: 'Kestrel Systems GmbH', namespace: 'https://kestrel.example', contactDetails: 'security@kestrel.example' };
const base = 'https://trust.kestrel.example/.well-known/csaf/';

/** The 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('CVSS v3.1', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'CRITICAL'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 6.5, 'MEDIUM'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'MEDIUM'],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8, 'HIGH'],
    ['CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 6.5, 'MEDIUM'],
    ['CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N', 2.6, 'LOW'],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N', 0, 'NONE'],
  ])('scores %s as %d', (vector, score, severity) => {
    expect(parseCvss31(vector)).toEqual({ vectorString: vector, baseScore: score, baseSeverity: severity });
  });

  it('agrees with the BSI validator on scores across the metric space', async () => {
    // Mandatory test 6.1.9 recomputes every score from its vector: a wrong formula fails it.
    const vectors = ['N', 'A', 'L', 'P'].flatMap((av) =>
      ['U', 'C'].flatMap((s) => ['N', 'L', 'H'].flatMap((pr) => ['N', 'L', 'H'].map((c) => `CVSS:3.1/AV:${av}/AC:H/PR:${pr}/UI:R/S:${s}/C:${c}/I:L/A:N`))),
    );
    const product: Product = { id: 'p', name: 'P', description: 'P.', versions: [{ version: '1.0.0', released: '2026-01-01', supportEnds: '2031-01' }] };
    const advisory = (cvss31: string, i: number): Advisory => ({
      id: `t-${i}`,
      title: 'T',
      summary: 'S',
      tlp: 'CLEAR',
      status: 'final',
      initialRelease: '2026-01-01',
      currentRelease: '2026-01-01',
      revisions: [{ number: 1, date: '2026-01-01', summary: 'Initial release.' }],
      acknowledgements: [],
      vulnerabilities: [
        {
          cve: 'CVE-2026-1000',
          title: 'V',
          description: 'D',
          cvss31,
          affected: [{ product: 'p', versions: ['1.0.0'] }],
          fixed: [],
          notAffected: [],
          remediations: [{ category: 'none_available', details: 'None.', products: [{ product: 'p', versions: ['1.0.0'] }] }],
        },
      ],
    });
    const errors = await Promise.all(vectors.map((v, i) => csafErrors(csafAdvisory(advisory(v, i), [product], publisher, { base }))));
    expect(errors.flat()).toEqual([]);
  });

  it.each([
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'must start with CVSS:3.1/'],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV:X is not a valid value (use N, A, L, P)'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'the vector lacks A'],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV appears twice'],
  ])('rejects %s', (vector, message) => {
    expect(() => parseCvss31(vector)).toThrow(message);
  });
});

describe('charter check on products and advisories', () => {
  let fixture: Fixture;
  const file = 'content/advisories/acme-2026-001.mdx';
  const advisory = {
    id: 'acme-2026-001',
    title: 'Sensor: hard-coded key',
    summary: 'A hard-coded key.',
    tlp: 'CLEAR',
    initialRelease: '2026-03-01',
    currentRelease: '2026-04-01',
    revisions: [
      { number: 1, date: '2026-03-01', summary: 'Initial release.' },
      { number: 2, date: '2026-04-01', summary: 'Fix released.' },
    ],
    vulnerabilities: [
      {
        cve: 'CVE-2026-1234',
        title: 'Hard-coded key',
        description: 'The firmware holds a hard-coded key.',
        cvss31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        affected: [{ product: 'sensor', versions: ['1.0.0'] }],
        fixed: [{ product: 'sensor', versions: ['1.1.0'] }],
        remediations: [{ category: 'vendor_fix', details: 'Update to 1.1.0.', products: [{ product: 'sensor', versions: ['1.0.0'] }] }],
      },
    ],
  };
  beforeEach(async () => {
    fixture = await makeFixture();
    await fixture.write(
      'content/products/sensor.yaml',
      stringify({
        id: 'sensor',
        name: 'Acme Sensor',
        description: 'A sensor.',
        versions: [
          { version: '1.0.0', released: '2025-01-01', supportEnds: '2030-01' },
          { version: '1.1.0', released: '2026-04-01', supportEnds: '2031-04', sbom: 'sensor-1.1.0.cdx.json' },
        ],
      }),
    );
    await fixture.write('public/sbom/sensor-1.1.0.cdx.json', '{"bomFormat":"CycloneDX","specVersion":"1.6"}\n');
    await fixture.write(file, mdx(advisory));
  });
  afterEach(() => fixture.cleanup());

  const errors = async () =>
    (await checkContent(directorySource(fixture.root), { today: '2026-11-22' })).problems.filter((p) => p.severity === 'error').map(formatProblem);

  it('accepts a valid product and advisory', async () => {
    expect(await errors()).toEqual([]);
  });

  it('names an unknown product and an unknown version with file, line and field', async () => {
    await fixture.edit(file, (t) =>
      t
        .replace(
          '    affected:\n      - product: sensor\n        versions:\n          - 1.0.0',
          '    affected:\n      - product: sensor\n        versions:\n          - 0.9.0',
        )
        .replace('    fixed:\n      - product: sensor', '    fixed:\n      - product: sensr'),
    );
    const text = await fixture.read(file);
    expect(await errors()).toEqual([
      `${file}:${lineOf(text, '- 0.9.0')}: vulnerabilities[0].affected[0].versions[0]: sensor has no version "0.9.0" (known: 1.0.0, 1.1.0); add it to the product file first`,
      `${file}:${lineOf(text, 'product: sensr')}: vulnerabilities[0].fixed[0].product: unknown product "sensr" (known: sensor)`,
    ]);
  });

  it('names an invalid CVSS vector and says what is wrong with it', async () => {
    await fixture.edit(file, (t) => t.replace('AC:L/PR:N', 'AC:M/PR:N'));
    expect(await errors()).toEqual([
      `${file}:${lineOf(await fixture.read(file), 'cvss31:')}: vulnerabilities[0].cvss31: invalid CVSS v3.1 vector: AC:M is not a valid value (use L, H)`,
    ]);
  });

  it('names a revision history whose latest entry is not the current release', async () => {
    await fixture.edit(file, (t) => t.replace('currentRelease: 2026-04-01', 'currentRelease: 2026-05-01'));
    expect(await errors()).toEqual([
      `${file}:${lineOf(await fixture.read(file), 'date: 2026-04-01')}: revisions[1].date: the latest revision is dated 2026-04-01 but currentRelease is 2026-05-01; add a revision for the current release or correct the date`,
    ]);
  });

  it('names a published SBOM file that is missing', async () => {
    await fixture.edit('content/products/sensor.yaml', (t) => t.replace('sensor-1.1.0.cdx.json', 'sensor-1.2.0.cdx.json'));
    const line = lineOf(await fixture.read('content/products/sensor.yaml'), 'sbom: sensor-1.2.0');
    expect(await errors()).toEqual([
      `content/products/sensor.yaml:${line}: versions[1].sbom: "sensor-1.2.0.cdx.json" is not in public/sbom/; add the CycloneDX file or write on-request`,
    ]);
  });
});

describe('the CSAF provider built from the example content', async () => {
  const { content } = await loadContent(directorySource(project), ['products', 'advisories']);
  const amber = { data: { ...content.advisories[0]!.data, id: 'ksa-2026-099', tlp: 'AMBER' as const, title: 'Embargoed finding' }, body: 'Embargoed.' };
  const files = csafProviderFiles({
    products: content.products.map((p) => p.data),
    advisories: [...content.advisories, amber],
    publisher,
    site: { base },
    fallbackUpdated: '2026-11-22T00:00:00.000Z',
  });
  const documents = [...files.keys()].filter((p) => p.startsWith('white/') && p.endsWith('.json'));

  it('publishes the four example advisories and the KG-200 VEX, never the TLP:AMBER one', () => {
    expect(documents.sort()).toEqual([
      'white/2025/kg-200-vex.json',
      'white/2025/ksa-2025-001.json',
      'white/2025/ksa-2025-002.json',
      'white/2026/ksa-2026-001.json',
      'white/2026/ksa-2026-002.json',
    ]);
    expect([...files.values()].some((text) => text.includes('Embargoed'))).toBe(false);
  });

  it.each([
    'white/2025/ksa-2025-001.json',
    'white/2025/ksa-2025-002.json',
    'white/2026/ksa-2026-001.json',
    'white/2026/ksa-2026-002.json',
    'white/2025/kg-200-vex.json',
  ])('%s passes the schema and every mandatory test of the BSI validator', async (path) => {
    expect(await csafErrors(JSON.parse(files.get(path)!))).toEqual([]);
  });

  it('tells a scanner that the KG-200 is not affected by the OpenSSL CVE, and why', () => {
    const vex = JSON.parse(files.get('white/2025/kg-200-vex.json')!);
    expect(vex.document.category).toBe('csaf_vex');
    const openssl = vex.vulnerabilities.find((v: { cve: string }) => v.cve === 'CVE-2025-9230');
    expect(openssl.product_status.known_not_affected).toContain('kg-200-4.8.1');
    expect(openssl.flags).toEqual([{ label: 'vulnerable_code_not_in_execute_path', product_ids: expect.arrayContaining(['kg-200-4.8.1']) }]);
    const critical = vex.vulnerabilities.find((v: { cve: string }) => v.cve === 'CVE-2026-28717');
    expect(critical.product_status).toMatchObject({
      known_affected: ['kg-200-4.6.0', 'kg-200-4.6.2', 'kg-200-4.8.0'],
      fixed: ['kg-200-4.6.5', 'kg-200-4.8.1'],
    });
    expect(critical.scores[0].cvss_v3).toMatchObject({ baseScore: 9.8, baseSeverity: 'CRITICAL' });
  });

  it('writes a SHA-256 and SHA-512 file for every document that match its bytes', () => {
    for (const path of documents) {
      const name = path.split('/').at(-1)!;
      expect(files.get(`${path}.sha256`)).toBe(`${createHash('sha256').update(files.get(path)!).digest('hex')}  ${name}\n`);
      expect(files.get(`${path}.sha512`)).toBe(`${createHash('sha512').update(files.get(path)!).digest('hex')}  ${name}\n`);
    }
  });

  it('lists every document in index.txt and changes.csv, newest change first', () => {
    const relative = documents.map((p) => p.slice('white/'.length));
    expect(files.get('white/index.txt')!.trimEnd().split('\n')).toEqual([...relative].sort());
    const changes = files
      .get('white/changes.csv')!
      .trimEnd()
      .split('\n')
      .map((line) => line.split(',').map((cell) => JSON.parse(cell) as string));
    expect(changes.map(([path]) => path).sort()).toEqual([...relative].sort());
    expect(changes.map(([, date]) => date)).toEqual(
      changes
        .map(([, date]) => date)
        .sort()
        .reverse(),
    );
    expect(changes[0]).toEqual(['2025/kg-200-vex.json', '2026-10-20T00:00:00.000Z']);
  });

  it('writes provider-metadata.json that satisfies the CSAF 2.0 provider metadata schema (section 7.1.7)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const metadata = JSON.parse(files.get('provider-metadata.json')!);
    expect(ajv.validate(providerMetadataSchema, metadata), ajv.errorsText(ajv.errors)).toBe(true);
    expect(metadata.canonical_url).toBe(`${base}provider-metadata.json`);
    expect(metadata.distributions[0].rolie.feeds[0].url).toBe(`${base}feed-tlp-white.json`);
  });

  it('writes a ROLIE feed whose entries point at each document and its hashes', () => {
    const feed = JSON.parse(files.get('feed-tlp-white.json')!).feed;
    expect(feed.category).toEqual([{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }]);
    expect(feed.entry.map((e: { content: { src: string } }) => e.content.src).sort()).toEqual(documents.map((p) => base + p).sort());
    for (const entry of feed.entry) {
      expect(entry.link.map((l: { rel: string; href: string }) => `${l.rel} ${l.href}`)).toEqual([
        `self ${entry.content.src}`,
        `hash ${entry.content.src}.sha256`,
        `hash ${entry.content.src}.sha512`,
      ]);
      expect(entry.format).toEqual({ schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' });
    }
  });

  it('adds the CSAF field to security.txt', () => {
    const text = securityTxt({
      contact: ['mailto:security@kestrel.example'],
      expires: new Date('2027-11-21T00:00:00Z'),
      canonical: [],
      csaf: [`${base}provider-metadata.json`],
    });
    expect(text).toContain(`\nCSAF: ${base}provider-metadata.json\n`);
  });
});

/**
 * The provider metadata schema of CSAF 2.0 (section 7.1.7), written from the standard: the
 * OASIS file is not on npm. Its publisher is the CSAF schema's own, which the validator ships.
 */
const providerMetadataSchema = {
  type: 'object',
  required: ['canonical_url', 'last_updated', 'list_on_CSAF_aggregators', 'mirror_on_CSAF_aggregators', 'metadata_version', 'publisher', 'role'],
  additionalProperties: false,
  properties: {
    canonical_url: { type: 'string', format: 'uri', pattern: '/provider-metadata\\.json$' },
    distributions: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: {
          directory_url: { type: 'string', format: 'uri' },
          rolie: {
            type: 'object',
            required: ['feeds'],
            properties: {
              feeds: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['tlp_label', 'url'],
                  properties: {
                    summary: { type: 'string' },
                    tlp_label: { enum: ['UNLABELED', 'WHITE', 'GREEN', 'AMBER', 'RED'] },
                    url: { type: 'string', format: 'uri', pattern: '\\.json$' },
                  },
                },
              },
            },
          },
        },
      },
    },
    last_updated: { type: 'string', format: 'date-time' },
    public_openpgp_keys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        properties: { fingerprint: { type: 'string', pattern: '^[0-9a-fA-F]{40,}$' }, url: { type: 'string', format: 'uri' } },
      },
    },
    list_on_CSAF_aggregators: { type: 'boolean' },
    metadata_version: { enum: ['2.0'] },
    mirror_on_CSAF_aggregators: { type: 'boolean' },
    publisher: csafSchema.properties.document.properties.publisher,
    role: { enum: ['csaf_publisher', 'csaf_provider', 'csaf_trusted_provider'] },
  },
};

describe('subscriber news', () => {
  it('mails each public advisory release and revision to update subscribers, linking its place on the product security page', async () => {
    const news = (await loadNews(project, 'https://trust.kestrel.example')).filter((n) => n.id.startsWith('advisory:ksa-2026-001:'));
    expect(news.map((n) => [n.id, n.topic, n.date, n.url])).toEqual([
      ['advisory:ksa-2026-001:1', 'updates', '2026-08-11', 'https://trust.kestrel.example/product-security/#ksa-2026-001'],
      ['advisory:ksa-2026-001:2', 'updates', '2026-09-08', 'https://trust.kestrel.example/product-security/#ksa-2026-001'],
      ['advisory:ksa-2026-001:3', 'updates', '2026-09-15', 'https://trust.kestrel.example/product-security/#ksa-2026-001'],
    ]);
    expect(news[1]!.title).toBe('Security advisory updated (revision 2): KSA-2026-001 KG-200: unauthenticated access to the Modbus bridge configuration API');
  });
});

describe('OpenPGP signatures', () => {
  it('signs every CSAF document and names the public key in provider-metadata.json; the signatures verify with the published key', async () => {
    const { privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Kestrel PSIRT', email: 'security@kestrel.example' }],
      format: 'armored',
    });
    const signing = await readSigningKey(privateKey);
    const { content } = await loadContent(directorySource(project), ['products', 'advisories']);
    const input = {
      products: content.products.map((p) => p.data),
      advisories: content.advisories,
      publisher,
      site: { base },
      fallbackUpdated: '2026-11-22T00:00:00.000Z',
    };
    const files = await signProviderFiles(csafProviderFiles(input), input, signing);
    const metadata = JSON.parse(files.get('provider-metadata.json')!);
    const [key] = metadata.public_openpgp_keys;
    expect(key.fingerprint).toBe(signing.fingerprint);
    const published = await openpgp.readKey({ armoredKey: files.get(new URL(key.url).href.slice(base.length))! });
    const documents = [...files.keys()].filter((p) => p.startsWith('white/') && p.endsWith('.json'));
    expect(documents).toHaveLength(5);
    for (const path of documents) {
      const verification = await openpgp.verify({
        message: await openpgp.createMessage({ text: files.get(path)! }),
        signature: await openpgp.readSignature({ armoredSignature: files.get(`${path}.asc`)! }),
        verificationKeys: published,
      });
      await expect(verification.signatures[0]!.verified).resolves.toBe(true);
    }
    // A changed byte fails verification.
    const tampered = await openpgp.verify({
      message: await openpgp.createMessage({ text: files.get(documents[0]!)!.replace('KG-200', 'KG-201') }),
      signature: await openpgp.readSignature({ armoredSignature: files.get(`${documents[0]}.asc`)! }),
      verificationKeys: published,
    });
    await expect(tampered.signatures[0]!.verified).rejects.toThrow();
  });

  it('cleartext-signs security.txt so it verifies and still reads as the same fields', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'security@kestrel.example' }],
      format: 'armored',
    });
    const text = securityTxt({
      contact: ['mailto:security@kestrel.example'],
      expires: new Date('2027-11-21T00:00:00Z'),
      canonical: [],
      csaf: [`${base}provider-metadata.json`],
    });
    const signed = await clearSign(text, await readSigningKey(privateKey));
    const message = await openpgp.readCleartextMessage({ cleartextMessage: signed });
    const verification = await openpgp.verify({ message, verificationKeys: await openpgp.readKey({ armoredKey: publicKey }) });
    await expect(verification.signatures[0]!.verified).resolves.toBe(true);
    expect(message.getText().trimEnd()).toBe(text.trimEnd());
  });

  it('names the variable when the key is not a private key', async () => {
    await expect(readSigningKey('not a key')).rejects.toThrow(/^CHARTER_OPENPGP_KEY: not a usable armoured OpenPGP private key/);
  });
});
