import { chainsByCollector, loadSnapshots, snapshotFileName, snapshotHash, type SnapshotFile } from './snapshots.ts';
import { loadEvidenceKeys, signatureProblems } from './signatures.ts';
import type { ComplianceGraph } from '../graph/graph.ts';
import { controlId } from '../graph/ids.ts';
import { formatFieldPath, type Problem } from '../content/problems.ts';
import type { ContentSource } from '../content/source.ts';

/**
 * Why a snapshot cannot be trusted. Each snapshot records the hash of its collector's previous
 * one, so changing, removing or re-dating any snapshot but the newest breaks a link that
 * points at it; the newest is covered by its own hash, its file name and the git history
 * (evidence-git.ts).
 */

const short = (hash: string | null | undefined) => (hash ? hash.slice(0, 12) : 'none');
const RESTORE = 'restore the original from git history';

function problemAt(snapshot: SnapshotFile, field: string, message: string): Problem {
  return { severity: 'error', file: snapshot.file, line: snapshot.locate([field]), field, message };
}

/** Checks one collector's chain, in sequence order. */
function chainProblems(chain: readonly SnapshotFile[]): Problem[] {
  const problems: Problem[] = [];
  const bySequence = new Map<number, SnapshotFile>();
  chain.forEach((snapshot, index) => {
    const { data } = snapshot;
    const computed = snapshotHash(snapshot.raw);
    if (computed !== data.hash) {
      problems.push(
        problemAt(
          snapshot,
          'hash',
          `the snapshot was changed after it was collected: its content hashes to ${short(computed)}…, not the recorded ${short(data.hash)}…; ${RESTORE}`,
        ),
      );
    }
    const expectedFile = snapshotFileName(data.collector, data.collectedAt);
    if (snapshot.file !== expectedFile) {
      problems.push(
        problemAt(
          snapshot,
          'collectedAt',
          `the file name does not match its collector and collectedAt ${data.collectedAt} (expected ${expectedFile}): the snapshot was re-dated or renamed; ${RESTORE}`,
        ),
      );
    }
    const twin = bySequence.get(data.sequence);
    if (twin) {
      problems.push(
        problemAt(
          snapshot,
          'sequence',
          `sequence ${data.sequence} of collector "${data.collector}" is also used by ${twin.file}: two snapshots claim one place in the chain; ${RESTORE}`,
        ),
      );
      return;
    }
    bySequence.set(data.sequence, snapshot);

    const before = chain[index - 1];
    if (!before) {
      if (data.sequence !== 1) {
        const missing = data.sequence === 2 ? 'snapshot 1 is' : `snapshots 1–${data.sequence - 1} are`;
        problems.push(
          problemAt(
            snapshot,
            'sequence',
            `the first snapshot of collector "${data.collector}" has sequence ${data.sequence}: ${missing} missing (deleted); ${RESTORE}`,
          ),
        );
      } else if (data.previous !== null) {
        problems.push(problemAt(snapshot, 'previous', `the first snapshot of collector "${data.collector}" must have previous: null; ${RESTORE}`));
      }
      return;
    }
    if (data.sequence !== before.data.sequence + 1) {
      const from = before.data.sequence + 1;
      const to = data.sequence - 1;
      problems.push(
        problemAt(
          snapshot,
          'sequence',
          `${from === to ? `snapshot ${from} is` : `snapshots ${from}–${to} are`} missing between ${before.file} and this one: a snapshot was deleted; ${RESTORE}`,
        ),
      );
    } else if (data.previous !== before.data.hash) {
      problems.push({
        severity: 'error',
        file: before.file,
        line: before.locate(['hash']),
        field: 'hash',
        message: `${snapshot.file} records ${short(data.previous)}… as the hash of this snapshot, but it is ${short(before.data.hash)}…: this snapshot was edited, re-dated or replaced after the next one was collected; ${RESTORE}`,
      });
    }
    if (data.collectedAt <= before.data.collectedAt) {
      problems.push(
        problemAt(
          snapshot,
          'collectedAt',
          `${data.collectedAt} is not after the previous snapshot's ${before.data.collectedAt} (${before.file}): the snapshot was back-dated; ${RESTORE}`,
        ),
      );
    }
  });
  return problems;
}

/** Everything wrong with the chains: edited, deleted, re-dated or duplicated snapshots. */
export function verifyChains(snapshots: readonly SnapshotFile[]): Problem[] {
  return [...chainsByCollector(snapshots).values()].flatMap(chainProblems);
}

/** References to controls the catalog does not have, and collection times after `today`. */
export function snapshotContentProblems(snapshots: readonly SnapshotFile[], graph: ComplianceGraph, today: string): Problem[] {
  const problems: Problem[] = [];
  const known = [...graph.controls.values()].map((c) => c.code).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const snapshot of snapshots) {
    snapshot.data.controls.forEach((code, index) => {
      // A control whose file failed validation is reported there, not once per snapshot.
      if (!graph.controls.has(controlId(code)) && !graph.invalid.controls.has(controlId(code))) {
        problems.push({
          severity: 'error',
          file: snapshot.file,
          line: snapshot.locate(['controls', index]),
          field: formatFieldPath(['controls', index]),
          message: `unknown control "${code}"; the snapshot supports a control that is not in content/controls/ (known: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})`,
        });
      }
    });
    if (snapshot.data.collectedAt.slice(0, 10) > today) {
      problems.push(
        problemAt(
          snapshot,
          'collectedAt',
          `${snapshot.data.collectedAt} is in the future (dates are judged as of ${today}); a snapshot records when its collector actually ran`,
        ),
      );
    }
  }
  return problems;
}

/** What `charter check` and `evidence verify` report about evidence-snapshots/: unreadable files, broken chains, bad signatures, unknown controls. */
export async function evidenceProblems(source: ContentSource, graph: ComplianceGraph, today: string): Promise<Problem[]> {
  const [{ snapshots, problems }, keys] = await Promise.all([loadSnapshots(source), loadEvidenceKeys(source)]);
  return [
    ...problems,
    ...keys.problems,
    ...verifyChains(snapshots),
    ...signatureProblems(snapshots, keys.keys),
    ...snapshotContentProblems(snapshots, graph, today),
  ];
}
