import { z } from 'zod';
import { isoDate, nonEmpty, personRef, semver } from './common.ts';

/** One framework requirement and the justification the Statement of Applicability gives for it. */
const justifiedRequirement = z.strictObject({
  /** Namespaced requirement id, e.g. iso27001:A.7.5 or soc2:P3.1. */
  requirement: nonEmpty,
  justification: nonEmpty,
});

/**
 * The Statement of Applicability's own record: which framework requirements do not apply and
 * why (`exclusions`), why those that apply are included when the controls' `rationale` does not
 * say it well enough (`inclusions`), and, like a policy, the version in force with its owner and
 * approver. The SoA page shows this file's git history as its approvals.
 */
export const applicabilitySchema = z.strictObject({
  /** major.minor.patch of the SoA; bump it with every change an auditor should see. */
  version: semver.optional(),
  /** Person accountable for keeping the SoA accurate. */
  owner: personRef.optional(),
  /** Person whose approval puts a version of the SoA into effect. */
  approver: personRef.optional(),
  /** Date the current version took effect. */
  effective: isoDate.optional(),
  exclusions: z.array(justifiedRequirement).default([]),
  /**
   * Inclusion justifications for applicable requirements, overriding the default one (the
   * `rationale` of the controls that implement the requirement).
   */
  inclusions: z.array(justifiedRequirement).default([]),
});
export type Applicability = z.infer<typeof applicabilitySchema>;
