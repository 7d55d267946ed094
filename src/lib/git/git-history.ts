import { execFile } from 'node:child_process';
import { posix } from 'node:path';

/** Options for `git`: text for its stdin, and the most output to accept (64 MiB unless told). */
export interface GitOptions {
  input?: string;
  maxBuffer?: number;
}

/** Runs `git -C root …args`, resolving with its stdout as bytes; rejects when git fails or cannot start. */
function gitBytes(root: string, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-C', root, ...args], { encoding: 'buffer', maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    // git may exit before reading all of its input (e.g. outside a repository); its exit code reports that.
    child.stdin?.on('error', () => {});
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs `git -C root …args`, resolving with its stdout; rejects when git fails or cannot start. */
export async function git(root: string, args: readonly string[], options?: GitOptions): Promise<string> {
  return (await gitBytes(root, args, options)).toString('utf8');
}

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

/** Separates the fields of one commit in the `--format` output this module's formats write. */
export const FIELD = '\x1f';
/** Starts each commit's record in that output. */
export const RECORD = '\x1e';
/** Separates trailer values, written by `%(trailers:…,separator=%x1d)`. */
export const TRAILER = '\x1d';

/** A `--format` for `git log` that starts each commit with RECORD and separates the placeholders with FIELD. */
export function logFormat(...placeholders: string[]): string {
  return `${RECORD}${placeholders.join(FIELD)}`;
}

/** The placeholders `parseHeader` reads, in order. */
export const COMMIT_FIELDS = ['%H', '%h', '%aI', '%an', '%ae', '%s', '%P'] as const;

/** The fields of each record of `logFormat` output (a record's trailing newlines dropped). */
export function parseRecords(output: string): string[][] {
  return output
    .split(RECORD)
    .filter((record) => record.trim())
    .map((record) => record.replace(/\n+$/, '').split(FIELD));
}

/** The hashes a `%P` field names. */
export function parseParents(field: string | undefined): string[] {
  return field ? field.split(' ').filter(Boolean) : [];
}

/** The commit a header written with `logFormat(...COMMIT_FIELDS)` describes. */
export function parseHeader(header: string): Omit<FileCommit, 'path'> {
  const [hash, shortHash, date, author, email, subject, parents] = header.split(FIELD) as string[];
  return { hash: hash!, shortHash: shortHash!, date: date!, author: author!, email: email!, subject: subject!, parents: parseParents(parents) };
}

/** Parses `git log --name-only` output written with the format used below. */
export function parseFileLog(output: string): FileCommit[] {
  return output
    .split(RECORD)
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [header, ...paths] = record.split('\n');
      return { ...parseHeader(header!), path: paths.map((p) => p.trim()).find(Boolean) ?? '' };
    });
}

/**
 * The commits that changed a file, newest first, following renames. Content outside a git
 * repository, or a missing git, has no history: the result is empty rather than an error.
 */
export async function fileHistory(root: string, path: string): Promise<FileCommit[]> {
  try {
    const stdout = await git(root, ['log', '--follow', '--name-only', `--format=${logFormat(...COMMIT_FIELDS)}`, '--', path], { maxBuffer: 32 * 1024 * 1024 });
    return parseFileLog(stdout);
  } catch {
    return [];
  }
}

/**
 * The text of each `revision:path` blob in `specs`, read through one `git cat-file --batch`.
 * Paths are from the repository's top. A spec git cannot resolve to a blob is left out; without
 * git or a repository the map is empty.
 */
export async function readRevisions(root: string, specs: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(specs)];
  const texts = new Map<string, string>();
  if (!wanted.length) return texts;
  let output: Buffer;
  try {
    output = await gitBytes(root, ['cat-file', '--batch'], { input: wanted.map((spec) => `${spec}\n`).join(''), maxBuffer: Infinity });
  } catch {
    return texts;
  }
  let at = 0;
  for (const spec of wanted) {
    const newline = output.indexOf(10, at);
    if (newline < 0) break;
    const header = output.toString('utf8', at, newline);
    at = newline + 1;
    // "<object> blob <size>", or "<spec> missing" for a path the commit does not have.
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) continue;
    texts.set(spec, output.toString('utf8', at, at + Number(size)));
    at += Number(size) + 1;
  }
  return texts;
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
      const changes: FileChange[] = [];
      for (let i = 0; i < tokens.length;) {
        const status = tokens[i++]!.trim();
        if (!status) continue;
        // Renames and copies name two paths, the old one first.
        if (/^[RC]/.test(status)) changes.push({ from: tokens[i++]!, path: tokens[i++]! });
        else changes.push({ path: tokens[i++]! });
      }
      return { commit: parseHeader(header!), changes };
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
    prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
    output = await git(root, ['log', '-z', '--name-status', '-M', '--full-history', `--format=${logFormat(...COMMIT_FIELDS)}`, '--', '.'], {
      maxBuffer: 1024 * 1024 * 1024,
    });
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
