import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check.ts';
import { collectEvidence, importEvidence, appendSnapshot } from '../src/lib/evidence/collect.ts';
import { continuity, declaredWindows, freshness, recentWindows, type AuditWindow } from '../src/lib/evidence/freshness.ts';
import { snapshotHistoryProblems } from '../src/lib/evidence/history.ts';
import { loadSnapshots, serialiseSnapshot, snapshotFileName, snapshotHash, snapshotJsonSchema } from '../src/lib/evidence/snapshots.ts';
import { verifyChains } from '../src/lib/evidence/verify.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource, gitRevisionSource } from '../src/lib/content/source.ts';
import { AcknowledgementStore } from '../src/server/acknowledgement-store.ts';
import { openEvidenceStore } from '../src/server/evidence-store.ts';
import { ReportRequestStore } from '../src/server/report-requests.ts';
import { openStore } from '../src/server/store/database.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');
const charter = (cwd: string, ...args: string[]) =>
  run(process.execPath, [join(project, 'bin/charter.mjs'), ...args], { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const today = '2026-11-22';
const draft = (collectedAt: string, extra: Record<string, unknown> = {}) => ({
  collector: 'idp-mfa',
  collectedAt,
  controls: ['AC-01'],
  summary: 'All users sign in with WebAuthn.',
  items: [{ user: 'ana@acme.example', factors: ['webauthn'] }],
  ...extra,
});

let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

/** Writes a chain of three daily snapshots through the same path `charter evidence import` takes. */
async function threeSnapshots(): Promise<string[]> {
  const files: string[] = [];
  for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
    const result = await appendSnapshot(fixture.root, 'test', draft(`${day}T06:00:00Z`), `${today}T12:00:00Z`);
    expect(result.problems).toEqual([]);
    files.push(result.file!);
  }
  return files;
}

async function evidenceErrors(): Promise<string[]> {
  const { problems } = await checkContent(directorySource(fixture.root), { today });
  return problems.filter((p) => p.severity === 'error').map(formatProblem);
}

const readJson = async (path: string) => JSON.parse(await fixture.read(path)) as Record<string, unknown>;
const writeJson = (path: string, value: Record<string, unknown>) => fixture.write(path, serialiseSnapshot(value));

describe('the snapshot chain', () => {
  it('verifies a chain written by import, and charter check accepts it', async () => {
    const files = await threeSnapshots();
    expect(files).toEqual([
      'evidence-snapshots/idp-mfa.2026-11-01T060000Z.json',
      'evidence-snapshots/idp-mfa.2026-11-02T060000Z.json',
      'evidence-snapshots/idp-mfa.2026-11-03T060000Z.json',
    ]);
    const [first, second] = await Promise.all(files.slice(0, 2).map(readJson));
    expect(first).toMatchObject({ sequence: 1, previous: null });
    expect(second).toMatchObject({ sequence: 2, previous: first!.hash });
    expect(await evidenceErrors()).toEqual([]);
  });

  it('ignores reformatting: the hash covers the data, not the whitespace', async () => {
    const [file] = await threeSnapshots();
    await fixture.write(file!, JSON.stringify(await readJson(file!)));
    expect(await evidenceErrors()).toEqual([]);
  });

  it('detects an edited snapshot and names the file', async () => {
    const [, middle] = await threeSnapshots();
    await fixture.edit(middle!, (text) => text.replace('ana@acme.example', 'someone@acme.example'));
    expect(await evidenceErrors()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${middle}:\\d+: hash: the snapshot was changed after it was collected: its content hashes to [0-9a-f]{12}…, not the recorded [0-9a-f]{12}…; restore the original from git history$`,
        ),
      ),
    ]);
  });

  it("detects an edited snapshot whose hash was recomputed, through the next snapshot's link", async () => {
    const [, middle, last] = await threeSnapshots();
    const data = await readJson(middle!);
    data.summary = 'Nothing to see here.';
    data.hash = snapshotHash(data);
    await writeJson(middle!, data);
    const errors = await evidenceErrors();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(
        `^${middle}:\\d+: hash: ${last} records [0-9a-f]{12}… as the hash of this snapshot, but it is [0-9a-f]{12}…: this snapshot was edited, re-dated or replaced`,
      ),
    );
  });

  it('detects a deleted snapshot in the middle of a chain', async () => {
    const [first, middle, last] = await threeSnapshots();
    await rm(join(fixture.root, middle!));
    expect(await evidenceErrors()).toEqual([
      expect.stringMatching(new RegExp(`^${last}:\\d+: sequence: snapshot 2 is missing between ${first} and this one: a snapshot was deleted`)),
    ]);
  });

  it('detects deleted first snapshots', async () => {
    const [first] = await threeSnapshots();
    await rm(join(fixture.root, first!));
    expect((await evidenceErrors())[0]).toContain('the first snapshot of collector "idp-mfa" has sequence 2: snapshot 1 is missing (deleted)');
  });

  it('detects a re-dated snapshot that was renamed and re-hashed', async () => {
    const [, middle, last] = await threeSnapshots();
    const data = await readJson(middle!);
    data.collectedAt = '2026-10-15T06:00:00Z';
    data.hash = snapshotHash(data);
    const renamed = snapshotFileName('idp-mfa', '2026-10-15T06:00:00Z');
    await rm(join(fixture.root, middle!));
    await writeJson(renamed, data);
    const errors = await evidenceErrors();
    expect(errors.some((e) => e.startsWith(`${renamed}:`) && e.includes(`${last} records`))).toBe(true);
    expect(
      errors.some((e) => e.startsWith(`${renamed}:`) && e.includes("is not after the previous snapshot's 2026-11-01T06:00:00Z") && e.includes('back-dated')),
    ).toBe(true);
  });

  it('detects a re-dated snapshot whose file name still says the old time', async () => {
    const [, , last] = await threeSnapshots();
    const data = await readJson(last!);
    data.collectedAt = '2026-11-04T06:00:00Z';
    data.hash = snapshotHash(data);
    await writeJson(last!, data);
    expect(await evidenceErrors()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${last}:\\d+: collectedAt: the file name does not match its collector and collectedAt 2026-11-04T06:00:00Z \\(expected evidence-snapshots/idp-mfa.2026-11-04T060000Z.json\\): the snapshot was re-dated or renamed`,
        ),
      ),
    ]);
  });

  it('reports a snapshot that supports an unknown control, at its line and field', async () => {
    await appendSnapshot(fixture.root, 'test', draft('2026-11-01T06:00:00Z'), `${today}T12:00:00Z`);
    await fixture.edit('content/controls/AC-01.yaml', (text) => text.replace('id: AC-01', 'id: AC-09'));
    await fixture.edit('content/policies/access-control.mdx', (text) => text.replace('- AC-01', '- AC-09'));
    expect(await evidenceErrors()).toEqual([
      'evidence-snapshots/idp-mfa.2026-11-01T060000Z.json:5: controls[0]: unknown control "AC-01"; the snapshot supports a control that is not in content/controls/ (known: AC-02, AC-09)',
    ]);
  });

  it('reports a snapshot collected in the future', async () => {
    await appendSnapshot(fixture.root, 'test', draft('2026-12-01T06:00:00Z'), '2026-12-01T07:00:00Z');
    expect(await evidenceErrors()).toEqual([expect.stringContaining('collectedAt: 2026-12-01T06:00:00Z is in the future')]);
  });

  describe('in git', () => {
    const git = (...args: string[]) => run('git', ['-C', fixture.root, ...args]).then((r) => r.stdout.trim());
    beforeEach(async () => {
      await git('init', '-q', '-b', 'main');
      await git('config', 'user.name', 'Ana Silva');
      await git('config', 'user.email', 'ana@acme.example');
      await git('config', 'commit.gpgsign', 'false');
    });

    it('reads snapshots as of any revision, so check can judge a past commit', async () => {
      const [, middle] = await threeSnapshots();
      await git('add', '-A');
      await git('commit', '-q', '-m', 'Evidence');
      await fixture.edit(middle!, (text) => text.replace('WebAuthn', 'passwords'));
      await git('commit', '-q', '-am', 'Tamper');
      const at = async (revision: string) =>
        (await checkContent(gitRevisionSource(fixture.root, revision), { today })).problems.filter((p) => p.severity === 'error').map((p) => p.file);
      expect(await at('HEAD~1')).toEqual([]);
      expect(await at('HEAD')).toEqual([middle]);
    });

    it('catches the newest snapshot deleted, or replaced with a re-hashed copy, once it was committed', async () => {
      const [, middle, last] = await threeSnapshots();
      await git('add', '-A');
      await git('commit', '-q', '-m', 'Evidence');
      const commit = await git('rev-parse', '--short=10', 'HEAD');
      expect(await snapshotHistoryProblems(fixture.root)).toEqual([]);

      await rm(join(fixture.root, last!));
      const data = await readJson(middle!);
      data.summary = 'Rewritten.';
      data.hash = snapshotHash(data);
      await writeJson(middle!, data);
      // The chain alone cannot tell: the newest snapshot is gone and nothing points at the rewritten one any more.
      expect(verifyChains((await loadSnapshots(directorySource(fixture.root))).snapshots)).toEqual([]);
      expect((await snapshotHistoryProblems(fixture.root)).map(formatProblem)).toEqual([
        `${middle}: differs from the version committed in ${commit} (${await git('log', '-1', '--format=%cs')}): snapshots are append-only; restore it with git checkout ${commit} -- ${middle}`,
        `${last}: was committed in ${commit} (${await git('log', '-1', '--format=%cs')}) and has since been deleted: snapshots are append-only; restore it with git checkout ${commit} -- ${last}`,
      ]);

      const verify = await charter(fixture.root, 'evidence', 'verify');
      expect(verify.code).toBe(1);
      expect(verify.stderr).toContain(`${last}: was committed in ${commit}`);
    });

    it('checks the history from the newest commit with an Evidence-Reset trailer on, and says so', async () => {
      const [, middle, last] = await threeSnapshots();
      await git('add', '-A');
      await git('commit', '-q', '-m', 'Example evidence');
      // Replace the evidence wholesale: a rewritten middle snapshot, the newest deleted.
      await rm(join(fixture.root, last!));
      const data = await readJson(middle!);
      data.summary = 'Regenerated.';
      data.hash = snapshotHash(data);
      await writeJson(middle!, data);
      await git('add', '-A');
      await git('commit', '-q', '-m', 'Regenerate the evidence without a trailer');
      expect(await snapshotHistoryProblems(fixture.root)).toHaveLength(2);

      await git('commit', '-q', '--allow-empty', '-m', 'Say nothing');
      expect(await snapshotHistoryProblems(fixture.root)).toHaveLength(2); // a reset only counts on a commit that touches snapshots
      await writeJson(middle!, { ...data, summary: 'Regenerated again.', hash: snapshotHash({ ...data, summary: 'Regenerated again.' }) });
      await git('add', '-A');
      await git('commit', '-q', '-m', 'Regenerate the example evidence', '-m', 'Evidence-Reset: the example company is regenerated');
      const reset = await git('rev-parse', '--short=10', 'HEAD');
      expect(await snapshotHistoryProblems(fixture.root)).toEqual([]);
      const verify = await charter(fixture.root, 'evidence', 'verify');
      expect(verify.code).toBe(0);
      expect(verify.stdout).toContain(`checked from ${reset} (`);
      expect(verify.stdout).toContain('"the example company is regenerated"');

      // After the reset, the versions it committed are the ones that count: editing them again is caught.
      await writeJson(middle!, data);
      expect((await snapshotHistoryProblems(fixture.root)).map((p) => p.file)).toEqual([middle]);
    });
  });
});

