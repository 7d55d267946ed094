import { gitChangeManagement } from './git-change-management.ts';
import { policyReviewStatus } from './policy-review-status.ts';
import { policyAcknowledgements, reportAccess } from './store-collectors.ts';
import type { Collector } from './types.ts';

/** The collectors `charter evidence collect` can run; other systems add snapshots with `charter evidence import`. */
export const collectors: ReadonlyMap<string, Collector> = new Map(
  [gitChangeManagement, policyReviewStatus, policyAcknowledgements, reportAccess].map((c) => [c.name, c]),
);

export type { Collector, CollectorContext, EvidenceStore } from './types.ts';
