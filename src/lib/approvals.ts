import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileHistory, type FileCommit } from './git-history.ts';
import { parseContentFile } from './read.ts';

/**
 * Who approved each version of a document. A policy change is a pull request and the merge is
 * the approval, so for every commit that touched the file we find the commit that brought it
 * into the main line (the first-parent history of HEAD): a merge commit ("Merge pull request #12
 * from …"), a squash merge ("Title (#12)") or a direct commit. Approvers come from
 * `Approved-by:` and `Reviewed-by:` trailers on that commit or on the change itself.
 */

const run = promisify(execFile);
const git = (root: string, ...args: string[]) => run('git', ['-C', root, ...args], { maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout);

export interface Approver {
  name: string;
  email?: string;
}

/** How a change reached the main line. */
export type MergeKind = 'merge' | 'squash' | 'direct';

export interface CommitApproval {
  commit: string;
  shortCommit: string;
  /** Author date of the change, ISO 8601. */
  date: string;
  author: string;
  subject: string;
  /** The file's path in that commit. */
  path: string;
  /** The document's `version` in that commit; undefined when the frontmatter could not be read. */
  version?: string;
  /** The main-line commit that brought the change in (the change itself when committed directly). */
  mergeCommit: string;
  /** When the change reached the main line (committer date of mergeCommit), ISO 8601. */
  mergeDate: string;
  mergeSubject: string;
  via: MergeKind;
  pullRequest?: number;
  /** Author of the merge commit: the person who pressed "merge". Only for real merges. */
  mergedBy?: string;
  approvers: Approver[];
}

export interface VersionApproval {
  version?: string;
  /** When this version reached the main line, ISO 8601. */
  date: string;
  /** The change that introduced the version. */
  commit: string;
  mergeCommit: string;
  via: MergeKind;
  pullRequest?: number;
  mergedBy?: string;
  approvers: Approver[];
  /** Every change made while this version was current, newest first (e.g. later review dates). */
  commits: CommitApproval[];
}

interface CommitInfo {
  hash: string;
  committerDate: string;
  author: string;
  subject: string;
  parents: string[];
  trailers: Approver[];
}

const FIELD = '\x1f';
const RECORD = '\x1e';
const TRAILER = '\x1d';
const APPROVAL_TRAILERS = /^(approved-by|reviewed-by)\s*:\s*(.+)$/i;

/** "Ben Okoro <ben@acme.example>" or a bare name, as trailers are written. */
export function parseApprover(value: string): Approver {
  const match = /^(.*?)\s*<([^>]+)>\s*$/.exec(value.trim());
  if (!match) return { name: value.trim() };
  return { name: match[1] || match[2]!, email: match[2] };
}

/** The pull request number a merge or squash subject names, as GitHub writes them. */
export function pullRequestNumber(subject: string): number | undefined {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match ? Number(match[1]) : undefined;
}

async function commitInfos(root: string, hashes: readonly string[]): Promise<Map<string, CommitInfo>> {
  const unique = [...new Set(hashes)];
  const infos = new Map<string, CommitInfo>();
  if (!unique.length) return infos;
  const output = await git(root, 'log', '--no-walk=unsorted',
    `--format=${RECORD}%H${FIELD}%cI${FIELD}%an${FIELD}%s${FIELD}%P${FIELD}%(trailers:key=Approved-by,key=Reviewed-by,separator=%x1d)`, ...unique);
  for (const record of output.split(RECORD)) {
    if (!record.trim()) continue;
    const [hash, committerDate, author, subject, parents, trailers] = record.replace(/\n+$/, '').split(FIELD) as string[];
    infos.set(hash!, {
      hash: hash!,
      committerDate: committerDate!,
      author: author!,
      subject: subject!,
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      trailers: (trailers ?? '').split(TRAILER).flatMap((line) => {
        const match = APPROVAL_TRAILERS.exec(line.trim());
        return match ? [parseApprover(match[2]!)] : [];
      }),
    });
  }
  return infos;
}

// The main line of a repository only grows; cache it per HEAD so a site build reads it once.
const mainLines = new Map<string, Promise<Set<string>>>();

async function mainLine(root: string): Promise<{ head: string; commits: Set<string> }> {
  const head = (await git(root, 'rev-parse', 'HEAD')).trim();
  const key = `${root}\0${head}`;
  let commits = mainLines.get(key);
  if (!commits) {
    commits = git(root, 'rev-list', '--first-parent', head).then((out) => new Set(out.split('\n').filter(Boolean)));
    mainLines.set(key, commits);
  }
  return { head, commits: await commits };
}

/** The oldest main-line commit that has `commit` as an ancestor: where it entered the main line. */
async function entryPoint(root: string, commit: string, head: string, main: Set<string>): Promise<string> {
  if (main.has(commit)) return commit;
  const descendants = (await git(root, 'rev-list', '--ancestry-path', `${commit}..${head}`)).split('\n').filter(Boolean);
  for (let i = descendants.length - 1; i >= 0; i--) if (main.has(descendants[i]!)) return descendants[i]!;
  return commit;
}

/** Maps with at most `limit` git processes at a time: a long history must not fork hundreds at once. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function versionAt(root: string, change: FileCommit): Promise<string | undefined> {
  try {
    const text = await git(root, 'show', `${change.hash}:${change.path}`);
    const version = (parseContentFile('policies', change.path, text).entry?.data as { version?: unknown } | undefined)?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

function uniqueApprovers(approvers: readonly Approver[]): Approver[] {
  const seen = new Set<string>();
  return approvers.filter((approver) => {
    const key = (approver.email ?? approver.name).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** For each commit that changed the file (newest first), the merge that approved it. */
export async function commitApprovals(root: string, path: string): Promise<CommitApproval[]> {
  const history = await fileHistory(root, path);
  if (!history.length) return [];
  const { head, commits: main } = await mainLine(root);
  const [entries, versions] = await Promise.all([
    mapLimited(history, 8, (change) => entryPoint(root, change.hash, head, main)),
    mapLimited(history, 8, (change) => versionAt(root, change)),
  ]);
  const infos = await commitInfos(root, [...history.map((c) => c.hash), ...entries]);
  return history.map((change, index): CommitApproval => {
    const merge = infos.get(entries[index]!)!;
    const own = infos.get(change.hash)!;
    const isMerge = merge.parents.length > 1;
    const pullRequest = pullRequestNumber(merge.subject);
    return {
      commit: change.hash,
      shortCommit: change.shortHash,
      date: change.date,
      author: change.author,
      subject: change.subject,
      path: change.path,
      version: versions[index],
      mergeCommit: merge.hash,
      mergeDate: merge.committerDate,
      mergeSubject: merge.subject,
      via: isMerge ? 'merge' : pullRequest !== undefined ? 'squash' : 'direct',
      pullRequest,
      mergedBy: isMerge ? merge.author : undefined,
      approvers: uniqueApprovers([...merge.trailers, ...(merge === own ? [] : own.trailers)]),
    };
  });
}

/**
 * One entry per version of a policy, newest first: the merge that put the version into
 * effect, its pull request and its approvers. A version is the run of consecutive commits
 * that leave `version` unchanged; its approval is that of the commit that introduced it.
 * Empty without git or history.
 */
export async function policyApprovals(root: string, path: string): Promise<VersionApproval[]> {
  const commits = await commitApprovals(root, path);
  const versions: VersionApproval[] = [];
  // Walk oldest to newest so each run starts at the commit that introduced its version.
  for (const commit of [...commits].reverse()) {
    const current = versions[versions.length - 1];
    if (current && current.version === commit.version) {
      current.commits.unshift(commit);
      continue;
    }
    versions.push({
      version: commit.version,
      date: commit.mergeDate,
      commit: commit.commit,
      mergeCommit: commit.mergeCommit,
      via: commit.via,
      pullRequest: commit.pullRequest,
      mergedBy: commit.mergedBy,
      approvers: commit.approvers,
      commits: [commit],
    });
  }
  return versions.reverse();
}
