import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { readCsv } from '../../src/lib/publish/csv.ts';
import { pdfText } from '../pdf-text.ts';

const name = 'audit-package-soc2-2026-04-01-2026-09-30';

interface Manifest {
  framework: string;
  period: { from: string; to: string };
  files: { path: string; bytes: number; sha256: string }[];
}

describe('charter audit-package on the example', () => {
  let out: string;
  let folder: string;
  let manifest: Manifest;
  let files: string[];
  // The example company's repository: the documents in force come from its history.
  let root: string;
  beforeAll(async () => {
    root = inject('exampleRepository');
    out = await mkdtemp(join(tmpdir(), 'charter-audit-'));
    vi.stubEnv('CHARTER_DB', join(out, 'no-such.db'));
    vi.stubEnv('CHARTER_DATABASE_URL', undefined);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const status = await run(['--root', root, 'audit-package', '--framework', 'soc2', '--period', '2026-04-01..2026-09-30', '--out', out]);
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    expect(status).toBe(0);
    folder = join(out, name);
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    files = (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relative(folder, join(e.parentPath, e.name)))
      .sort();
  }, 300_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('lists every file with a SHA-256 that matches, in the folder and in the zip', async () => {
    expect([...manifest.files.map((f) => f.path), 'manifest.json'].sort()).toEqual(files);
    const zip = unzipSync(new Uint8Array(await readFile(join(out, `${name}.zip`))));
    expect(Object.keys(zip).sort()).toEqual(files.map((f) => `${name}/${f}`).sort());
    for (const file of manifest.files) {
      const bytes = await readFile(join(folder, file.path));
      expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
      expect(Buffer.from(zip[`${name}/${file.path}`]!).equals(bytes), file.path).toBe(true);
    }
  });

  it('holds the policies in force, the SoA, the matrix, the evidence index and the OSCAL files', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'policies/access-control-2.3.0.pdf',
        'soc2-statement-of-applicability.csv',
        'soc2-statement-of-applicability.pdf',
        'soc2-control-matrix.csv',
        'soc2-control-matrix.pdf',
        'evidence/evidence-index.csv',
        'evidence/evidence-index.pdf',
        'oscal/system-security-plan.json',
        'oscal/catalogs/soc2.json',
        'acknowledgements/NONE.txt',
        'access-log/NONE.txt',
      ]),
    );
    // Each of the 15 policies is there in the version in force at the end of the period, and a
    // version replaced during it too: access control 2.3.0 took effect on 15 June 2026.
    const policies = files.filter((f) => f.startsWith('policies/'));
    expect(policies.length).toBeGreaterThan(15);
    expect(new Set(policies.map((f) => /^policies\/(.+)-\d+\.\d+\.\d+\.pdf$/.exec(f)?.[1])).size).toBe(15);
    expect(policies).toEqual(expect.arrayContaining(['policies/access-control-2.2.0.pdf', 'policies/firmware-release-ota-signing-2.1.0.pdf']));
  });

  it('every PDF has text: the policy with its cover, the tables with their rows', async () => {
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(15);
    for (const path of pdfs) {
      const text = (await pdfText(new Uint8Array(await readFile(join(folder, path))))).join('\n');
      expect(text.trim().length, path).toBeGreaterThan(200);
    }
    const policy = (await pdfText(new Uint8Array(await readFile(join(folder, 'policies/access-control-2.3.0.pdf'))))).join('\n');
    for (const words of ['Access Control Policy', '2.3.0', 'Priya Raman', 'Marcus Webb', '2026-06-15', 'Approving merge', 'Least privilege by role'])
      expect(policy).toContain(words);
    // The approving merge names its pull request and where to read it (content/site.yaml portal.repository).
    expect(policy.replace(/\s+/g, '')).toMatch(
      /pullrequest#(\d+)\(https:\/\/github\.com\/kestrel-systems\/compliance\/pull\/\1\)\(merge\):Mergepullrequest#\1from/,
    );
    // The version it replaced, as it read then.
    const previous = (await pdfText(new Uint8Array(await readFile(join(folder, 'policies/access-control-2.2.0.pdf'))))).join('\n');
    expect(previous).toContain('Twice a year, system owners review every account');
    expect(previous).not.toContain('Quarterly access review');
    const soa = (await pdfText(new Uint8Array(await readFile(join(folder, 'soc2-statement-of-applicability.pdf'))))).join('\n');
    expect(soa).toContain('CC6.1');
  });

  it('covers the period asked for, and only it', async () => {
    expect(manifest.framework).toBe('soc2');
    expect(manifest.period).toEqual({ from: '2026-04-01', to: '2026-09-30' });
    const [header, ...rows] = readCsv(await readFile(join(folder, 'evidence/evidence-index.csv'), 'utf8')).map((r) => r.cells);
    expect(header).toEqual(['Control', 'Collector', 'Collected at', 'Sequence', 'File', 'SHA-256', 'Previous SHA-256', 'Summary', 'Chain']);
    const days = rows.map((row) => row[2]!.slice(0, 10)).sort();
    expect(days[0]).toBe('2026-04-01');
    expect(days.at(-1)! >= '2026-09-29' && days.at(-1)! <= '2026-09-30').toBe(true);
    expect(new Set(rows.map((row) => row[8]))).toEqual(new Set(['verified']));
    // Every snapshot's hash in the index is the hash in its file.
    for (const row of rows.slice(0, 20)) expect(JSON.parse(await readFile(join(root, row[4]!), 'utf8')).hash).toBe(row[5]);
    expect(await readFile(join(folder, 'README.txt'), 'utf8')).toContain('Audit period: 2026-04-01 to 2026-09-30');
    expect(await readFile(join(folder, 'acknowledgements/NONE.txt'), 'utf8')).toContain(
      `CHARTER_DATABASE_URL is not set and CHARTER_DB is ${join(out, 'no-such.db')}, which does not exist`,
    );
  });
});
