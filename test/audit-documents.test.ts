import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsInForce } from '../src/lib/audit/documents.ts';
import { loadValidContent } from '../src/lib/content/load.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { buildGraph, type ComplianceGraph } from '../src/lib/graph/graph.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const run = promisify(execFile);

/**
 * A repository in which the access control policy went from 1.2.0 (effective 1 March) to 2.0.0
 * (effective 1 June, pull request #13 approved by Ben), then had a review recorded without a new
 * version; the runbook changed once, in August.
 */
describe('the policy and runbook versions in force during an audit period', () => {
  let fixture: Fixture;
  let graph: ComplianceGraph;
  const policy = 'content/policies/access-control.mdx';
  const git = (date: string, ...args: string[]) =>
    run('git', ['-C', fixture.root, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).then((r) => r.stdout.trim());
  const commit = async (date: string, ...message: string[]) => {
    await git(date, 'add', '-A');
    await git(date, 'commit', '-q', ...message.flatMap((m) => ['-m', m]));
  };

  beforeAll(async () => {
    fixture = await makeFixture();
    await git('2026-02-20T10:00:00Z', 'init', '-q', '-b', 'main');
    await git('2026-02-20T10:00:00Z', 'config', 'user.name', 'Ana Silva');
    await git('2026-02-20T10:00:00Z', 'config', 'user.email', 'ana@acme.example');
    await git('2026-02-20T10:00:00Z', 'config', 'commit.gpgsign', 'false');
    await commit('2026-02-20T10:00:00Z', 'Base content');
    await fixture.edit(policy, (t) =>
      t.replace('version: 1.2.0', 'version: 2.0.0').replace('effective: 2026-03-01', 'effective: 2026-06-01').replace('Body text.', 'Reviews every quarter.'),
    );
    await commit('2026-05-25T10:00:00Z', 'Access control 2.0 (#13)', 'Approved-by: Ben Okoro <ben@acme.example>');
    await fixture.edit(policy, (t) => t.replace('effective: 2026-06-01', 'effective: 2026-06-01\nlastReviewed: 2026-09-01'));
    await commit('2026-09-02T10:00:00Z', 'Record the September review');
    await fixture.edit('content/runbooks/access-review.mdx', (t) => t.replace('Body text.', 'New steps.'));
    await commit('2026-08-10T10:00:00Z', 'Runbook steps (#14)');
    graph = buildGraph(await loadValidContent(directorySource(fixture.root), ['site', 'policies', 'runbooks', 'controls', 'frameworks'])).graph;
  });
  afterAll(() => fixture.cleanup());

  it('a period across a new version holds both, each with its own days, approval and text', async () => {
    const { documents } = await documentsInForce(fixture.root, graph, { from: '2026-04-01', to: '2026-09-30' });
    const versions = documents.filter((d) => d.id === 'access-control');
    expect(versions.map((d) => [d.version, d.effective, d.inForceUntil])).toEqual([
      ['1.2.0', '2026-03-01', '2026-05-31'],
      ['2.0.0', '2026-06-01', '2026-09-30'],
    ]);
    const [old, current] = versions;
    expect(old!.body).toContain('Body text.');
    expect(old!.approval?.mergeSubject).toBe('Base content');
    expect(current!.body).toContain('Reviews every quarter.');
    // The approval is that of the change that introduced 2.0.0, not of the later review.
    expect(current!.approval).toMatchObject({ pullRequest: 13, via: 'squash', approvers: [{ name: 'Ben Okoro', email: 'ben@acme.example' }] });
    expect(current!.owner).toBe('Ana Silva (Security Lead)');
    expect(current!.approver).toBe('Ben Okoro (CTO)');
  });

  it('a later period holds only the version then in force; the runbook text changes with its merge', async () => {
    const { documents } = await documentsInForce(fixture.root, graph, { from: '2026-07-01', to: '2026-09-30' });
    expect(documents.filter((d) => d.id === 'access-control').map((d) => d.version)).toEqual(['2.0.0']);
    const runbook = documents.filter((d) => d.kind === 'runbook');
    expect(runbook.map((d) => [d.effective, d.inForceUntil, d.body.trim()])).toEqual([
      ['2026-02-20', '2026-08-09', 'Body text.'],
      ['2026-08-10', '2026-09-30', 'New steps.'],
    ]);
  });

  it('a period before anything was written holds nothing and says why', async () => {
    const { documents, notInForce } = await documentsInForce(fixture.root, graph, { from: '2025-01-01', to: '2025-12-31' });
    expect(documents).toEqual([]);
    expect(notInForce).toEqual([
      {
        kind: 'policy',
        id: 'access-control',
        title: 'Access Control Policy',
        file: policy,
        reason: 'its first version in git took effect on 2026-03-01, after the period',
      },
      {
        kind: 'runbook',
        id: 'access-review',
        title: 'Quarterly access review',
        file: 'content/runbooks/access-review.mdx',
        reason: 'no version of it had been merged by the end of the period',
      },
    ]);
  });
});
