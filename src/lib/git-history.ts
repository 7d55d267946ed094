import { execFile } from 'node:child_process';
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