describe("freshness against a control's frequency", () => {
  it('is fresh up to exactly one period, due up to 1.5 periods, stale beyond', () => {
    const latest = ['2026-10-01T00:00:00Z'];
    expect(freshness('monthly', latest, '2026-11-01T00:00:00Z')).toMatchObject({ status: 'fresh', ageDays: 31, freshUntil: '2026-11-01T00:00:00.000Z' });
    expect(freshness('monthly', latest, '2026-11-01T00:00:01Z').status).toBe('due');
    expect(freshness('monthly', latest, '2026-11-16T12:00:00Z')).toMatchObject({ status: 'due', staleFrom: '2026-11-16T12:00:00.000Z' });
    expect(freshness('monthly', latest, '2026-11-16T12:00:01Z').status).toBe('stale');
  });

  it('gives continuous and daily controls one day, and judges by the latest snapshot', () => {
    const times = ['2026-11-18T06:00:00Z', '2026-11-20T06:00:00Z', '2026-11-19T06:00:00Z'];
    for (const frequency of ['continuous', 'daily'] as const) {
      expect(freshness(frequency, times, '2026-11-21T06:00:00Z').status).toBe('fresh');
      expect(freshness(frequency, times, '2026-11-21T18:00:00Z').status).toBe('due');
      expect(freshness(frequency, times, '2026-11-21T18:00:01Z').status).toBe('stale');
    }
  });

  it('uses the documented periods for the other frequencies', () => {
    const latest = ['2026-01-01T00:00:00Z'];
    const day = (n: number) => new Date(Date.parse(latest[0]!) + n * 86_400_000).toISOString();
    expect(freshness('weekly', latest, day(7)).status).toBe('fresh');
    expect(freshness('weekly', latest, day(8)).status).toBe('due');
    expect(freshness('quarterly', latest, day(92)).status).toBe('fresh');
    expect(freshness('quarterly', latest, day(139)).status).toBe('stale');
    expect(freshness('semiannual', latest, day(183)).status).toBe('fresh');
    expect(freshness('annual', latest, day(366)).status).toBe('fresh');
    expect(freshness('annual', latest, day(367)).status).toBe('due');
  });

  it('is missing when no snapshot supports the control', () => {
    expect(freshness('annual', [], '2026-11-22T00:00:00Z')).toEqual({ status: 'missing' });
  });
});

