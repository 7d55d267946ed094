import { folderHistory, git, logFormat, parseParents, parseRecords, readRevisions, TRAILER, type FileCommit } from '../git/git-history.ts';
import { parseContentFile } from '../content/read.ts';

/**
 * Who approved each version of a document. A policy change is a pull request and the merge is
 * the approval, so for every commit that touched the file we find the commit that brought it
 * into the main line (the first-parent history of HEAD): a merge commit ("Merge pull request #12
 * from …"), a squash merge ("Title (#12)") or a direct commit. Approvers come from
 * `Approved-by:` and `Reviewed-by:` trailers on that commit or on the change itself.
 */

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

/** Where a pull request of the repository at `repository` (GitHub, Gitea and Forgejo use /pull/N) can be read; undefined without either. */
export function pullRequestUrl(repository: string | undefined, pullRequest: number | undefined): string | undefined {
  return repository && pullRequest !== undefined ? `${repository.replace(/\/+$/, '')}/pull/${pullRequest}` : undefined;
}

/** Every commit reachable from HEAD, from one `git log`: parents, committer date, subject, approval trailers. */
async function commitGraph(root: string, head: string): Promise<Map<string, CommitInfo>> {
  const output = await git(root, [
    'log',
    `--format=${logFormat('%H', '%cI', '%an', '%s', '%P', '%(trailers:key=Approved-by,key=Reviewed-by,separator=%x1d)')}`,
    head,
  ]);
  const infos = new Map<string, CommitInfo>();
  for (const [hash, committerDate, author, subject, parents, trailers] of parseRecords(output)) {
    infos.set(hash!, {
      hash: hash!,
      committerDate: committerDate!,
      author: author!,
      subject: subject!,
      parents: parseParents(parents),
      trailers: (trailers ?? '').split(TRAILER).flatMap((line) => {
        const match = APPROVAL_TRAILERS.exec(line.trim());
        return match ? [parseApprover(match[2]!)] : [];
      }),
    });
  }
  return infos;
}

/**
 * For every commit, the oldest commit of the main line (the first-parent history of HEAD) that
 * has it as an ancestor: where it entered the main line. Walking the main line from its oldest
 * commit, each merge brings in whatever its other parents reach that earlier commits did not.
 */
function entryPoints(graph: Map<string, CommitInfo>, head: string): Map<string, string> {
  const main: string[] = [];
  for (let commit: string | undefined = head; commit && graph.has(commit); commit = graph.get(commit)!.parents[0]) main.push(commit);
  const entries = new Map<string, string>();
  for (const merge of main.reverse()) {
    entries.set(merge, merge);
    const stack = graph.get(merge)!.parents.slice(1);
    while (stack.length) {
      const commit = stack.pop()!;
      if (entries.has(commit)) continue;
      entries.set(commit, merge);
      stack.push(...(graph.get(commit)?.parents ?? []));
    }
  }
  return entries;
}

/** What a build needs to know of a repository, read once per HEAD with a handful of git processes. */
interface Repository {
  root: string;
  graph: Map<string, CommitInfo>;
  entries: Map<string, string>;
  history: (path: string) => FileCommit[];
  /** `version` of a document at `commit:path`, read in batches and kept. */
  versions: Map<string, Promise<string | undefined>>;
}

// The history of a repository only grows; keep what was read for its current HEAD, so a site
// build reads it once however many pages show a history.
const repositories = new Map<string, { head: string; repo: Promise<Repository | undefined> }>();

async function repository(root: string): Promise<Repository | undefined> {
  let head: string;
  try {
    head = (await git(root, ['rev-parse', 'HEAD'])).trim();
  } catch {
    return undefined;
  }
  let known = repositories.get(root);
  if (known?.head !== head) {
    const repo = Promise.all([commitGraph(root, head), folderHistory(root)]).then(
      ([graph, history]) => ({ root, graph, entries: entryPoints(graph, head), history, versions: new Map() }),
      () => undefined,
    );
    known = { head, repo };
    repositories.set(root, known);
  }
  return known.repo;
}

/** Reads the `version` of each document revision not yet known, all through one `git cat-file --batch`. */
function readVersions(repo: Repository, changes: readonly FileCommit[]): void {
  const wanted = [...new Set(changes.map((c) => `${c.hash}:${c.path}`))].filter((spec) => !repo.versions.has(spec));
  if (!wanted.length) return;
  const batch = readRevisions(repo.root, wanted);
  for (const spec of wanted) {
    const path = spec.slice(spec.indexOf(':') + 1);
    repo.versions.set(
      spec,
      batch.then((texts) => {
        const text = texts.get(spec);
        if (text === undefined) return undefined;
        // A document's version is in its frontmatter; a YAML document's (the SoA) at its top level.
        const collection = /\.ya?ml$/.test(path) ? 'applicability' : 'policies';
        const version = (parseContentFile(collection, path, text).entry?.data as { version?: unknown } | undefined)?.version;
        return typeof version === 'string' ? version : undefined;
      }),
    );
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

function approvalsOf(repo: Repository, history: readonly FileCommit[], versions: readonly (string | undefined)[]): CommitApproval[] {
  return history.map((change, index): CommitApproval => {
    const own = repo.graph.get(change.hash)!;
    const merge = repo.graph.get(repo.entries.get(change.hash) ?? change.hash) ?? own;
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
 * `commitApprovals` for many files at once, keyed by path: the same few git processes for a
 * thousand files as for one, which is what keeps a large portal build fast.
 */
export async function commitApprovalsForFiles(root: string, paths: readonly string[]): Promise<Map<string, CommitApproval[]>> {
  const result = new Map<string, CommitApproval[]>(paths.map((path) => [path, []]));
  const repo = await repository(root);
  if (!repo) return result;
  const histories = paths.map((path) => repo.history(path).filter((change) => repo.graph.has(change.hash)));
  readVersions(repo, histories.flat());
  await Promise.all(
    paths.map(async (path, index) => {
      const history = histories[index]!;
      const versions = await Promise.all(history.map((change) => repo.versions.get(`${change.hash}:${change.path}`)!));
      result.set(path, approvalsOf(repo, history, versions));
    }),
  );
  return result;
}

/** For each commit that changed the file (newest first), the merge that approved it. */
export async function commitApprovals(root: string, path: string): Promise<CommitApproval[]> {
  return (await commitApprovalsForFiles(root, [path])).get(path)!;
}

/**
 * One entry per version of a policy, newest first: the merge that put the version into
 * effect, its pull request and its approvers. A version is the run of consecutive commits
 * that leave `version` unchanged; its approval is that of the commit that introduced it.
 * Empty without git or history.
 */
export async function policyApprovals(root: string, path: string): Promise<VersionApproval[]> {
  return groupByVersion(await commitApprovals(root, path));
}

/** `policyApprovals` from a file's commit approvals (newest first, as `commitApprovals` gives them). */
export function groupByVersion(commits: readonly CommitApproval[]): VersionApproval[] {
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
