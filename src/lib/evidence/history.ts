import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOTS_DIR } from './snapshots.ts';
import { git as runGit } from '../git/git-history.ts';
import type { Problem } from '../content/problems.ts';

/** The trailer of a commit that starts the evidence history afresh, e.g. `Evidence-Reset: replace the example with our own`. */
export const RESET_TRAILER = 'Evidence-Reset';

/** The newest commit whose message carries an Evidence-Reset trailer: the history is checked from there on. */
export interface EvidenceReset {
  commit: string;
  date: string;
  reason: string;
}

/**
 * Snapshots are append-only, so every snapshot ever committed must still exist with the
 * content it was committed with. This catches what a hash chain alone cannot: the newest
 * snapshot of a collector deleted, or replaced by a re-hashed copy.
 *
 * A commit whose message has an `Evidence-Reset: <reason>` trailer starts the history afresh:
 * snapshots committed before it are no longer compared (adopting Charter replaces the example
 * evidence; regenerating the example rewrites it). The reset is returned so that `evidence
 * verify` names it, and `charter diff` still fails the pull request that deletes or edits
 * snapshots, so a reset is never quiet.
 */
export async function snapshotHistoryProblems(root: string): Promise<Problem[]> {
  return (await snapshotHistory(root)).problems;
}

export async function snapshotHistory(root: string): Promise<{ problems: Problem[]; reset?: EvidenceReset }> {
  const git = (args: string[], input?: string) => runGit(root, args, { input, maxBuffer: 256 * 1024 * 1024 });
  let prefix: string;
  try {
    prefix = (await git(['rev-parse', '--show-prefix'])).trim();
    await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch {
    return { problems: [] }; // not in git, or nothing committed yet: the chains are all there is to check
  }
  // Oldest first, so the first time a path was added is the version that counts. Every commit
  // touching a snapshot is listed (not only additions), so a reset that only deletes is seen.
  const log = await git([
    'log',
    '--reverse',
    '--no-renames',
    '--raw',
    '--no-abbrev',
    `--format=commit %H %cs %(trailers:key=${RESET_TRAILER},valueonly,separator=%x20;%x20,unfold)`,
    '--',
    `${SNAPSHOTS_DIR}/*.json`,
  ]);
  const committed = new Map<string, { blob: string; commit: string; date: string }>();
  let reset: EvidenceReset | undefined;
  let commit = '';
  let date = '';
  for (const line of log.split('\n')) {
    const header = /^commit (\S+) (\S+) ?(.*)$/.exec(line);
    if (header) {
      commit = header[1]!.slice(0, 10);
      date = header[2]!;
      const reason = header[3]!.trim();
      if (reason) {
        committed.clear();
        reset = { commit, date, reason };
      }
      continue;
    }
    // An addition; or, after a reset, the first version of a file the reset commit rewrote.
    const raw = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [AM]\t(.+)$/.exec(line);
    if (!raw) continue;
    const path = raw[2]!.startsWith(prefix) ? raw[2]!.slice(prefix.length) : raw[2]!;
    if (!committed.has(path)) committed.set(path, { blob: raw[1]!, commit, date });
  }
  if (!committed.size) return { problems: [], reset };
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
  return { problems, reset };
}