describe('continuity over an audit window', () => {
  it('splits the window into calendar weeks and calls a week without a snapshot a gap, counting boundaries into the later week', () => {
    const fourWeeks: AuditWindow = { id: 'jan', label: 'January', from: '2026-01-05', to: '2026-02-01', kind: 'declared' };
    const result = continuity(
      'weekly',
      [
        '2026-01-05T00:00:00Z', // exactly at the window's start (a Monday): inside, first week
        '2026-01-18T23:59:59Z', // last second of the second week (a Sunday)
        '2026-01-19T00:00:00Z', // exactly on the boundary: third week, not second
        '2026-02-02T00:00:00Z', // exactly at the window's end: outside
      ],
      fourWeeks,
      '2026-02-15T00:00:00Z',
    );
    expect(result.periods).toEqual([
      { from: '2026-01-05', to: '2026-01-11', status: 'covered', snapshots: 1 },
      { from: '2026-01-12', to: '2026-01-18', status: 'covered', snapshots: 1 },
      { from: '2026-01-19', to: '2026-01-25', status: 'covered', snapshots: 1 },
      { from: '2026-01-26', to: '2026-02-01', status: 'gap', snapshots: 0 },
    ]);
    expect([result.covered, result.gaps, result.open]).toEqual([3, 1, 0]);
  });

  it('joins consecutive gaps into runs', () => {
    const window: AuditWindow = { id: 'w', label: 'w', from: '2026-08-01', to: '2026-08-10', kind: 'declared' };
    const times = ['2026-08-01', '2026-08-02', '2026-08-06', '2026-08-10'].map((d) => `${d}T06:00:00Z`);
    const result = continuity('daily', times, window, '2026-08-15T00:00:00Z');
    expect(result.gapRuns).toEqual([
      { from: '2026-08-03', to: '2026-08-05', periods: 3 },
      { from: '2026-08-07', to: '2026-08-09', periods: 3 },
    ]);
    expect(result.gaps).toBe(6);
  });

  it('does not call the period in progress a gap, nor one the window cuts short', () => {
    const window: AuditWindow = { id: 'w', label: 'w', from: '2026-11-13', to: '2026-11-22', kind: 'rolling' };
    const daily = continuity('daily', ['2026-11-20T06:00:00Z'], window, '2026-11-22T12:00:00Z');
    expect(daily.periods.slice(-3).map((p) => [p.from, p.status])).toEqual([
      ['2026-11-20', 'covered'],
      ['2026-11-21', 'gap'],
      ['2026-11-22', 'open'],
    ]);
    // 13 November 2026 is a Friday; the window ends on the Friday after.
    const endsFriday: AuditWindow = { ...window, to: '2026-11-20', kind: 'declared' };
    const weekly = continuity('weekly', ['2026-11-14T06:00:00Z'], endsFriday, '2026-12-31T00:00:00Z');
    expect(weekly.periods).toEqual([
      { from: '2026-11-13', to: '2026-11-15', status: 'covered', snapshots: 1 },
      { from: '2026-11-16', to: '2026-11-20', status: 'open', snapshots: 0 },
    ]);
  });

  it("uses calendar months, and counts a cut-short month's evidence from the whole month", () => {
    const window: AuditWindow = { id: 'q', label: 'q', from: '2026-01-31', to: '2026-04-29', kind: 'declared' };
    const result = continuity('monthly', ['2026-02-27T23:00:00Z', '2026-03-31T00:00:00Z', '2026-04-02T08:00:00Z'], window, '2026-05-01T00:00:00Z');
    expect(result.periods.map((p) => [p.from, p.to, p.status])).toEqual([
      ['2026-01-31', '2026-01-31', 'gap'],
      ['2026-02-01', '2026-02-28', 'covered'],
      ['2026-03-01', '2026-03-31', 'covered'],
      ['2026-04-01', '2026-04-29', 'covered'],
    ]);
  });

  it("gives an annual control exactly one slot in a 12-month audit period, and quarters from the period's start", () => {
    const soc2: AuditWindow = { id: 'soc2', label: 'SOC 2 Type II 2025–26', from: '2025-04-01', to: '2026-03-31', kind: 'declared' };
    const asOf = '2026-11-22T12:00:00Z';
    expect(continuity('annual', ['2025-06-10T09:00:00Z'], soc2, asOf).periods).toEqual([
      { from: '2025-04-01', to: '2026-03-31', status: 'covered', snapshots: 1 },
    ]);
    expect(continuity('annual', [], soc2, asOf)).toMatchObject({ covered: 0, gaps: 1, open: 0 });
    const quarterly = continuity('quarterly', ['2025-05-01T00:00:00Z', '2026-01-15T00:00:00Z'], soc2, asOf);
    expect(quarterly.periods.map((p) => [p.from, p.to, p.status])).toEqual([
      ['2025-04-01', '2025-06-30', 'covered'],
      ['2025-07-01', '2025-09-30', 'gap'],
      ['2025-10-01', '2025-12-31', 'gap'],
      ['2026-01-01', '2026-03-31', 'covered'],
    ]);
    expect(quarterly.gapRuns).toEqual([{ from: '2025-07-01', to: '2025-12-31', periods: 2 }]);
  });

  it('slots a rolling window by calendar quarters, the quarter in progress open', () => {
    const [sixMonths] = recentWindows('2026-11-22');
    const result = continuity('quarterly', ['2026-04-15T00:00:00Z', '2026-08-01T00:00:00Z'], sixMonths!, '2026-11-22T12:00:00Z');
    expect(result.periods.map((p) => [p.from, p.to, p.status])).toEqual([
      ['2026-05-23', '2026-06-30', 'covered'],
      ['2026-07-01', '2026-09-30', 'covered'],
      ['2026-10-01', '2026-11-22', 'open'],
    ]);
  });

  it('offers the last 6 and 12 months, ending on the day of the report', () => {
    expect(recentWindows('2026-11-22').map((w) => [w.id, w.from, w.to])).toEqual([
      ['last-6-months', '2026-05-23', '2026-11-22'],
      ['last-12-months', '2025-11-23', '2026-11-22'],
    ]);
  });

  it('offers each audit period content/site.yaml declares', () => {
    const frameworks = [
      { framework: 'soc2', auditPeriods: [{ name: 'SOC 2 Type II 2025–26', start: '2025-04-01', end: '2026-03-31' }] },
      { framework: 'iso27001' },
    ];
    expect(declaredWindows(frameworks)).toEqual([
      { id: 'soc2-2025-04-01-to-2026-03-31', label: 'SOC 2 Type II 2025–26', from: '2025-04-01', to: '2026-03-31', kind: 'declared' },
    ]);
  });
});

