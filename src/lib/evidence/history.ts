import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOTS_DIR } from './snapshots.ts';
import { git as runGit } from '../git/git-history.ts';
import type { Problem } from '../content/problems.ts';

/**
 * Snapshots are append-only, so every snapshot ever committed must still exist with the
 * content it was committed with. This catches what a hash chain alone cannot: the newest
 * snapshot of a collector deleted, or replaced by a re-hashed copy.
 */
export async function snapshotHistoryProblems(root: string): Promise<Problem[]> {
  const git = (args: string[], input?: string) => runGit(root, args, { input, maxBuffer: 256 * 1024 * 1024 });
  let prefix: string;
  try {
    prefix = (await git(['rev-parse', '--show-prefix'])).trim();
    await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return []; // not in git, or nothing committed yet: the chains are all there is to check
  }
  // Oldest first, so the first time a path was added is the version that counts.
  const log = await git([
    'log',
    '--reverse',
    '--no-renames',
    '--diff-filter=A',
    '--raw',
    '--no-abbrev',
    '--format=commit %H %cs',
    '--',
    `${SNAPSHOTS_DIR}/*.json`,
  ]);
  const committed = new Map<string, { blob: string; commit: string; date: string }>();
  let commit = '';
  let date = '';
  for (const line of log.split('\n')) {
    const header = /^commit (\S+) (\S+)$/.exec(line);
    if (header) {
      commit = header[1]!.slice(0, 10);
      date = header[2]!;
      continue;
    }
    const raw = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) A\t(.+)$/.exec(line);
    if (!raw) continue;
    const path = raw[2]!.startsWith(prefix) ? raw[2]!.slice(prefix.length) : raw[2]!;
    if (!committed.has(path)) committed.set(path, { blob: raw[1]!, commit, date });
  }
  if (!committed.size) return [];
  const paths = [...committed.keys()];
  // The working tree is what gets published, so compare it, not the last commit.
  const existing = new Set<string>();
  await Promise.all(
    paths.map((p) =>
      stat(join(root, p)).then(
        (s) => s.isFile() && existing.add(p),
        () => undefined,
      ),
    ),
  );
  const kept = paths.filter((p) => existing.has(p));
  const hashes = kept.length ? (await git(['hash-object', '--stdin-paths'], `${kept.join('\n')}\n`)).split('\n').filter(Boolean) : [];
  const current = new Map(kept.map((p, i) => [p, hashes[i]!]));

  const problems: Problem[] = [];
  for (const [path, origin] of committed) {
    const now = current.get(path);
    if (now === undefined) {
      problems.push({
        severity: 'error',
        file: path,
        message: `was committed in ${origin.commit} (${origin.date}) and has since been deleted: snapshots are append-only; restore it with git checkout ${origin.commit} -- ${path}`,
      });
    } else if (now !== origin.blob) {
      problems.push({
        severity: 'error',
        file: path,
        message: `differs from the version committed in ${origin.commit} (${origin.date}): snapshots are append-only; restore it with git checkout ${origin.commit} -- ${path}`,
      });
    }
  }
  return problems;
}
