import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDir } from '../../src/astro/build-paths.ts';
import { writeAuditPackage, type AuditPackagePlan } from '../../src/lib/audit/package.ts';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';

const CANARY = `CANARY-${Math.random().toString(36).slice(2)}-INTERNAL-ONLY`;

/** Every file under a folder, decompressed where it is compressed, as text. */
async function* siteFiles(dir: string): AsyncGenerator<{ path: string; text: string }> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes = await readFile(path);
    // gzip by its magic bytes: Pagefind's fragments are gzip without a .gz name.
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    yield { path, text: bytes.toString('latin1') };
  }
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for await (const file of siteFiles(dir)) if (file.text.includes(needle)) hits.push(file.path);
  return hits;
}

describe('the public build never contains internal content', () => {
  let example: ExampleRoot;
  let root: string;
  let out: string;
  let packageZip: string;

  beforeAll(async () => {
    example = await exampleRoot('canary');
    ({ root, out } = example);
    // An internal policy's body, an internal runbook, and the internal description of a published control.
    await example.plant('content/policies/access-control.mdx', (t) => `${t}\n\nThe break-glass vault code is ${CANARY}.\n`);
    await example.plant('content/runbooks/ota-rollback.mdx', (t) => `${t}\n\nCall the on-call line ${CANARY}.\n`);
    await example.plant('content/controls/AC-01.yaml', (t) => t.replace(/^description: /m, `description: ${CANARY} `));
    // An advisory under embargo (TLP:AMBER): it must not reach the trust center nor its CSAF directory.
    await example.plant('content/advisories/ksa-2026-002.mdx', (t) =>
      t.replace('tlp: CLEAR', 'tlp: AMBER').replace(/\n---\n\n/, `\n---\n\nEmbargoed: ${CANARY}.\n\n`),
    );
    // An audit package written where `charter audit-package --out audit-packages` puts it: internal too.
    const plan = {
      framework: { id: 'soc2' },
      period: { from: '2025-04-01', to: '2026-03-31' },
      organisation: 'Kestrel',
      today: '2026-04-10',
    } as unknown as AuditPackagePlan;
    const files = new Map([['evidence/evidence-index.csv', new TextEncoder().encode(`control,note\nAC-01,${CANARY}\n`)]]);
    packageZip = (await writeAuditPackage(plan, join(root, 'audit-packages'), files)).zip;
    await example.build();
  });
  afterAll(() => example.cleanup());

  it('offers the audit package on the portal exports page, linking the very file it publishes, and never on the trust center', async () => {
    const exportsPage = await readFile(join(out, 'portal/exports/index.html'), 'utf8');
    const href = '/exports/audit-packages/audit-package-soc2-2025-04-01-2026-03-31.zip';
    expect(exportsPage).toContain(`href="${href}"`);
    expect(exportsPage).toContain('1 April 2025 – 31 March 2026');
    expect((await readFile(join(out, 'portal', href))).equals(await readFile(packageZip))).toBe(true);
    const trustFiles = (await readdir(join(out, 'trust'), { recursive: true })).map(String);
    expect(trustFiles.filter((f) => f.includes('audit-package'))).toEqual([]);
    expect(await filesContaining(join(out, 'trust'), 'audit-packages')).toEqual([]);
  });

  it('puts the canary into the internal portal, so the search below can see it', async () => {
    const hits = await filesContaining(join(out, 'portal'), CANARY);
    expect(hits.some((p) => p.includes('policies/access-control'))).toBe(true);
    expect(hits.some((p) => p.includes('runbooks/ota-rollback'))).toBe(true);
    expect(hits.some((p) => p.includes('controls/AC-01'))).toBe(true);
  });

  it('finds the canary in no file of the trust center, nor in its server bundle', async () => {
    expect(await filesContaining(join(out, 'trust'), CANARY)).toEqual([]);
    expect(await filesContaining(serverDir(out, 'trust'), CANARY)).toEqual([]);
  });

  it('publishes TLP:CLEAR advisories but nothing of the TLP:AMBER one, not even its title', async () => {
    const trust = join(out, 'trust');
    expect(await filesContaining(trust, 'unauthenticated access to the Modbus bridge')).not.toEqual([]);
    expect(await filesContaining(trust, 'malformed MQTT packet')).toEqual([]);
    expect(await filesContaining(trust, 'KSA-2026-002')).toEqual([]);
  });

  it('still publishes the public policy and the public summary of the control', async () => {
    const trust = join(out, 'trust');
    expect(await filesContaining(trust, 'Vulnerability Disclosure')).not.toEqual([]);
    const summary = /^publicSummary: (.+)$/m.exec(await readFile(join(root, 'content/controls/AC-01.yaml'), 'utf8'))?.[1];
    expect(summary).toBeDefined();
    expect(await filesContaining(trust, summary!.slice(0, 40))).not.toEqual([]);
  });
});
