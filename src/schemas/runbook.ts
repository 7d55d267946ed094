import { z } from 'zod';
import { isoDate, nonEmpty, personRef, slug } from './common.ts';

export const runbookSchema = z.strictObject({
  /** Stable id; the page lives at /runbooks/<id>/. */
  id: slug,
  title: nonEmpty,
  /** When to reach for this runbook, in one sentence. */
  summary: nonEmpty,
  owner: personRef,
  /** Date of the last exercise or real use that proved the steps still work. */
  lastTested: isoDate,
  /** Ids of the controls this runbook carries out. */
  controls: z.array(z.string()).default([]),
});
export type Runbook = z.infer<typeof runbookSchema>;
