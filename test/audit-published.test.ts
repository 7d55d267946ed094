import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAuditPackage, type AuditPackagePlan } from '../src/lib/audit/package.ts';
import { AUDIT_PACKAGES_DIR, latestAuditPackages } from '../src/lib/audit/published.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'charter-published-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes a package the way `charter audit-package --out audit-packages` does, with small stand-in files. */
async function writePackage(framework: string, from: string, to: string, madeOn: string): Promise<string> {
  const plan = { framework: { id: framework }, period: { from, to }, organisation: 'Acme', today: madeOn } as unknown as AuditPackagePlan;
  const files = new Map([
    ['policies/access-control-1.0.0.pdf', strToU8(`%PDF-1.7 access control for ${from}`)],
    ['evidence/evidence-index.csv', strToU8('control,snapshot,sha256\n')],
  ]);
  const { zip } = await writeAuditPackage(plan, join(root, AUDIT_PACKAGES_DIR), files);
  return zip;
}

describe('the audit packages the portal offers', () => {
  it('offers nothing when the content root has no audit-packages folder', async () => {
    expect(await latestAuditPackages(root)).toEqual({ packages: [], problems: [] });
  });

  it('offers the latest package of each framework, with its period, size and hash', async () => {
    await writePackage('soc2', '2024-04-01', '2025-03-31', '2025-04-10');
    const latest = await writePackage('soc2', '2025-04-01', '2026-03-31', '2026-04-12');
    await writePackage('iso27001', '2025-01-01', '2025-12-31', '2026-01-20');
    const { packages, problems } = await latestAuditPackages(root);
    expect(problems).toEqual([]);
    expect(packages.map((p) => [p.framework, p.file, p.period, p.madeOn, p.files])).toEqual([
      ['iso27001', 'audit-package-iso27001-2025-01-01-2025-12-31.zip', { from: '2025-01-01', to: '2025-12-31' }, '2026-01-20', 3],
      ['soc2', 'audit-package-soc2-2025-04-01-2026-03-31.zip', { from: '2025-04-01', to: '2026-03-31' }, '2026-04-12', 3],
    ]);
    const bytes = await readFile(latest);
    expect(Buffer.from(packages[1]!.bytes).equals(bytes)).toBe(true);
    expect(packages[1]!.size).toBe(bytes.length);
    expect(packages[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out, and names, a zip whose content does not match its manifest or that is no package', async () => {
    const older = await writePackage('soc2', '2024-04-01', '2025-03-31', '2025-04-10');
    const newer = await writePackage('soc2', '2025-04-01', '2026-03-31', '2026-04-12');
    // The newer package with one PDF swapped after the manifest was written.
    const entries = unzipSync(new Uint8Array(await readFile(newer)));
    entries['audit-package-soc2-2025-04-01-2026-03-31/policies/access-control-1.0.0.pdf'] = strToU8('%PDF-1.7 something else');
    await writeFile(newer, zipSync(entries));
    await mkdir(join(root, AUDIT_PACKAGES_DIR), { recursive: true });
    await writeFile(join(root, AUDIT_PACKAGES_DIR, 'notes.zip'), 'not a zip');
    const { packages, problems } = await latestAuditPackages(root);
    expect(problems).toEqual([
      expect.stringMatching(
        /^audit-packages\/audit-package-soc2-2025-04-01-2026-03-31\.zip: policies\/access-control-1\.0\.0\.pdf does not match the SHA-256 in manifest\.json; the portal does not offer it$/,
      ),
      expect.stringMatching(/^audit-packages\/notes\.zip: not a readable zip/),
    ]);
    // The sound older package is offered instead.
    expect(packages.map((p) => p.file)).toEqual([older.split('/').at(-1)]);
  });
});
