import type { SnapshotFile } from '../evidence/snapshots.ts';
import { verifyChains } from '../evidence/verify.ts';
import type { Period } from '../time/audit-period.ts';
import type { Table } from './tables.ts';

/** One snapshot collected during the period, once per control it supports. */
export interface EvidenceIndexRow {
  control: string;
  collector: string;
  collectedAt: string;
  sequence: number;
  file: string;
  sha256: string;
  previous: string | null;
  summary: string;
  /** "verified", or what is wrong with this collector's chain. */
  chain: string;
}

const inPeriod = (snapshot: SnapshotFile, period: Period) => {
  const day = snapshot.data.collectedAt.slice(0, 10);
  return day >= period.from && day <= period.to;
};

/** The snapshots collected within the period, or why the period is outside the evidence. */
export function evidenceInPeriod(snapshots: readonly SnapshotFile[], period: Period): { fault?: string; snapshots: SnapshotFile[] } {
  const within = snapshots.filter((s) => inPeriod(s, period));
  if (within.length) return { snapshots: within };
  if (!snapshots.length) return { fault: 'there are no evidence snapshots in evidence-snapshots/ at all', snapshots: [] };
  const days = snapshots.map((s) => s.data.collectedAt.slice(0, 10)).sort();
  return {
    fault: `no evidence snapshot was collected between ${period.from} and ${period.to}; the evidence runs from ${days[0]} to ${days.at(-1)}`,
    snapshots: [],
  };
}

/** Every snapshot of the period per control, with its hash and its chain's status. */
export function evidenceIndex(all: readonly SnapshotFile[], period: Period): EvidenceIndexRow[] {
  const problems = verifyChains(all);
  const collectorOf = new Map(all.map((s) => [s.file, s.data.collector]));
  const broken = new Map<string, string>();
  for (const problem of problems) {
    const collector = collectorOf.get(problem.file) ?? problem.file;
    if (!broken.has(collector)) broken.set(collector, `broken: ${problem.file}: ${problem.message}`);
  }
  return all
    .filter((s) => inPeriod(s, period))
    .flatMap((s) =>
      s.data.controls.map((control) => ({
        control,
        collector: s.data.collector,
        collectedAt: s.data.collectedAt,
        sequence: s.data.sequence,
        file: s.file,
        sha256: s.data.hash,
        previous: s.data.previous,
        summary: s.data.summary,
        chain: broken.get(s.data.collector) ?? 'verified',
      })),
    )
    .sort(
      (a, b) =>
        a.control.localeCompare(b.control, 'en', { numeric: true }) || a.collectedAt.localeCompare(b.collectedAt) || a.collector.localeCompare(b.collector),
    );
}

export function evidenceIndexTable(rows: readonly EvidenceIndexRow[]): Table {
  return {
    header: ['Control', 'Collector', 'Collected at', 'Sequence', 'File', 'SHA-256', 'Previous SHA-256', 'Summary', 'Chain'],
    rows: rows.map((r) => [r.control, r.collector, r.collectedAt, String(r.sequence), r.file, r.sha256, r.previous ?? '', r.summary, r.chain]),
  };
}
