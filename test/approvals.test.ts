import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitApprovals, parseApprover, policyApprovals, pullRequestNumber, pullRequestUrl } from '../src/lib/review/approvals.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const run = promisify(execFile);

/**
 * A repository whose policy went through every way a change reaches main:
 * a direct commit (1.2.0), a pull request merged with a merge commit (1.3.0), a squash merge
 * (2.0.0), then two more pull requests that keep 2.0.0 (a recorded review and a file move).
 */
describe('who approved each version of a policy', () => {
  let fixture: Fixture;
  let hour = 0;
  const hashes: Record<string, string> = {};

  const git = (...args: string[]) => {
    // Distinct dates keep the log order certain.
    const date = new Date(Date.UTC(2026, 2, 1) + ++hour * 3_600_000).toISOString();
    return run('git', ['-C', fixture.root, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).then((r) => r.stdout.trim());
  };
  const gitAs = (name: string, email: string, ...args: string[]) => git('-c', `user.name=${name}`, '-c', `user.email=${email}`, ...args);
  const commit = async (label: string, ...message: string[]) => {
    await git('add', '-A');
    await git('commit', '-q', ...message.flatMap((m) => ['-m', m]));
    hashes[label] = await git('rev-parse', 'HEAD');
  };
  const mergePullRequest = async (branch: string, number: number, by: [string, string], ...trailers: string[]) => {
    await git('checkout', '-q', 'main');
    await gitAs(...by, 'merge', '-q', '--no-ff', branch, '-m', `Merge pull request #${number} from acme/${branch}`, ...trailers.flatMap((t) => ['-m', t]));
    hashes[`#${number}`] = await git('rev-parse', 'HEAD');
  };
  const policy = 'content/policies/access-control.mdx';
  const setVersion = (version: string) => (text: string) => text.replace(/^version: .*$/m, `version: ${version}`);

  beforeAll(async () => {
    fixture = await makeFixture();
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', 'Ana Silva');
    await git('config', 'user.email', 'ana@acme.example');
    await git('config', 'commit.gpgsign', 'false');
    await commit('1.2.0', 'Base content');

    await git('checkout', '-q', '-b', 'tighten-access');
    await fixture.edit(policy, (t) => setVersion('1.3.0')(t.replace('Body text.', 'Reviews every quarter.')));
    await commit('1.3.0', 'Tighten access reviews', 'Reviewed-by: Dee Park <dee@acme.example>');
    await git('checkout', '-q', 'main');
    await fixture.edit('content/runbooks/access-review.mdx', (t) => t.replace('Body text.', 'Steps.'));
    await commit('unrelated', 'Runbook steps');
    await mergePullRequest('tighten-access', 12, ['Ben Okoro', 'ben@acme.example'], 'Approved-by: Ben Okoro <ben@acme.example>');

    await fixture.edit(policy, setVersion('2.0.0'));
    await commit('2.0.0', 'Access control 2.0 (#13)', 'Reviewed-by: Ana Silva <ana@acme.example>\nApproved-by: Ben Okoro <ben@acme.example>');

    await git('checkout', '-q', '-b', 'record-review');
    await fixture.edit(policy, (t) => t.replace('effective: 2026-03-01', 'effective: 2026-03-01\nlastReviewed: 2026-09-01'));
    await commit('review', 'Record the September review');
    await mergePullRequest('record-review', 14, ['Chris Lee', 'chris@acme.example']);

    await git('checkout', '-q', '-b', 'rename');
    await git('mv', policy, 'content/policies/access.mdx');
    await commit('move', 'Shorter file name');
    await mergePullRequest('rename', 15, ['Ben Okoro', 'ben@acme.example']);
  });
  afterAll(async () => {
    await fixture.cleanup();
  });

  it('finds, for each commit, the merge that brought it into main', async () => {
    const commits = await commitApprovals(fixture.root, 'content/policies/access.mdx');
    expect(commits.map((c) => [c.subject, c.version, c.path, c.via, c.pullRequest, c.mergeCommit])).toEqual([
      ['Shorter file name', '2.0.0', 'content/policies/access.mdx', 'merge', 15, hashes['#15']],
      ['Record the September review', '2.0.0', policy, 'merge', 14, hashes['#14']],
      ['Access control 2.0 (#13)', '2.0.0', policy, 'squash', 13, hashes['2.0.0']],
      ['Tighten access reviews', '1.3.0', policy, 'merge', 12, hashes['#12']],
      ['Base content', '1.2.0', policy, 'direct', undefined, hashes['1.2.0']],
    ]);
  });

  it('gives one entry per version with its merge, pull request and approvers, newest first', async () => {
    const versions = await policyApprovals(fixture.root, 'content/policies/access.mdx');
    expect(
      versions.map((v) => ({
        version: v.version,
        via: v.via,
        pullRequest: v.pullRequest,
        mergedBy: v.mergedBy,
        approvers: v.approvers,
        commits: v.commits.length,
      })),
    ).toEqual([
      {
        version: '2.0.0',
        via: 'squash',
        pullRequest: 13,
        mergedBy: undefined,
        commits: 3,
        approvers: [
          { name: 'Ana Silva', email: 'ana@acme.example' },
          { name: 'Ben Okoro', email: 'ben@acme.example' },
        ],
      },
      {
        version: '1.3.0',
        via: 'merge',
        pullRequest: 12,
        mergedBy: 'Ben Okoro',
        commits: 1,
        // The merge's trailer and the change's own trailer both count.
        approvers: [
          { name: 'Ben Okoro', email: 'ben@acme.example' },
          { name: 'Dee Park', email: 'dee@acme.example' },
        ],
      },
      { version: '1.2.0', via: 'direct', pullRequest: undefined, mergedBy: undefined, commits: 1, approvers: [] },
    ]);
    const [, v13] = versions;
    expect(v13!.commit).toBe(hashes['1.3.0']);
    expect(v13!.mergeCommit).toBe(hashes['#12']);
    // The version took effect when the pull request merged, not when the change was written.
    const mergedAt = await git('log', '-1', '--format=%cI', hashes['#12']!);
    expect(Date.parse(v13!.date)).toBe(Date.parse(mergedAt));
    expect(Date.parse(v13!.commits[0]!.date)).toBeLessThan(Date.parse(mergedAt));
  });

  it('returns nothing for a file outside git', async () => {
    const other = await makeFixture();
    try {
      expect(await policyApprovals(other.root, policy)).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });

  it('reads pull request numbers and approvers as GitHub and git write them', () => {
    expect(pullRequestNumber('Merge pull request #42 from acme/access')).toBe(42);
    expect(pullRequestNumber('Tighten access reviews (#43)')).toBe(43);
    expect(pullRequestNumber('Merge branch main into access')).toBeUndefined();
    expect(parseApprover('Ben Okoro <ben@acme.example>')).toEqual({ name: 'Ben Okoro', email: 'ben@acme.example' });
    expect(parseApprover('Ben Okoro')).toEqual({ name: 'Ben Okoro' });
  });

  it('links a pull request only when the repository is known', () => {
    expect(pullRequestUrl('https://github.com/acme/compliance', 42)).toBe('https://github.com/acme/compliance/pull/42');
    expect(pullRequestUrl('https://github.com/acme/compliance/', 42)).toBe('https://github.com/acme/compliance/pull/42');
    expect(pullRequestUrl(undefined, 42)).toBeUndefined();
    expect(pullRequestUrl('https://github.com/acme/compliance', undefined)).toBeUndefined();
  });

  it('reads the version of a YAML document (the SoA) from its top level', async () => {
    const soa = 'content/applicability.yaml';
    await fixture.edit(soa, (t) => `version: 1.1.0\nowner: ana\napprover: ben\neffective: 2026-05-01\n${t}`);
    await commit('soa', 'SoA 1.1 (#16)', 'Approved-by: Ben Okoro <ben@acme.example>');
    const [latest] = await policyApprovals(fixture.root, soa);
    expect(latest).toMatchObject({ version: '1.1.0', pullRequest: 16, via: 'squash', approvers: [{ name: 'Ben Okoro', email: 'ben@acme.example' }] });
  });
});
