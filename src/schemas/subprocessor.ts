import { z } from 'zod';
import { isoDate, nonEmpty } from './common.ts';

export const subprocessorSchema = z.strictObject({
  name: nonEmpty,
  /** What the sub-processor does for the company's service. */
  purpose: nonEmpty,
  /** Categories of personal or customer data it processes. */
  data: z.array(nonEmpty).min(1),
  /** Where it processes the data, e.g. "Germany (eu-central-1)". */
  location: nonEmpty,
  /** Legal basis for any transfer out of the EEA, e.g. "EU Standard Contractual Clauses". */
  transferMechanism: nonEmpty,
  /** Date it started processing data. */
  since: isoDate,
  website: z.url().optional(),
});

export const subprocessorsSchema = z.strictObject({
  subprocessors: z.array(subprocessorSchema).min(1),
});
export type Subprocessor = z.infer<typeof subprocessorSchema>;
