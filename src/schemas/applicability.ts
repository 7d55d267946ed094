import { z } from 'zod';
import { nonEmpty } from './common.ts';

/**
 * Framework requirements the company has decided do not apply, with the reason an auditor
 * will read in the Statement of Applicability.
 */
export const applicabilitySchema = z.strictObject({
  exclusions: z
    .array(
      z.strictObject({
        /** Namespaced requirement id, e.g. iso27001:A.7.5 or soc2:P3.1. */
        requirement: nonEmpty,
        justification: nonEmpty,
      }),
    )
    .default([]),
});
export type Applicability = z.infer<typeof applicabilitySchema>;
