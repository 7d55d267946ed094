import { chainsByCollector, type SnapshotFile } from './snapshots.ts';
import { continuity, freshness, recentWindows, type AuditWindow, type Continuity, type Freshness, type FreshnessStatus } from './freshness.ts';
import { verifyChains } from './verify.ts';
import type { ComplianceGraph, ControlNode } from '../graph/graph.ts';
import type { ControlId } from '../graph/ids.ts';
import type { Problem } from '../content/problems.ts';

/** Everything the portal shows about one control's evidence. */
export interface ControlEvidence {
  control: ControlNode;
  /** Snapshots that name the control, newest first. */
  snapshots: SnapshotFile[];
  latest?: SnapshotFile;
  freshness: Freshness;
  /** Continuity over each offered window, by window id. */
  continuity: Map<string, Continuity>;
  /** Collectors whose snapshots support the control. */
  collectors: string[];
}

export interface CollectorSummary {
  name: string;
  snapshots: number;
  first: string;
  last: string;
  controls: string[];
  source?: string;
  /** Whether every link of the collector's chain verifies. */
  intact: boolean;
}

export interface EvidenceReport {
  /** The moment freshness is judged at, UTC. */
  asOf: string;
  windows: AuditWindow[];
  /** In the order of the control list given. */
  controls: ControlEvidence[];
  byControl: Map<ControlId, ControlEvidence>;
  collectors: CollectorSummary[];
  snapshotCount: number;
  /** Chain problems; `charter check` fails the build on them, so a built portal has none. */
  problems: Problem[];
}

/** Stale first (evidence that stopped), then missing (never collected), then due, then fresh. */
export const attentionOrder: Record<FreshnessStatus, number> = { stale: 0, missing: 1, due: 2, fresh: 3 };

export function evidenceReport(
  graph: ComplianceGraph,
  snapshots: readonly SnapshotFile[],
  asOf: string,
  options: { windows?: AuditWindow[]; controls?: readonly ControlNode[] } = {},
): EvidenceReport {
  const windows = options.windows ?? recentWindows(asOf.slice(0, 10));
  const newestFirst = [...snapshots].sort((a, b) => b.data.collectedAt.localeCompare(a.data.collectedAt));
  const problems = verifyChains(snapshots);
  const broken = new Set(problems.map((p) => snapshots.find((s) => s.file === p.file)?.data.collector));

  const controls = (options.controls ?? [...graph.controls.values()]).map((control): ControlEvidence => {
    const supporting = newestFirst.filter((s) => s.data.controls.includes(control.code));
    const times = supporting.map((s) => s.data.collectedAt);
    const frequency = control.data.frequency;
    return {
      control,
      snapshots: supporting,
      latest: supporting[0],
      freshness: freshness(frequency, times, asOf),
      continuity: new Map(windows.map((window) => [window.id, continuity(frequency, times, window, asOf)])),
      collectors: [...new Set(supporting.map((s) => s.data.collector))].sort(),
    };
  });

  const collectors = [...chainsByCollector(snapshots)].map(([name, chain]): CollectorSummary => ({
    name,
    snapshots: chain.length,
    first: chain[0]!.data.collectedAt,
    last: chain[chain.length - 1]!.data.collectedAt,
    controls: [...new Set(chain.flatMap((s) => s.data.controls))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    source: chain[chain.length - 1]!.data.source,
    intact: !broken.has(name),
  }));

  return {
    asOf,
    windows,
    controls,
    byControl: new Map(controls.map((c) => [c.control.id, c])),
    collectors,
    snapshotCount: snapshots.length,
    problems,
  };
}
