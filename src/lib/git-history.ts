import { execFile } from 'node:child_process';
import { posix } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One commit that changed a file. */
export interface FileCommit {
  hash: string;
  shortHash: string;
  /** ISO 8601 author date. */
  date: string;
  author: string;
  email: string;
  subject: string;
  /** Hashes of the parents; more than one means a merge commit. */
  parents: string[];
  /** The file's path in that commit (it may have been renamed since). */
  path: string;
}

const FIELD = '\x1f';
const RECORD = '\x1e';

/** Parses `git log --name-only` output written with the format used below. */
export function parseFileLog(output: string): FileCommit[] {
  return output
    .split(RECORD)
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [header, ...paths] = record.split('\n');
      const [hash, shortHash, date, author, email, subject, parents] = header!.split(FIELD) as string[];
      return {
        hash: hash!,
        shortHash: shortHash!,
        date: date!,
        author: author!,
        email: email!,
        subject: subject!,
        parents: parents ? parents.split(' ').filter(Boolean) : [],
        path: paths.map((p) => p.trim()).find(Boolean) ?? '',
      };
    });
}

/**
 * The commits that changed a file, newest first, following renames. Content outside a git
 * repository, or a missing git, has no history: the result is empty rather than an error.
 */
export async function fileHistory(root: string, path: string): Promise<FileCommit[]> {
  try {
    const { stdout } = await run(
      'git',
      ['-C', root, 'log', '--follow', '--name-only', `--format=${RECORD}%H${FIELD}%h${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%s${FIELD}%P`, '--', path],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    return parseFileLog(stdout);
  } catch {
    return [];
  }
}

/** One entry of `git log --name-status`: a file changed, added, deleted, or renamed from `from`. */
interface FileChange {
  path: string;
  from?: string;
}

/** Parses `git log -z --name-status` output written with the format used below. */
function parseChangeLog(output: string): { commit: Omit<FileCommit, 'path'>; changes: FileChange[] }[] {
  return output
    .split(RECORD)
    .filter(Boolean)
    .map((record) => {
      const [header, ...tokens] = record.split('\0');
      const [hash, shortHash, date, author, email, subject, parents] = header!.split(FIELD) as string[];
      const changes: FileChange[] = [];
      for (let i = 0; i < tokens.length; ) {
        const status = tokens[i++]!.trim();
        if (!status) continue;
        // Renames and copies name two paths, the old one first.
        if (/^[RC]/.test(status)) changes.push({ from: tokens[i++]!, path: tokens[i++]! });
        else changes.push({ path: tokens[i++]! });
      }
      return {
        commit: { hash: hash!, shortHash: shortHash!, date: date!, author: author!, email: email!, subject: subject!, parents: parents ? parents.split(' ').filter(Boolean) : [] },
        changes,
      };
    });
}

/**
 * The history of every file under a folder from a single `git log`, for builds that need the
 * history of thousands of files: `fileHistory` starts one git process per file, which is most of
 * a large build's time. Returns a lookup with the same answers as `fileHistory(root, path)`
 * (renames followed, newest first) for the usual histories of merged branches; it can differ
 * only where a merge discarded a branch's change to the file, which `fileHistory` leaves out.
 * Without git or commits, every lookup is empty.
 */
export async function folderHistory(root: string): Promise<(path: string) => FileCommit[]> {
  let prefix: string;
  let output: string;
  try {
    prefix = (await run('git', ['-C', root, 'rev-parse', '--show-prefix'])).stdout.trim();
    output = (await run(
      'git',
      ['-C', root, 'log', '-z', '--name-status', '-M', '--full-history', `--format=${RECORD}%H${FIELD}%h${FIELD}%aI${FIELD}%an${FIELD}%ae${FIELD}%s${FIELD}%P`, '--', '.'],
      { maxBuffer: 1024 * 1024 * 1024 },
    )).stdout;
  } catch {
    return () => [];
  }
  const log = parseChangeLog(output);
  // For each path (as git names it, from the repository's top), the commits that touched it, newest first.
  const touches = new Map<string, { index: number; change: FileChange }[]>();
  const touch = (path: string, index: number, change: FileChange) => {
    const list = touches.get(path);
    if (list) list.push({ index, change });
    else touches.set(path, [{ index, change }]);
  };
  log.forEach(({ changes }, index) => {
    for (const change of changes) {
      touch(change.path, index, change);
      if (change.from) touch(change.from, index, change);
    }
  });
  return (path) => {
    const history: FileCommit[] = [];
    let current = posix.join(prefix, path);
    let newest = -1;
    // Walk back through the file's commits; at a rename, go on with the name it had before.
    for (;;) {
      let previousName: string | undefined;
      for (const { index, change } of touches.get(current) ?? []) {
        if (index <= newest) continue;
        history.push({ ...log[index]!.commit, path: current });
        newest = index;
        if (change.from && change.path === current) {
          previousName = change.from;
          break;
        }
      }
      if (!previousName) return history;
      current = previousName;
    }
  };
}