describe('charter evidence collect', () => {
  const hour = (n: number) => new Date(Date.UTC(2026, 10, 20, 8) + n * 3_600_000).toISOString();
  let clock = 0;
  const git = (...args: string[]) => {
    const date = hour(clock);
    return run('git', ['-C', fixture.root, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).then((r) => r.stdout.trim());
  };
  const as = (name: string, email: string, ...args: string[]) => git('-c', `user.name=${name}`, '-c', `user.email=${email}`, ...args);

  beforeEach(async () => {
    clock = 0;
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', 'Ana Silva');
    await git('config', 'user.email', 'ana@acme.example');
    await git('config', 'commit.gpgsign', 'false');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'Base content'); // 08:00, before the span collected
  });

  it('records merged changes with their reviewers from a real repository, in a snapshot that verifies', async () => {
    // A pull request merged with a merge commit, reviewed by someone else (09:00–11:00).
    clock = 1;
    await git('checkout', '-q', '-b', 'tighten');
    await fixture.edit('content/policies/access-control.mdx', (t) => t.replace('Body text.', 'Quarterly reviews.'));
    await git('commit', '-q', '-am', 'Tighten access reviews', '-m', 'Reviewed-by: Dee Park <dee@acme.example>');
    await git('checkout', '-q', 'main');
    clock = 2;
    await as(
      'Ben Okoro',
      'ben@acme.example',
      'merge',
      '-q',
      '--no-ff',
      'tighten',
      '-m',
      'Merge pull request #12 from acme/tighten',
      '-m',
      'Tighten access reviews\n\nApproved-by: Ben Okoro <ben@acme.example>',
    );
    // A squash merge whose only approval is its author's own (12:00).
    clock = 4;
    await fixture.edit('content/runbooks/access-review.mdx', (t) => t.replace('Body text.', 'Steps.'));
    await git('commit', '-q', '-am', 'Runbook steps (#13)', '-m', 'Approved-by: Ana Silva <ana@acme.example>');
    // A direct commit nobody reviewed (13:00).
    clock = 5;
    await fixture.write('content/notes.txt', 'hotfix\n');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'Hotfix');

    const now = '2026-11-20T14:00:00Z';
    const result = await collectEvidence(fixture.root, 'git-change-management', { now, since: '2026-11-20T08:30:00Z', controls: ['AC-01'] });
    expect(result.problems).toEqual([]);
    expect('file' in result && result.file).toBe('evidence-snapshots/git-change-management.2026-11-20T140000Z.json');
    const snapshot = await readJson('evidence-snapshots/git-change-management.2026-11-20T140000Z.json');
    const short = (ref: string) => git('rev-parse', '--short', ref);
    expect(snapshot).toMatchObject({
      collector: 'git-change-management',
      collectedAt: now,
      period: { from: '2026-11-20T08:30:00Z', to: now },
      controls: ['AC-01'],
      sequence: 1,
      previous: null,
      summary: `3 changes reached main since 2026-11-20 08:30 UTC: 1 reviewed by someone other than the author, 2 without an independent review (${await short('HEAD~1')}, ${await short('HEAD')}).`,
      items: [
        {
          title: 'Tighten access reviews',
          pullRequest: 12,
          via: 'merge',
          authors: ['Ana Silva'],
          reviewers: ['Ben Okoro', 'Dee Park'],
          mergedBy: 'Ben Okoro',
          commits: 1,
          independentReview: true,
          commit: await short('HEAD~2'),
        },
        {
          title: 'Runbook steps (#13)',
          pullRequest: 13,
          via: 'squash',
          authors: ['Ana Silva'],
          reviewers: ['Ana Silva'],
          mergedBy: null,
          independentReview: false,
        },
        { title: 'Hotfix', pullRequest: null, via: 'direct', reviewers: [], independentReview: false },
      ],
    });
    expect(verifyChains((await loadSnapshots(directorySource(fixture.root))).snapshots)).toEqual([]);
    expect(await evidenceErrors()).toEqual([]);

    // The next run starts where this one ended: it records only what merged since, and chains on.
    clock = 10;
    await fixture.write('content/notes.txt', 'later\n');
    await git('commit', '-q', '-am', 'Later change (#14)', '-m', 'Reviewed-by: Ben Okoro <ben@acme.example>');
    const next = await collectEvidence(fixture.root, 'git-change-management', { now: '2026-11-21T14:00:00Z', controls: ['AC-01'] });
    expect(next.problems).toEqual([]);
    const second = await readJson('evidence-snapshots/git-change-management.2026-11-21T140000Z.json');
    expect(second).toMatchObject({ sequence: 2, previous: snapshot.hash, period: { from: now }, items: [{ pullRequest: 14, independentReview: true }] });

    const verify = await charter(fixture.root, 'evidence', 'verify');
    expect(verify.stdout).toContain('✓ git-change-management: 2 snapshots');
    expect(verify.code).toBe(0);
  });

  it("records each policy's review status from content", async () => {
    const result = await collectEvidence(fixture.root, 'policy-review-status', { now: '2026-11-22T06:00:00Z', controls: ['AC-02'] });
    expect(result.problems).toEqual([]);
    const snapshot = await readJson(result.file!);
    expect(snapshot).toMatchObject({
      controls: ['AC-02'],
      summary: '1 policies: 1 within their review cycle.',
      items: [
        {
          policy: 'access-control',
          version: '1.2.0',
          owner: 'Ana Silva',
          approver: 'Ben Okoro',
          lastReviewed: '2026-03-01',
          nextReview: '2027-03-01',
          status: 'current',
        },
      ],
    });
  });

  it('skips the acknowledgement and access collectors with a clear reason when no store is configured', async () => {
    for (const name of ['policy-acknowledgements', 'report-access']) {
      const result = await collectEvidence(fixture.root, name, { now: '2026-11-22T06:00:00Z' });
      expect(result).toEqual({ skipped: expect.stringContaining('no store is configured: set CHARTER_DB'), problems: [] });
    }
    const cli = await charter(fixture.root, 'evidence', 'collect', 'policy-acknowledgements');
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('skipped policy-acknowledgements');
    expect(await readdir(join(fixture.root, 'evidence-snapshots')).catch(() => [])).toEqual([]);
  });

  it("exports acknowledgements and document downloads from the portal's SQLite store", async () => {
    const path = join(fixture.root, '.charter/charter.db');
    const clock = { now: new Date('2026-11-21T09:00:00Z') };
    const db = await openStore({ path });
    const store = new AcknowledgementStore(db, () => clock.now);
    await store.record({ person: 'ana@acme.example', policyId: 'access-control', version: '1.2.0', contentHash: 'a'.repeat(64) });
    clock.now = new Date('2026-11-21T10:00:00Z');
    await store.record({ person: 'ben@acme.example', policyId: 'access-control', version: '1.2.0', contentHash: 'a'.repeat(64) });
    const requests = new ReportRequestStore(db, () => clock.now);
    const context = { ip: '127.0.0.1', userAgent: 'test' };
    const request = await requests.create(
      {
        documentId: 'soc2-report',
        name: 'Cy Prospect',
        email: 'cy@prospect.example',
        company: 'Prospect Ltd',
        reason: 'Vendor review',
        domain: 'prospect.example',
        status: 'pending',
      },
      context,
    );
    clock.now = new Date('2026-11-21T11:00:00Z');
    await requests.recordDownload(request.id, context);
    await db.close();

    const accessStore = openEvidenceStore({ CHARTER_DB: path })!;
    const access = await collectEvidence(fixture.root, 'report-access', {
      now: '2026-11-22T06:00:00Z',
      since: '2026-11-21T00:00:00Z',
      controls: ['AC-02'],
      store: accessStore,
    });
    accessStore.close();
    expect(access.problems).toEqual([]);
    expect(await readJson(access.file!)).toMatchObject({
      summary: '1 download of gated documents by 1 organisation between 2026-11-21 and 2026-11-22.',
      items: [
        { requestId: request.id, requester: 'cy@prospect.example', company: 'Prospect Ltd', document: 'soc2-report', accessedAt: '2026-11-21T11:00:00.000Z' },
      ],
    });

    const evidenceStore = openEvidenceStore({ CHARTER_DB: path })!;
    const result = await collectEvidence(fixture.root, 'policy-acknowledgements', {
      now: '2026-11-22T06:00:00Z',
      since: '2026-11-21T00:00:00Z',
      controls: ['AC-02'],
      store: evidenceStore,
    });
    evidenceStore.close();
    expect(result.problems).toEqual([]);
    expect(await readJson(result.file!)).toMatchObject({
      summary: '2 acknowledgements by 2 people of 1 policy between 2026-11-21 and 2026-11-22.',
      items: [
        { person: 'ana@acme.example', policy: 'access-control', version: '1.2.0', acknowledgedAt: '2026-11-21T09:00:00.000Z' },
        { person: 'ben@acme.example', policy: 'access-control', version: '1.2.0', acknowledgedAt: '2026-11-21T10:00:00.000Z' },
      ],
    });
  });

  it('refuses to add to a chain that is already broken', async () => {
    const [, middle] = await threeSnapshots();
    await fixture.edit(middle!, (text) => text.replace('WebAuthn', 'passwords'));
    const result = await appendSnapshot(fixture.root, 'next.json', draft('2026-11-04T06:00:00Z'), `${today}T12:00:00Z`);
    expect(result.problems.map(formatProblem)[0]).toBe(
      'next.json: collector: the chain of collector "idp-mfa" is broken, so nothing can be added to it; run charter evidence verify and restore the files it names',
    );
  });
});

