import { basename } from 'node:path';
import { parseApprover, pullRequestNumber, type Approver } from '../../review/approvals.ts';
import { git, logFormat, parseParents, parseRecords, TRAILER } from '../../git/git-history.ts';
import { plural } from '../../words.ts';
import type { Collector } from './types.ts';

const TRAILER_LINE = /^(approved-by|reviewed-by|signed-off-by|co-authored-by)\s*:/i;
const TRAILERS = `%(trailers:key=Approved-by,key=Reviewed-by,valueonly,separator=%x1d)`;

interface MainLineCommit {
  hash: string;
  shortHash: string;
  committedAt: string;
  author: Approver;
  subject: string;
  firstBodyLine: string;
  parents: string[];
  reviewers: Approver[];
}

const parseTrailers = (text: string | undefined) =>
  (text ?? '')
    .split(TRAILER)
    .map((value) => value.trim())
    .filter(Boolean)
    .map(parseApprover);

/** One person, however they appear: by email when both sides have one, else by name. */
const samePerson = (a: Approver, b: Approver) =>
  a.email && b.email ? a.email.toLowerCase() === b.email.toLowerCase() : a.name.toLowerCase() === b.name.toLowerCase();

function uniquePeople(people: readonly Approver[]): Approver[] {
  return people.filter((person, index) => people.findIndex((other) => samePerson(person, other)) === index);
}

async function mainLine(root: string, since: string, until: string): Promise<MainLineCommit[]> {
  const format = logFormat('%H', '%h', '%cI', '%an', '%ae', '%s', '%P', TRAILERS, '%b');
  const output = await git(root, ['log', '--first-parent', `--since=${since}`, `--until=${until}`, `--format=${format}`, 'HEAD']);
  return parseRecords(output).map(([hash, shortHash, committedAt, name, email, subject, parents, trailers, body]) => ({
    hash: hash!,
    shortHash: shortHash!,
    committedAt: new Date(committedAt!).toISOString().replace('.000Z', 'Z'),
    author: { name: name!, email: email || undefined },
    subject: subject!,
    firstBodyLine:
      (body ?? '')
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line && !TRAILER_LINE.test(line)) ?? '',
    parents: parseParents(parents),
    reviewers: parseTrailers(trailers),
  }));
}

/** Authors and reviewer trailers of the commits a merge brought in. */
async function branchCommits(root: string, merge: MainLineCommit): Promise<{ authors: Approver[]; reviewers: Approver[]; commits: number }> {
  const [first, ...others] = merge.parents;
  const output = await git(root, ['log', `--format=${logFormat('%an', '%ae', TRAILERS)}`, ...others, `^${first}`]);
  const records = parseRecords(output);
  return {
    authors: uniquePeople(records.map(([name, email]) => ({ name: name!, email: email || undefined }))),
    reviewers: records.flatMap(([, , trailers]) => parseTrailers(trailers)),
    commits: records.length,
  };
}

/** The first few, then how many more: a summary stays one readable sentence. */
const listed = (values: readonly string[], shown = 5) =>
  values.length <= shown ? values.join(', ') : `${values.slice(0, shown).join(', ')} and ${values.length - shown} more`;

/** "4 changes reached main since 2026-11-19 05:30 UTC: 3 reviewed by someone other than the author, 1 without …". */
export function summariseChanges(items: readonly { commit: string; independentReview: boolean }[], branch: string, since: string): string {
  const reviewed = items.filter((item) => item.independentReview).length;
  const unreviewed = items.filter((item) => !item.independentReview);
  const span = `since ${since.slice(0, 16).replace('T', ' ')} UTC`;
  if (items.length === 0) return `No changes reached ${branch} ${span}.`;
  return (
    `${plural(items.length, 'change')} reached ${branch} ${span}: ${reviewed} reviewed by someone other than the author` +
    (unreviewed.length ? `, ${unreviewed.length} without an independent review (${listed(unreviewed.map((i) => i.commit))}).` : '.')
  );
}

const names = (people: readonly Approver[]) => people.map((p) => p.name);

/**
 * Changes that reached the main line since the previous run: for each, who wrote it, who
 * reviewed or approved it (Approved-by / Reviewed-by trailers on the merge or its commits) and
 * who merged it, and whether someone other than an author reviewed it.
 */
export const gitChangeManagement: Collector = {
  name: 'git-change-management',
  description: 'changes merged to the main line, with authors, reviewers and whether each had an independent review (from git)',
  controls: ['CM-01'],
  async collect({ root, since, now }) {
    let top: string;
    try {
      top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
      await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']);
    } catch {
      return { skipped: `${root} is not a git repository with commits; run the collector inside the repository whose changes it should record` };
    }
    const branch = (await git(root, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    const from = Date.parse(since);
    const to = Date.parse(now);
    // git filters by whole seconds; the span is (since, now] so consecutive runs never count a merge twice.
    const commits = (await mainLine(root, since, now)).filter((c) => Date.parse(c.committedAt) > from && Date.parse(c.committedAt) <= to).reverse();

    const items = await Promise.all(
      commits.map(async (commit) => {
        const isMerge = commit.parents.length > 1;
        const pullRequest = pullRequestNumber(commit.subject);
        const branchInfo = isMerge ? await branchCommits(root, commit) : undefined;
        const authors = branchInfo?.authors.length ? branchInfo.authors : [commit.author];
        const reviewers = uniquePeople([...commit.reviewers, ...(branchInfo?.reviewers ?? [])]);
        const independent = reviewers.filter((r) => !authors.some((a) => samePerson(a, r)));
        return {
          commit: commit.shortHash,
          mergedAt: commit.committedAt,
          title: isMerge && commit.firstBodyLine ? commit.firstBodyLine : commit.subject,
          pullRequest: pullRequest ?? null,
          via: isMerge ? 'merge' : pullRequest !== undefined ? 'squash' : 'direct',
          authors: names(authors),
          reviewers: names(reviewers),
          mergedBy: isMerge ? commit.author.name : null,
          commits: branchInfo?.commits ?? 1,
          independentReview: independent.length > 0,
        };
      }),
    );

    return {
      summary: summariseChanges(items, branch, since),
      items,
      source: `git repository ${basename(top)}, branch ${branch}`,
      period: { from: since, to: now },
    };
  },
};
