import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Subprocessor } from '../src/schemas/subprocessor.ts';
import { changesFromVersions, diffSubprocessors, lastChangeDate, subprocessorChanges } from '../src/lib/publish/subprocessor-changes.ts';

const run = promisify(execFile);

const cloudCo: Subprocessor = {
  name: 'Cloud Co',
  purpose: 'Hosting',
  data: ['Telemetry'],
  location: 'Germany',
  transferMechanism: 'None',
  since: '2024-01-01',
};
const mailCo: Subprocessor = {
  name: 'Mail Co',
  purpose: 'Email',
  data: ['Email addresses'],
  location: 'United States',
  transferMechanism: 'EU SCCs',
  since: '2024-06-01',
};
const dataCo: Subprocessor = {
  name: 'Data Co',
  purpose: 'Analytics',
  data: ['Aggregates'],
  location: 'Ireland',
  transferMechanism: 'None',
  since: '2026-03-01',
};

describe('sub-processor changes from git history', () => {
  let repo: string;
  // Content lives in a subfolder, as when the content root is part of a larger repository.
  const root = () => join(repo, 'compliance');
  const file = 'content/subprocessors.yaml';

  async function commit(list: Subprocessor[], date: string, message: string) {
    await mkdir(join(root(), 'content'), { recursive: true });
    await writeFile(join(root(), file), stringify({ subprocessors: list }));
    await run('git', ['-C', repo, 'add', '-A']);
    const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    await run('git', ['-C', repo, 'commit', '-q', '-m', message], { env });
  }

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'charter-subprocessors-'));
    await run('git', ['-C', repo, 'init', '-q', '-b', 'main']);
    await run('git', ['-C', repo, 'config', 'user.email', 'test@example.com']);
    await run('git', ['-C', repo, 'config', 'user.name', 'Test']);
    await run('git', ['-C', repo, 'config', 'commit.gpgsign', 'false']);
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('announces the sub-processors a commit adds and removes, dated by that commit', async () => {
    await commit([cloudCo, mailCo], '2025-01-10T09:00:00Z', 'Initial list');
    await commit([cloudCo, dataCo], '2026-02-16T10:30:00Z', 'Replace Mail Co with Data Co');

    const changes = await subprocessorChanges(root(), [cloudCo, dataCo]);
    const summary = changes.map((c) => [c.kind, c.name, c.date.slice(0, 10), c.dateSource]);
    expect(summary).toEqual([
      ['added', 'Data Co', '2026-02-16', 'commit'],
      ['removed', 'Mail Co', '2026-02-16', 'commit'],
      // The list as first recorded: each sub-processor from its own start date.
      ['added', 'Mail Co', '2024-06-01', 'since'],
      ['added', 'Cloud Co', '2024-01-01', 'since'],
    ]);
    expect(changes.find((c) => c.kind === 'removed')!.subprocessor.purpose).toBe('Email');
    expect(lastChangeDate(changes)).toBe('2026-02-16');
  });

  it('reports a material change to a sub-processor, but not a new website', async () => {
    await commit([cloudCo], '2025-01-10T09:00:00Z', 'Initial list');
    await commit([{ ...cloudCo, website: 'https://cloud.example' }], '2025-02-01T09:00:00Z', 'Add website');
    await commit(
      [{ ...cloudCo, website: 'https://cloud.example', location: 'United States', transferMechanism: 'EU SCCs' }],
      '2025-03-01T09:00:00Z',
      'Move to the US',
    );

    const changes = await subprocessorChanges(root(), [
      { ...cloudCo, website: 'https://cloud.example', location: 'United States', transferMechanism: 'EU SCCs' },
    ]);
    expect(changes.map((c) => [c.kind, c.date.slice(0, 10), c.fields])).toEqual([
      ['changed', '2025-03-01', ['location', 'transferMechanism']],
      ['added', '2024-01-01', undefined],
    ]);
  });

  it('skips a committed version that no longer validates, without failing the build', async () => {
    await commit([cloudCo], '2025-01-10T09:00:00Z', 'Initial list');
    await mkdir(join(root(), 'content'), { recursive: true });
    await writeFile(join(root(), file), 'subprocessors:\n  - name: Broken\n');
    await run('git', ['-C', repo, 'commit', '-q', '-am', 'Broken'], {
      env: { ...process.env, GIT_AUTHOR_DATE: '2025-02-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-02-01T00:00:00Z' },
    });
    await commit([cloudCo, mailCo], '2025-03-01T09:00:00Z', 'Fixed, with Mail Co');

    const changes = await subprocessorChanges(root(), [cloudCo, mailCo]);
    expect(changes.map((c) => [c.kind, c.name, c.date.slice(0, 10)])).toEqual([
      ['added', 'Mail Co', '2025-03-01'],
      ['added', 'Cloud Co', '2024-01-01'],
    ]);
  });

  it('counts an uncommitted edit as a change made at build time', async () => {
    await commit([cloudCo], '2025-01-10T09:00:00Z', 'Initial list');
    const now = new Date('2026-06-01T08:00:00Z');
    const changes = await subprocessorChanges(root(), [cloudCo, dataCo], { now });
    expect(changes[0]).toMatchObject({ kind: 'added', name: 'Data Co', date: now.toISOString(), dateSource: 'build' });
  });

  it('without git history, lists each sub-processor once, on its since date', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'charter-no-git-'));
    try {
      const changes = await subprocessorChanges(plain, [cloudCo, dataCo, mailCo]);
      expect(changes.map((c) => [c.kind, c.name, c.date, c.dateSource])).toEqual([
        ['added', 'Data Co', '2026-03-01', 'since'],
        ['added', 'Mail Co', '2024-06-01', 'since'],
        ['added', 'Cloud Co', '2024-01-01', 'since'],
      ]);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

describe('diffSubprocessors', () => {
  it('matches sub-processors by name', () => {
    expect(diffSubprocessors([cloudCo, mailCo], [mailCo, dataCo]).map((c) => [c.kind, c.name])).toEqual([
      ['added', 'Data Co'],
      ['removed', 'Cloud Co'],
    ]);
  });

  it('matches names ignoring case and spacing: a renamed-case sub-processor is edited, not removed and added', () => {
    expect(diffSubprocessors([cloudCo], [{ ...cloudCo, name: ' CLOUD  co' }])).toEqual([
      {
        kind: 'edited',
        name: ' CLOUD  co',
        subprocessor: { ...cloudCo, name: ' CLOUD  co' },
        edits: [{ field: 'name', before: 'Cloud Co', after: ' CLOUD  co' }],
      },
    ]);
  });

  it('calls a change to a material field changed, listing every edit, and any other edit edited', () => {
    const moved = { ...cloudCo, location: 'Ireland', website: 'https://cloud.example' };
    expect(
      diffSubprocessors([cloudCo, mailCo], [moved, { ...mailCo, since: '2024-07-01' }]).map((d) => [d.kind, d.name, d.fields, d.edits?.map((e) => e.field)]),
    ).toEqual([
      ['changed', 'Cloud Co', ['location'], ['location', 'website']],
      ['edited', 'Mail Co', undefined, ['since']],
    ]);
  });

  it('keeps a renamed-case sub-processor out of the feed unless a material field changed', () => {
    const versions = [
      { date: '2025-01-10T09:00:00Z', subprocessors: [cloudCo] },
      { date: '2025-02-01T09:00:00Z', subprocessors: [{ ...cloudCo, name: 'CLOUD CO' }] },
      { date: '2025-03-01T09:00:00Z', subprocessors: [{ ...cloudCo, name: 'CLOUD CO', purpose: 'Hosting and backups' }] },
    ];
    expect(changesFromVersions(versions, '2026-01-01T00:00:00Z').map((c) => [c.kind, c.name, c.date.slice(0, 10)])).toEqual([
      ['changed', 'CLOUD CO', '2025-03-01'],
      ['added', 'Cloud Co', '2024-01-01'],
    ]);
  });
});