describe('charter evidence import', () => {
  const importFile = async (name: string, value: unknown) => {
    await fixture.write(name, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    const result = await importEvidence(fixture.root, join(fixture.root, name), `${today}T12:00:00Z`);
    return result.problems.map(formatProblem).map((line) => line.replace(`${fixture.root}/`, ''));
  };

  it('chains what the example collector script writes', async () => {
    const collector = join(project, 'scripts/example/evidence-collector.mjs');
    const { stdout } = await run(process.execPath, [collector, '--collected-at', `${today}T06:00:00Z`, join(project, 'scripts/example/idp-export.json')]);
    await fixture.write('mfa.json', stdout);
    const result = await charter(fixture.root, 'evidence', 'import', 'mfa.json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ wrote evidence-snapshots\/identity-provider-mfa\.2026-11-22T060000Z\.json \(sequence 1, sha256 [0-9a-f]{12}…\)/);
    expect(result.stdout).toContain('11 of 12 active users sign in with phishing-resistant factors only');
    expect(await evidenceErrors()).toEqual([]);

    const bad = await run(process.execPath, [collector, '--collected-at', 'yesterday', join(project, 'scripts/example/idp-export.json')]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--collected-at: expected a time such as 2026-11-30T06:00:00Z, got "yesterday"') });
  });

  it('rejects an invalid snapshot with a message naming the field', async () => {
    expect(await importFile('a.json', { ...draft('2026-11-20T06:00:00Z'), summary: undefined })).toEqual(['a.json:1: summary: is required but missing']);
    expect(await importFile('b.json', draft('2026-11-20 06:00'))).toEqual([
      'b.json:3: collectedAt: expected a UTC time such as 2026-11-20T06:00:00Z, got the text "2026-11-20 06:00"',
    ]);
    expect(await importFile('c.json', draft('2026-11-20T06:00:00Z', { controls: ['AC-99'] }))).toEqual([
      'c.json:5: controls[0]: unknown control "AC-99"; use an id from content/controls/ (e.g. AC-01, AC-02)',
    ]);
    expect(await importFile('d.json', draft('2026-11-20T06:00:00Z', { controls: ['ac-1'] }))).toEqual([
      'd.json:5: controls[0]: expected a control id such as AC-01, got the text "ac-1"',
    ]);
    expect(await importFile('e.json', draft('2026-11-20T06:00:00Z', { colour: 'blue' }))).toEqual(['e.json:16: unknown field "colour" (check the spelling)']);
    expect(await importFile('f.json', '{ "collector": "x", ')).toEqual([expect.stringMatching(/^f\.json(:\d+)?: not valid JSON/)]);
    expect(await importFile('g.json', draft('2026-12-20T06:00:00Z'))).toEqual([
      'g.json:3: collectedAt: 2026-12-20T06:00:00Z is in the future; record the time the collector actually ran',
    ]);
  });

  it('refuses an existing snapshot imported twice, and a back-dated one', async () => {
    const [first] = await threeSnapshots();
    expect(await importFile('again.json', await readJson(first!))).toEqual([
      'again.json:16: sequence: sequence, previous, hash are added by charter when it chains the snapshot; leave them out of the file you import (is this an existing snapshot being imported twice?)',
    ]);
    expect(await importFile('late.json', draft('2026-11-02T12:00:00Z'))).toEqual([
      "late.json:3: collectedAt: 2026-11-02T12:00:00Z is not after the collector's latest snapshot (2026-11-03T06:00:00Z, evidence-snapshots/idp-mfa.2026-11-03T060000Z.json); snapshots are added in the order they were collected",
    ]);
  });

  it('names the field on the command line and exits 1', async () => {
    await fixture.write('bad.json', JSON.stringify(draft('2026-11-20T06:00:00Z', { items: 'none' })));
    const result = await charter(fixture.root, 'evidence', 'import', 'bad.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.json:1: items: expected a list, got the text "none"');
  });
});

describe('the published JSON Schema', () => {
  it('matches the schema import validates against', () => {
    expect(JSON.parse(readFileSync(join(project, 'docs/evidence.schema.json'), 'utf8'))).toEqual(snapshotJsonSchema());
  });
});

describe('the example evidence', () => {
  it('verifies, and supports only controls in the catalog', async () => {
    const result = await charter(project, 'evidence', 'verify');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ \d+ snapshots from \d+ collectors: every chain verifies/);
  });
});
