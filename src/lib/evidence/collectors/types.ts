import type { AcknowledgementRecord } from '../../policies/acknowledgements.ts';
import type { ContentSource } from '../../content/source.ts';

/**
 * A collector reads one system Charter can reach and says what it found. The runner
 * (evidence-collect.ts) stamps the result with the collector's name, the collection time and
 * the controls it supports, chains it and writes it to evidence-snapshots/.
 */
export interface Collector {
  /** The collector's name in snapshot files and on the command line, e.g. git-change-management. */
  name: string;
  /** One line for `charter evidence collect --help`. */
  description: string;
  /** The controls its snapshots support unless --controls says otherwise. */
  controls: string[];
  collect(context: CollectorContext): Promise<CollectedEvidence | SkippedCollection>;
}

export interface CollectorContext {
  /** The content root on disk (inside the git repository, for collectors that read history). */
  root: string;
  source: ContentSource;
  /** The collection time: the snapshot's collectedAt, UTC. */
  now: string;
  /** Start of the span to collect, UTC: the end of the collector's previous run, or --since. */
  since: string;
  /** Acknowledgements and report access, when a store is configured (CHARTER_DB). */
  store?: EvidenceStore;
}

export interface CollectedEvidence {
  summary: string;
  items: Record<string, unknown>[];
  source?: string;
  /** The span the items cover; omit for a collector that reports a state, not events. */
  period?: { from: string; to: string };
}

/** A collector that cannot run here, with the reason a person can act on. */
export interface SkippedCollection {
  skipped: string;
}

/** One acknowledgement of a policy version, as the store records it. */
export type { AcknowledgementRecord };

/** One access to a gated trust-center document, as the store logs it. */
export interface AccessRecord {
  requestId: string;
  requester: string;
  company?: string;
  document: string;
  /** UTC timestamp. */
  accessedAt: string;
}

/**
 * The part of the request/acknowledgement store that evidence needs: records in a span of
 * time (from inclusive, to exclusive, UTC timestamps). Any store that can answer these two
 * questions can back the acknowledgement and report-access collectors.
 */
export interface EvidenceStore {
  acknowledgements(from: string, to: string): Promise<AcknowledgementRecord[]>;
  accessLog(from: string, to: string): Promise<AccessRecord[]>;
}
