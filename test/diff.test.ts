import { execFile } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareWithBase } from '../src/cli/diff.ts';
import { reviewSummaryMarkdown } from '../src/lib/review/diff-markdown.ts';
import { versionBump, type ReviewSummary } from '../src/lib/review/diff.ts';
import { subprocessorChanges } from '../src/lib/publish/subprocessor-changes.ts';
import { makeFixture, mdx, type Fixture } from './fixture.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');

const charter = (...args: string[]) =>
  run(process.execPath, [join(project, 'bin/charter.mjs'), ...args], { cwd: project }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const git = (root: string, ...args: string[]) => run('git', ['-C', root, ...args]).then((r) => r.stdout);

/** The fixture as the first commit of a fresh repository on `main`. */
async function fixtureRepository(): Promise<Fixture> {
  const fixture = await makeFixture();
  await git(fixture.root, 'init', '-q', '-b', 'main');
  await git(fixture.root, 'config', 'user.name', 'Ana Silva');
  await git(fixture.root, 'config', 'user.email', 'ana@acme.example');
  await git(fixture.root, 'config', 'commit.gpgsign', 'false');
  await commitAll(fixture, 'Base content');
  return fixture;
}

async function commitAll(fixture: Fixture, message: string): Promise<void> {
  await git(fixture.root, 'add', '-A');
  await git(fixture.root, 'commit', '-q', '-m', message);
}

const policyPath = 'content/policies/access-control.mdx';
const setVersion = (version: string) => (text: string) => text.replace(/^version: .*$/m, `version: ${version}`);
const newBody = (text: string) => text.replace('Body text.', 'Access is reviewed every quarter by the system owner.');

async function review(fixture: Fixture): Promise<ReviewSummary> {
  return (await compareWithBase(fixture.root, 'main')).summary;
}

describe('charter diff: the review summary of a policy change', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await fixtureRepository();
  });
  afterEach(async () => {
    await fixture.cleanup();
  });

  it('reports no changes when the working tree matches the base', async () => {
    const summary = await review(fixture);
    expect(summary.hasChanges).toBe(false);
    expect(summary.errors).toBe(0);
    expect(reviewSummaryMarkdown(summary)).toContain('No changes to policies');
  });

  it('fails when a policy body changes without a version bump, naming the file and the versions to choose from', async () => {
    await fixture.edit(policyPath, newBody);
    const summary = await review(fixture);
    expect(summary.documents).toMatchObject([
      { id: 'policy:access-control', status: 'changed', bodyChanged: true, version: { before: '1.2.0', after: '1.2.0', bump: 'none' } },
    ]);
    expect(summary.errors).toBe(1);
    expect(summary.findings[0]).toMatchObject({ severity: 'error', file: policyPath, line: 5, field: 'version' });

    const result = await charter('diff', '--base', 'main', '--root', fixture.root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${policyPath}:5: version: the text changed but the version is still 1.2.0; set version to 1.2.1 for a wording fix, 1.3.0 for a changed rule, or 2.0.0 if everyone must acknowledge again`,
    );
    expect(result.stdout).toContain('❌ **1 problem must be fixed before this change can be merged.**');
    expect(result.stdout).toContain('| Access Control Policy (`content/policies/access-control.mdx`) | ✏️ changed | 1.2.0 ❌ not bumped | text |');
  });

  it('also fails when only frontmatter changes without a bump, but not for a recorded review', async () => {
    await fixture.edit(policyPath, (t) => t.replace('owner: ana', 'owner: ben'));
    let summary = await review(fixture);
    expect(summary.errors).toBe(1);
    expect(summary.findings[0]!.message).toContain('owner changed but the version is still 1.2.0');

    await fixture.edit(policyPath, (t) =>
      t.replace('owner: ben', 'owner: ana').replace('effective: 2026-03-01', 'effective: 2026-03-01\nlastReviewed: 2026-09-15'),
    );
    summary = await review(fixture);
    expect(summary.errors).toBe(0);
    expect(summary.reviewDates).toEqual([
      {
        policy: 'policy:access-control',
        title: 'Access Control Policy',
        file: policyPath,
        changes: [{ field: 'lastReviewed', before: undefined, after: '2026-09-15' }],
        nextReview: { before: '2027-03-01', after: '2027-09-15' },
      },
    ]);
    expect(reviewSummaryMarkdown(summary)).toContain('| Access Control Policy | lastReviewed: — → 15 September 2026 | 1 March 2027 → 15 September 2027 |');
  });

  it('accepts a minor bump, committed on a branch, without asking anyone to acknowledge again', async () => {
    await git(fixture.root, 'checkout', '-q', '-b', 'quarterly-reviews');
    await fixture.edit(policyPath, (t) => setVersion('1.3.0')(newBody(t)));
    await commitAll(fixture, 'Quarterly access reviews');
    const summary = await review(fixture);
    expect(summary.errors).toBe(0);
    expect(summary.documents).toMatchObject([{ status: 'changed', version: { before: '1.2.0', after: '1.3.0', bump: 'minor' } }]);
    expect(summary.acknowledgements).toEqual([]);
    const result = await charter('diff', '--base', 'main', '--root', fixture.root);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| ✏️ changed | 1.2.0 → 1.3.0 (minor) | text |');
    expect(result.stdout).toContain('✅ **No problems found.**');
  });

  it('names who must acknowledge again after a major bump', async () => {
    await git(fixture.root, 'checkout', '-q', '-b', 'access-control-2');
    await fixture.edit(policyPath, (t) =>
      setVersion('2.0.0')(newBody(t)).replace('controls:', 'audience:\n  - everyone\n  - contractors\nacknowledgement: true\ncontrols:'),
    );
    await commitAll(fixture, 'Access control 2.0');
    const summary = await review(fixture);
    expect(summary.errors).toBe(0);
    expect(summary.acknowledgements).toEqual([
      {
        policy: 'policy:access-control',
        title: 'Access Control Policy',
        file: policyPath,
        version: '2.0.0',
        previousVersion: '1.2.0',
        reason: 'major version',
        audience: ['everyone', 'contractors'],
        acknowledgement: true,
      },
    ]);
    expect(reviewSummaryMarkdown(summary)).toContain(
      '| Access Control Policy | 1.2.0 → 2.0.0 | major version | 🔔 **everyone, contractors** must acknowledge again |',
    );
  });

  it('fails when a version goes down', async () => {
    await fixture.edit(policyPath, setVersion('1.1.9'));
    const summary = await review(fixture);
    expect(summary.findings).toMatchObject([
      { severity: 'error', field: 'version', message: 'version went down from 1.2.0 to 1.1.9; versions only go up — use 1.2.1, 1.3.0 or 2.0.0' },
    ]);
    expect(versionBump('1.9.0', '1.10.0')).toBe('minor');
    expect(versionBump('2.0.0', '1.99.99')).toBe('lower');
  });

  it('lists added and removed policies, and warns about the removal', async () => {
    await rm(join(fixture.root, policyPath));
    await fixture.write(
      'content/policies/identity.mdx',
      mdx({
        id: 'identity',
        title: 'Identity Policy',
        summary: 'Accounts and MFA.',
        version: '1.0.0',
        owner: 'ana',
        approver: 'ben',
        effective: '2026-06-01',
        acknowledgement: true,
        controls: ['AC-01', 'AC-02'],
      }),
    );
    const summary = await review(fixture);
    expect(summary.documents.map((d) => [d.id, d.status, d.version])).toEqual([
      ['policy:access-control', 'removed', { before: '1.2.0' }],
      ['policy:identity', 'added', { after: '1.0.0' }],
    ]);
    expect(summary.errors).toBe(0);
    expect(summary.findings).toMatchObject([{ severity: 'warning', file: policyPath, message: expect.stringContaining('"Access Control Policy" is removed') }]);
    expect(summary.acknowledgements).toMatchObject([{ policy: 'policy:identity', reason: 'new policy', audience: ['everyone'] }]);
    // The controls moved from one policy to the other.
    expect(summary.controls.map((c) => [c.code, c.policiesAdded, c.policiesRemoved])).toEqual([
      ['AC-01', ['policy:identity'], ['policy:access-control']],
      ['AC-02', ['policy:identity'], ['policy:access-control']],
    ]);
    const markdown = reviewSummaryMarkdown(summary);
    expect(markdown).toContain('| Access Control Policy (`content/policies/access-control.mdx`) | ➖ removed | 1.2.0 |  |');
    expect(markdown).toContain('| Identity Policy (`content/policies/identity.mdx`) | ➕ added | 1.0.0 |  |');
  });

  it('shows a requirement that loses its last control as newly uncovered, with coverage before and after', async () => {
    await fixture.edit('content/controls/AC-01.yaml', (t) => t.replace(/soc2:\n(\s+)- CC6.1\n\s+- CC6.2/, 'soc2:\n$1- CC6.2'));
    const summary = await review(fixture);
    expect(summary.controls).toMatchObject([{ code: 'AC-01', status: 'changed', mappingsAdded: [], mappingsRemoved: ['soc2:CC6.1'] }]);
    const [soc2] = summary.frameworks;
    // CC6.4 is excluded, so 3 requirements apply: CC6.1 and CC6.2 were covered, now only CC6.2.
    expect(soc2).toMatchObject({
      framework: 'soc2',
      before: { total: 4, covered: 2, excluded: 1, uncovered: 1 },
      after: { total: 4, covered: 1, excluded: 1, uncovered: 2 },
      newlyUncovered: ['soc2:CC6.1'],
    });
    expect(summary.findings).toMatchObject([
      { severity: 'warning', message: expect.stringContaining('SOC 2 CC6.1 (Logical access) is no longer covered by any control (was AC-01)') },
    ]);
    expect(summary.errors).toBe(0);
    const markdown = reviewSummaryMarkdown(summary);
    expect(markdown).toContain('| SOC 2 | 2 of 3 (67%) | 1 of 3 (33%) | ⚠️ CC6.1 Logical access |');
    expect(markdown).toContain('| AC-01 SSO with MFA | ✏️ changed | ➖ soc2:CC6.1 | — | — |');
  });

  it('says customers must be notified when a sub-processor is added', async () => {
    await fixture.write(
      'content/subprocessors.yaml',
      stringify({
        subprocessors: [
          { name: 'Cloud Co', purpose: 'Hosting', data: ['Telemetry'], location: 'Germany', transferMechanism: 'None', since: '2024-01-01' },
          {
            name: 'Mail Co',
            purpose: 'Email delivery',
            data: ['Email addresses'],
            location: 'United States',
            transferMechanism: 'EU Standard Contractual Clauses',
            since: '2026-07-01',
          },
        ],
      }),
    );
    const summary = await review(fixture);
    expect(summary.subprocessors.added.map((s) => s.name)).toEqual(['Mail Co']);
    expect(summary.subprocessors.customersMustBeNotified).toBe(true);
    const markdown = reviewSummaryMarkdown(summary);
    expect(markdown).toContain('📣 **Customers must be notified**');
    expect(markdown).toContain('| ➕ added | Mail Co | Email delivery | Email addresses | United States | EU Standard Contractual Clauses |');
  });

  it('agrees with the public feed: a sub-processor renamed in another case is the same one, changed when a material field changes', async () => {
    const cloudCo = { name: 'Cloud Co', purpose: 'Hosting', data: ['Telemetry'], location: 'Germany', transferMechanism: 'None', since: '2024-01-01' };
    const moved = { ...cloudCo, name: 'CLOUD CO', location: 'United States', transferMechanism: 'EU Standard Contractual Clauses' };
    await fixture.write('content/subprocessors.yaml', stringify({ subprocessors: [moved] }));
    const summary = await review(fixture);
    expect(summary.subprocessors).toMatchObject({ added: [], removed: [], edited: [], customersMustBeNotified: false });
    expect(summary.subprocessors.changed).toEqual([
      {
        name: 'CLOUD CO',
        changes: [
          { field: 'name', before: 'Cloud Co', after: 'CLOUD CO' },
          { field: 'location', before: 'Germany', after: 'United States' },
          { field: 'transferMechanism', before: 'None', after: 'EU Standard Contractual Clauses' },
        ],
      },
    ]);
    expect(reviewSummaryMarkdown(summary)).toContain(
      '| CLOUD CO | name: Cloud Co → CLOUD CO; location: Germany → United States; transferMechanism: None → EU Standard Contractual Clauses | 📣 announced as changed |',
    );
    const feed = await subprocessorChanges(fixture.root, [moved]);
    expect(feed.map((c) => [c.kind, c.name, c.fields])).toEqual([
      ['changed', 'CLOUD CO', ['location', 'transferMechanism']],
      ['added', 'Cloud Co', undefined],
    ]);
  });

  it('shows an edit to a sub-processor that customers are not told of, and the feed leaves it out', async () => {
    const renamed = {
      name: 'cloud  co',
      purpose: 'Hosting',
      data: ['Telemetry'],
      location: 'Germany',
      transferMechanism: 'None',
      since: '2024-01-01',
      website: 'https://cloud.example',
    };
    await fixture.write('content/subprocessors.yaml', stringify({ subprocessors: [renamed] }));
    const summary = await review(fixture);
    expect(summary.subprocessors).toMatchObject({ added: [], removed: [], changed: [], customersMustBeNotified: false });
    expect(summary.subprocessors.edited.map((s) => [s.name, s.changes.map((c) => c.field)])).toEqual([['cloud  co', ['name', 'website']]]);
    expect(summary.hasChanges).toBe(true);
    expect(reviewSummaryMarkdown(summary)).toContain('not announced: no material field changed');
    const feed = await subprocessorChanges(fixture.root, [renamed]);
    expect(feed.map((c) => [c.kind, c.name])).toEqual([['added', 'Cloud Co']]);
  });

  it('treats a renamed file with the same id as a move, not as a removal and an addition', async () => {
    await rename(join(fixture.root, policyPath), join(fixture.root, 'content/policies/access.mdx'));
    let summary = await review(fixture);
    expect(summary.documents).toEqual([
      {
        kind: 'policy',
        id: 'policy:access-control',
        title: 'Access Control Policy',
        status: 'renamed',
        file: 'content/policies/access.mdx',
        previousFile: policyPath,
        version: { before: '1.2.0', after: '1.2.0', bump: 'none' },
        bodyChanged: false,
        fieldsChanged: [],
      },
    ]);
    expect(summary.errors).toBe(0);
    expect(summary.controls).toEqual([]);

    // Moved and edited: a change like any other, still needing its bump.
    await fixture.edit('content/policies/access.mdx', newBody);
    summary = await review(fixture);
    expect(summary.documents).toMatchObject([{ status: 'changed', previousFile: policyPath, bodyChanged: true }]);
    expect(summary.errors).toBe(1);
    expect(reviewSummaryMarkdown(summary)).toContain('text, file moved from content/policies/access-control.mdx');
  });

  it('exits 1 and prints the problems when the proposed content is invalid', async () => {
    await fixture.edit(policyPath, (t) => setVersion('1.2.1')(t).replace('  - AC-02', '  - AC-02\n  - AC-99'));
    const result = await charter('diff', '--base', 'main', '--root', fixture.root, '--format', 'json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${policyPath}:12: controls[2]: unknown control "AC-99"`);
    const summary = JSON.parse(result.stdout) as ReviewSummary;
    expect(summary.invalid).toMatchObject([{ file: policyPath, field: 'controls[2]' }]);
    expect(summary.errors).toBe(1);
  });

  it('exits 2 with a clear message for a revision git does not know', async () => {
    const result = await charter('diff', '--base', 'origin/nope', '--root', fixture.root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown git revision "origin/nope"');
    expect(result.stdout).toBe('');
  });
});
