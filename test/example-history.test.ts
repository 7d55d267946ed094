import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');
const script = join(project, 'scripts/example/make-history.mjs');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charter-example-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const makeHistory = (...args: string[]) => run(process.execPath, [script, ...args], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
const git = async (root: string, ...args: string[]) => (await run('git', ['-C', root, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('make-history succeeded');
    },
    (error: { code: number; stderr: string }) => error,
  );

describe('the example repository (scripts/example/make-history.mjs)', () => {
  it('writes the same commits on every run, with the content as it is now at HEAD', async () => {
    const out = join(dir, 'repo');
    await makeHistory('--out', out);
    const first = await git(out, 'rev-parse', 'HEAD');
    // A second run replaces the folder it wrote before.
    await makeHistory('--out', out);
    expect(await git(out, 'rev-parse', 'HEAD')).toBe(first);
    expect(await git(out, 'status', '--porcelain')).toBe('');
    expect(await readFile(join(out, 'content/site.yaml'), 'utf8')).toBe(await readFile(join(project, 'content/site.yaml'), 'utf8'));
    const subjects = (await git(out, 'log', '--format=%s')).split('\n');
    expect(subjects.some((s) => /^Merge pull request #\d+ from kestrel\//.test(s))).toBe(true);
    expect(subjects.some((s) => / \(#\d+\)$/.test(s))).toBe(true);
    expect(subjects.at(-1)).toMatch(/^Import policies/);
    // Nothing after the day the example is judged on.
    const latest = (await git(out, 'log', '--format=%cI')).split('\n').sort().at(-1)!;
    expect(latest.slice(0, 10) <= '2026-11-22').toBe(true);
  }, 120_000);

  it('stops, naming the change, the file and the text, when an edit no longer finds its target', async () => {
    const from = join(dir, 'project');
    for (const folder of ['content', 'frameworks', 'public']) await cp(join(project, folder), join(from, folder), { recursive: true });
    const path = join(from, 'content/policies/access-control.mdx');
    const text = await readFile(path, 'utf8');
    const rewritten = text.replace('7. **Quarterly access review.** Each quarter,', '7. **Access reviews.** Every quarter,');
    expect(rewritten).not.toBe(text);
    await writeFile(path, rewritten);
    const error = await failure(makeHistory('--from', from, '--out', join(dir, 'repo')));
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('change "Access control 2.3: quarterly access reviews"');
    expect(error.stderr).toContain('content/policies/access-control.mdx should contain "7. **Quarterly access review.**');
  });

  it('refuses to replace a folder it did not write', async () => {
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const error = await failure(makeHistory('--out', dir));
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('was not written by this script');
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
