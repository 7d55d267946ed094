import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

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

  it('regenerates the committed example evidence snapshots unchanged', async () => {
    await runScript('make-evidence.mjs');
    const jsonIn = async (dir: string) => (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
    const files = await jsonIn(join(project, 'evidence-snapshots'));
    expect(await jsonIn(join(out, 'evidence-snapshots'))).toEqual(files);
    for (const file of files) {
      expect(await readFile(join(out, 'evidence-snapshots', file), 'utf8'), file).toBe(await readFile(join(project, 'evidence-snapshots', file), 'utf8'));
    }
  });
});
