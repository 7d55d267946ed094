import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/main.ts';
import { uuidV5 } from '../src/lib/oscal/uuid.ts';
import { makeFixture } from './fixture.ts';
import { filesUnder } from './files.ts';

const project = join(import.meta.dirname, '..');
const schema = JSON.parse(await readFile(join(import.meta.dirname, 'fixtures/oscal-1.1.3/oscal_complete_schema-1.1.3.json'), 'utf8')) as object;

async function exportTo(root: string, out: string, errors: (message: string) => void = () => {}): Promise<number> {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(errors);
  try {
    return await run(['--root', root, 'oscal', '--out', out]);
  } finally {
    vi.restoreAllMocks();
  }
}

type Json = Record<string, unknown>;
const read = async (dir: string, path: string) => JSON.parse(await readFile(join(dir, path), 'utf8')) as Json;

/** Every value of `key` anywhere inside `value`. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesOf(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
  return [];
}

describe('charter oscal', () => {
  let first: string;
  let second: string;
  beforeAll(async () => {
    process.env.CHARTER_NOW = '2026-11-22';
    first = await mkdtemp(join(tmpdir(), 'charter-oscal-'));
    second = await mkdtemp(join(tmpdir(), 'charter-oscal-'));
    expect(await exportTo(project, first)).toBe(0);
    expect(await exportTo(project, second)).toBe(0);
  });
  afterAll(async () => {
    delete process.env.CHARTER_NOW;
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  });

  it('writes a catalog per framework, a profile, a component definition and a system security plan', async () => {
    expect(await filesUnder(first)).toEqual([
      'catalogs/iec62443-3-3.json',
      'catalogs/iec62443-4-2.json',
      'catalogs/iso27001.json',
      'catalogs/nist-csf.json',
      'catalogs/soc2.json',
      'component-definition.json',
      'profile.json',
      'system-security-plan.json',
    ]);
  });

  it('every file validates against the NIST OSCAL 1.1.3 JSON schema', async () => {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const path of await filesUnder(first)) {
      const valid = validate(await read(first, path));
      expect({ path, errors: validate.errors?.slice(0, 3) ?? null }).toEqual({ path, errors: null });
      expect(valid).toBe(true);
    }
    // The validator does check: a control id with a space is not an OSCAL token.
    const catalog = await read(first, 'catalogs/iec62443-3-3.json');
    expect(valuesOf(catalog, 'id')).not.toContain('SR 1.1');
    (valuesOf(catalog, 'controls')[0] as Json[])[0]!.id = 'SR 1.1';
    expect(validate(catalog)).toBe(false);
  });

  it('two runs give byte-identical files', async () => {
    for (const path of await filesUnder(first)) {
      expect(await readFile(join(second, path)), path).toEqual(await readFile(join(first, path)));
    }
  });

  it('every control id, component and party referred to resolves', async () => {
    const controlIds = async (href: string) => new Set(valuesOf((await read(first, href)).catalog, 'controls').flatMap((c) => (c as Json[]).map((x) => x.id)));
    const definition = (await read(first, 'component-definition.json'))['component-definition'] as Json;
    const partyUuids = new Set(valuesOf(definition, 'parties').flatMap((p) => (p as Json[]).map((x) => x.uuid)));
    let checked = 0;
    for (const component of definition.components as Json[]) {
      for (const implementation of (component['control-implementations'] ?? []) as Json[]) {
        const ids = await controlIds(implementation.source as string);
        for (const requirement of implementation['implemented-requirements'] as Json[]) {
          expect(ids, `${String(implementation.source)} has ${String(requirement['control-id'])}`).toContain(requirement['control-id']);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    for (const uuid of valuesOf(definition, 'party-uuids').flat()) expect(partyUuids).toContain(uuid);

    const ssp = (await read(first, 'system-security-plan.json'))['system-security-plan'] as Json;
    const profile = (await read(first, (ssp['import-profile'] as Json).href as string)).profile as Json;
    const inProfile = new Set<unknown>();
    for (const imported of profile.imports as Json[]) for (const id of await controlIds(imported.href as string)) inProfile.add(id);
    const implemented = (ssp['control-implementation'] as Json)['implemented-requirements'] as Json[];
    for (const requirement of implemented) expect(inProfile).toContain(requirement['control-id']);
    const components = new Set(((ssp['system-implementation'] as Json).components as Json[]).map((c) => c.uuid));
    for (const uuid of valuesOf(ssp, 'component-uuid')) expect(components).toContain(uuid);
    const sspParties = new Set(valuesOf(ssp, 'parties').flatMap((p) => (p as Json[]).map((x) => x.uuid)));
    for (const uuid of valuesOf(ssp, 'party-uuids').flat()) expect(sspParties).toContain(uuid);
    const roles = new Set(valuesOf(ssp, 'roles').flatMap((r) => (r as Json[]).map((x) => x.id)));
    for (const id of valuesOf(ssp, 'role-id')) expect(roles).toContain(id);
  });

  it('the SSP carries the boundary, the customer responsibilities and the people', async () => {
    const ssp = (await read(first, 'system-security-plan.json'))['system-security-plan'] as Json;
    const boundary = ((ssp['system-characteristics'] as Json)['authorization-boundary'] as Json).description as string;
    expect(boundary).toContain('Customer-operated gateway configuration (shared with a provider or the customer)');
    const titles = ((ssp['system-implementation'] as Json).components as Json[]).map((c) => c.title);
    expect(titles).toContain('Factory provisioning station at Norrland Electronics');
    const responsibilities = valuesOf(ssp, 'responsibilities').flat() as Json[];
    expect(responsibilities.map((r) => r.description).join('\n')).toContain('Installs gateways in locked cabinets');
    const parties = valuesOf(ssp, 'parties').flat() as Json[];
    expect(parties.map((p) => p.name)).toContain('Priya Raman');
    // SOC 2 CC6.1 is met by AC-01, whose owner is Daniel Kim.
    const cc61 = ((ssp['control-implementation'] as Json)['implemented-requirements'] as Json[]).find((r) => r['control-id'] === 'CC6.1')!;
    const byAc01 = (cc61['by-components'] as Json[]).find((b) => String(b.description).startsWith('AC-01 '))!;
    const daniel = parties.find((p) => p.name === 'Daniel Kim')!;
    expect(valuesOf(byAc01, 'party-uuids').flat()).toEqual([daniel.uuid]);
    expect(byAc01['implementation-status']).toEqual({ state: 'implemented' });
    // Each control's status in OSCAL's terms: partially implemented is "partial", planned carries its date.
    const states = new Map(
      (valuesOf(ssp, 'by-components').flat() as Json[]).map((b) => [String(b.description).split(' ')[0], b['implementation-status'] as Json | undefined]),
    );
    expect([...states.values()].filter((s) => s?.state === 'partial').length).toBe(2);
    expect([...states.values()].find((s) => s?.state === 'planned')?.remarks).toContain('Planned for 2027-03-15.');
  });

  it('a responsibility row naming an unknown control is refused, exit 2, nothing written', async () => {
    const fixture = await makeFixture();
    const out = join(fixture.root, 'oscal-out');
    try {
      await fixture.edit('content/shared-responsibility.yaml', (t) =>
        t.replace('customer: You manage users.', 'customer: You manage users.\n    controls: [AC-99]'),
      );
      const errors = vi.fn();
      expect(await exportTo(fixture.root, out, errors)).toBe(2);
      expect(errors).toHaveBeenCalledWith(
        expect.stringMatching(/^content\/shared-responsibility\.yaml:\d+: rows\[0\]\.controls\[0\]: unknown control "AC-99"/),
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      await fixture.cleanup();
    }
  });
});

describe('name-based UUIDs', () => {
  it('match the RFC 9562 version 5 example', () => {
    // RFC 9562 appendix A.4: www.example.com in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
