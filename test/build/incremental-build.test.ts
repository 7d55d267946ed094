import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { project, removeBuild } from '../example-root.ts';
import { filesUnder } from '../files.ts';

const run = promisify(execFile);

/** `charter build` of both sites; returns how many files each site kept from the last build (Infinity: the build was skipped). */
async function build(root: string, out: string, options: { full?: boolean; now?: string } = {}): Promise<Record<'portal' | 'trust', number>> {
  const { stdout } = await run(
    process.execPath,
    [join(project, 'bin/charter.mjs'), 'build', '--root', root, '--out', out, ...(options.full ? ['--full'] : [])],
    {
      cwd: project,
      env: { ...process.env, ...(options.now ? { CHARTER_NOW: options.now } : {}) },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const kept = (site: string) =>
    stdout.includes(`✓ ${site} unchanged since the last build`)
      ? Infinity
      : Number(new RegExp(`✓ ${site} built in [\\d.]+ s: .*\\(([\\d,]+) of [\\d,]+ files unchanged`).exec(stdout)?.[1]?.replace(',', '') ?? 0);
  return { portal: kept('portal'), trust: kept('trust') };
}

/** Files that differ between two builds of both sites (a missing or extra file counts). */
async function differences(a: string, b: string): Promise<string[]> {
  const differing: string[] = [];
  for (const site of ['portal', 'trust']) {
    const [left, right] = await Promise.all([filesUnder(join(a, site)), filesUnder(join(b, site))]);
    for (const file of new Set([...left, ...right])) {
      const [x, y] = await Promise.all([readFile(join(a, site, file)).catch(() => undefined), readFile(join(b, site, file)).catch(() => undefined)]);
      if (!x || !y || !x.equals(y)) differing.push(`${site}/${file}`);
    }
  }
  return differing;
}

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const path = join(root, file);
  const before = await readFile(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`could not change ${file}: the example content no longer has what the test looks for`);
  await writeFile(path, after);
}

const git = (root: string, ...args: string[]) =>
  run('git', ['-C', root, ...args], {
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Priya Raman',
      GIT_AUTHOR_EMAIL: 'priya@kestrel.example',
      GIT_COMMITTER_NAME: 'Priya Raman',
      GIT_COMMITTER_EMAIL: 'priya@kestrel.example',
    },
  });

// An incremental rebuild keeps the pages whose cache key (src/astro/cache-key.ts) and code are
// unchanged. Whatever it keeps, its output must be the output of a build from nothing.
describe('an incremental rebuild', () => {
  let root: string;
  let work: string;
  const outs: string[] = [];
  const folder = (name: string) => {
    const out = join(work, name);
    outs.push(out);
    return out;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'charter-incremental-'));
    root = join(work, 'repository');
    await cp(inject('exampleRepository'), root, { recursive: true });
  });
  afterAll(async () => {
    for (const out of outs) await removeBuild(out);
    await rm(work, { recursive: true, force: true });
  });

  it('after internal and public edits, a deleted runbook and the date change, equals a full build file for file, and skips the trust center when nothing it shows changed', async () => {
    const incremental = folder('incremental');
    await build(root, incremental);
    const before = await filesUnder(join(incremental, 'portal'));
    // Nothing changed: neither site is built again, and the output is the same.
    expect(await build(root, incremental)).toEqual({ portal: Infinity, trust: Infinity });
    expect(await filesUnder(join(incremental, 'portal'))).toEqual(before);
    // A touched output file is noticed: the portal is built again, keeping its unchanged pages.
    await writeFile(join(incremental, 'portal', 'index.html'), 'edited by hand');
    const rebuilt = await build(root, incremental);
    expect(rebuilt.trust).toBe(Infinity);
    expect(rebuilt.portal).toBeGreaterThan(40);
    expect(await readFile(join(incremental, 'portal', 'index.html'), 'utf8')).not.toBe('edited by hand');

    // An internal policy's text and version and a control's mapping, committed (the policy's
    // history gains the commit). The trust center loads neither, so it is not built again.
    await edit(root, 'content/policies/access-control.mdx', (text) =>
      text.replace('version: 2.3.0', 'version: 2.4.0').replace('## Scope\n', '## Scope\n\nThis policy was reviewed after the incremental build test.\n'),
    );
    await edit(root, 'content/controls/AC-01.yaml', (text) => text.replace('soc2: [CC6.1, CC6.6]', 'soc2: [CC6.1]'));
    await git(root, 'commit', '-q', '-a', '-m', 'Access control review and AC-01 mapping');
    const internal = await build(root, incremental);
    expect(internal.trust).toBe(Infinity);
    const fresh = folder('fresh');
    await build(root, fresh, { full: true });
    expect(await differences(incremental, fresh)).toEqual([]);
    // Most pages did not change and were kept; the edited ones were not.
    expect(internal.portal).toBeGreaterThan(rebuilt.portal / 2);
    expect(internal.portal).toBeLessThan(rebuilt.portal);

    // A public policy and a sub-processor's location: the trust center shows both.
    await edit(root, 'content/policies/vulnerability-disclosure.mdx', (text) =>
      text.replace('## Scope\n', '## Scope\n\nThis scope was reviewed after the incremental build test.\n'),
    );
    await edit(root, 'content/subprocessors.yaml', (text) =>
      text.replace('(Confluent Cloud on AWS eu-central-1)', '(Confluent Cloud on AWS eu-central-1 and eu-central-2)'),
    );
    await git(root, 'commit', '-q', '-a', '-m', 'Disclosure scope and Confluent regions');
    expect((await build(root, incremental)).trust).not.toBe(Infinity);
    const freshPublic = folder('fresh-public');
    await build(root, freshPublic, { full: true });
    expect(await differences(incremental, freshPublic)).toEqual([]);

    // A later date (review states, evidence freshness and every page's "as of" line move) and a
    // deleted runbook (the navigation's count changes, and its page must not be left behind:
    // the output folder is not emptied between builds).
    await git(root, 'rm', '-q', 'content/runbooks/ingestion-outage.mdx');
    await git(root, 'commit', '-q', '-m', 'The ingestion outage runbook goes');
    const later = '2027-01-20T09:00:00Z';
    await build(root, incremental, { now: later });
    const freshLater = folder('fresh-later');
    await build(root, freshLater, { now: later, full: true });
    expect(await differences(incremental, freshLater)).toEqual([]);
    expect((await filesUnder(join(incremental, 'portal'))).filter((f) => f.includes('ingestion-outage'))).toEqual([]);
  }, 900_000);
});
