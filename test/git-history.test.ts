import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitApprovals, commitApprovalsForFiles } from '../src/lib/review/approvals.ts';
import { fileHistory, folderHistory } from '../src/lib/git/git-history.ts';

const run = promisify(execFile);

/**
 * A portal build reads the history of every document at once. It must give each document the
 * history `git log --follow` gives it, also for the histories that are easy to get wrong:
 * renames (twice, and with an edit), a file deleted and added again, a merge that discards a
 * branch's change, a conflicted merge, a branch that merged main before it was merged itself,
 * and content in a subfolder of the repository.
 */
describe('the history of every document, read at once', () => {
  let repo: string;
  const content = () => join(repo, 'compliance');
  const policies = ['content/policies/alpha3.mdx', 'content/policies/beta.mdx', 'content/policies/gamma.mdx'];
  let minute = 0;

  const git = (...args: string[]) => {
    const date = new Date(Date.UTC(2026, 0, 1) + ++minute * 60_000).toISOString();
    return run('git', ['-C', repo, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } }).then((r) => r.stdout.trim());
  };
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(content(), path)), { recursive: true });
    await writeFile(join(content(), path), text);
  };
  const edit = async (path: string, from: string, to: string) => write(path, (await readFile(join(content(), path), 'utf8')).replace(from, to));
  const policy = (version: string, body: string) => `---\nid: x\nversion: ${version}\n---\n\n${body}\n`;
  const commit = async (...message: string[]) => {
    await git('add', '-A');
    await git('commit', '-q', ...message.flatMap((m) => ['-m', m]));
  };

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'charter-history-'));
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', 'Ana Silva');
    await git('config', 'user.email', 'ana@acme.example');
    await git('config', 'commit.gpgsign', 'false');
    await write('content/policies/alpha.mdx', policy('1.0.0', 'One two three.\n\nFour five six.'));
    await write('content/policies/beta.mdx', policy('1.0.0', 'Beta text.'));
    await write('content/policies/gamma.mdx', policy('1.0.0', 'Gamma text.'));
    await writeFile(join(repo, 'README.md'), 'Outside the content.\n');
    await commit('Base');

    await git('checkout', '-q', '-b', 'raise');
    await edit('content/policies/alpha.mdx', '1.0.0', '1.1.0');
    await commit('Alpha 1.1', 'Reviewed-by: Dee Park <dee@acme.example>');
    await git('checkout', '-q', 'main');
    await writeFile(join(repo, 'README.md'), 'Changed outside the content.\n');
    await commit('Unrelated');
    await git('merge', '-q', '--no-ff', 'raise', '-m', 'Merge pull request #3 from acme/raise', '-m', 'Approved-by: Ben Okoro <ben@acme.example>');

    await git('mv', 'compliance/content/policies/alpha.mdx', 'compliance/content/policies/alpha2.mdx');
    await commit('Rename alpha (#4)');
    await git('rm', '-q', 'compliance/content/policies/beta.mdx');
    await commit('Remove beta');
    await write('content/policies/beta.mdx', policy('2.0.0', 'Beta again.'));
    await commit('Beta returns (#5)');

    await git('checkout', '-q', '-b', 'discard');
    await edit('content/policies/alpha2.mdx', 'One', 'Uno');
    await commit('An edit the merge discards');
    await git('checkout', '-q', 'main');
    await git('merge', '-q', '--no-ff', '-s', 'ours', 'discard', '-m', 'Merge pull request #6 from acme/discard');

    await git('checkout', '-q', '-b', 'conflict');
    await edit('content/policies/gamma.mdx', 'Gamma', 'Branch gamma');
    await commit('Gamma on a branch');
    await git('checkout', '-q', 'main');
    await edit('content/policies/gamma.mdx', 'Gamma', 'Main gamma');
    await commit('Gamma on main');
    await git('merge', '-q', '--no-ff', 'conflict', '-m', 'Merge pull request #7 from acme/conflict').catch(() => {});
    await write('content/policies/gamma.mdx', policy('1.0.1', 'Resolved gamma.'));
    await commit('Merge pull request #7 from acme/conflict');

    await git('checkout', '-q', '-b', 'nested');
    await edit('content/policies/alpha2.mdx', 'two', '2');
    await commit('Alpha on a branch that merges main');
    await git('checkout', '-q', 'main');
    await edit('content/policies/beta.mdx', 'again', 'once more');
    await commit('Beta on main');
    await git('checkout', '-q', 'nested');
    await git('merge', '-q', '--no-ff', 'main', '-m', 'Merge branch main into nested');
    await git('checkout', '-q', 'main');
    await git('merge', '-q', '--no-ff', 'nested', '-m', 'Merge pull request #8 from acme/nested');

    await git('mv', 'compliance/content/policies/alpha2.mdx', 'compliance/content/policies/alpha3.mdx');
    await edit('content/policies/alpha3.mdx', 'five', 'FIVE');
    await commit('Rename alpha again, with an edit');
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('gives each file the commits git log --follow gives it, renames followed', async () => {
    const history = await folderHistory(content());
    for (const path of policies) expect(history(path)).toEqual(await fileHistory(content(), path));
    expect(history('content/policies/alpha3.mdx').map((c) => c.subject)).toEqual([
      'Rename alpha again, with an edit',
      'Alpha on a branch that merges main',
      'An edit the merge discards',
      'Rename alpha (#4)',
      'Alpha 1.1',
      'Base',
    ]);
    expect(history('content/policies/alpha3.mdx').at(-1)!.path).toBe('compliance/content/policies/alpha.mdx');
  });

  it('gives every document the approvals it gets on its own', async () => {
    const all = await commitApprovalsForFiles(content(), policies);
    for (const path of policies) expect(all.get(path)).toEqual(await commitApprovals(content(), path));
    const beta = all.get('content/policies/beta.mdx')!;
    expect(beta.map((c) => [c.subject, c.version, c.via, c.pullRequest])).toEqual([
      ['Beta on main', '2.0.0', 'direct', undefined],
      ['Beta returns (#5)', '2.0.0', 'squash', 5],
      ['Remove beta', undefined, 'direct', undefined],
      ['Base', '1.0.0', 'direct', undefined],
    ]);
    const alpha = all.get('content/policies/alpha3.mdx')!;
    expect(alpha.find((c) => c.subject === 'Alpha 1.1')).toMatchObject({
      version: '1.1.0',
      via: 'merge',
      pullRequest: 3,
      mergedBy: 'Ana Silva',
      approvers: [
        { name: 'Ben Okoro', email: 'ben@acme.example' },
        { name: 'Dee Park', email: 'dee@acme.example' },
      ],
    });
  });

  it('is empty for a file git never saw and for a folder outside git', async () => {
    expect((await folderHistory(content()))('content/policies/never.mdx')).toEqual([]);
    const outside = await mkdtemp(join(tmpdir(), 'charter-no-git-'));
    try {
      expect((await folderHistory(outside))('content/policies/alpha.mdx')).toEqual([]);
      expect(await commitApprovalsForFiles(outside, policies)).toEqual(new Map(policies.map((p) => [p, []])));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
