import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directorySource } from '../src/lib/content/source.ts';
import { loadEvidenceKeys, signatureProblems } from '../src/lib/evidence/signatures.ts';
import { loadSnapshots } from '../src/lib/evidence/snapshots.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');
let out: string;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'charter-example-tooling-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const runScript = (name: string) => run(process.execPath, [join(project, 'scripts/example', name), '--out', out], { cwd: project });

describe('the example company tooling in scripts/example', () => {
  it('draws the committed example documents byte for byte', async () => {
    await runScript('make-documents.mjs');
    const { documents } = parse(await readFile(join(project, 'content/trust/documents.yaml'), 'utf8')) as { documents: { file: string; access: string }[] };
    expect(documents.length).toBeGreaterThan(0);
    for (const { file, access } of documents) {
      const path = join(access === 'public' ? 'public/documents' : 'content/trust/gated', file);
      const same = (await readFile(join(out, path))).equals(await readFile(join(project, path)));
      expect(same, `${path} differs from what scripts/example/make-documents.mjs draws`).toBe(true);
    }
  });

  it('writes the questionnaire as an XLSX whose parts are all well-formed XML', async () => {
    const parts = unzipSync(await readFile(join(project, 'content/trust/gated/kestrel-caiq-v4-2026.xlsx')));
    expect(Object.keys(parts)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet2.xml']));
    for (const [name, bytes] of Object.entries(parts)) expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);
  });

  it('regenerates the committed example evidence snapshots unchanged but for their signatures, which verify with the key it writes', async () => {
    await runScript('make-evidence.mjs');
    const jsonIn = async (dir: string) => (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
    const files = await jsonIn(join(project, 'evidence-snapshots'));
    expect(files.length).toBeGreaterThan(1000);
    expect(await jsonIn(join(out, 'evidence-snapshots'))).toEqual(files);
    // A fresh key per run: the signature differs, every other byte is the same.
    const unsigned = (text: string) => text.replace(/,\n {2}"signature": \{\n[^}]*\}\n\}\n$/, '\n}\n');
    const keys = await loadEvidenceKeys(directorySource(out));
    expect(keys.problems).toEqual([]);
    for (const file of files) {
      const regenerated = await readFile(join(out, 'evidence-snapshots', file), 'utf8');
      const committed = await readFile(join(project, 'evidence-snapshots', file), 'utf8');
      expect(unsigned(regenerated), file).not.toBe(regenerated);
      expect(unsigned(regenerated), file).toBe(unsigned(committed));
    }
    const { snapshots, problems } = await loadSnapshots(directorySource(out));
    expect(problems).toEqual([]);
    expect(signatureProblems(snapshots, keys.keys)).toEqual([]);
    // Every collector's key is required from its first snapshot, so an unsigned one would fail.
    expect(new Set(keys.keys.map((k) => k.collector))).toEqual(new Set(snapshots.map((s) => s.data.collector)));
    expect(keys.keys.every((k) => k.requiredFrom !== undefined)).toBe(true);
    const committedKeys = await readFile(join(project, 'content/evidence-keys.yaml'), 'utf8');
    expect(committedKeys).not.toMatch(/PRIVATE KEY/);
  });
});
