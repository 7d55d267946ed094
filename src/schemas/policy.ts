import { z } from 'zod';
import { isoDate, nonEmpty, personRef, semver, slug } from './common.ts';

export const reviewCycle = z.enum(['quarterly', 'semiannual', 'annual', 'biennial']);
export type ReviewCycle = z.infer<typeof reviewCycle>;

export const policySchema = z.strictObject({
  /** Stable id; the page lives at /policies/<id>/ and other documents refer to it by this id. */
  id: slug,
  title: nonEmpty,
  /** One sentence saying what the policy is for; shown in lists and search results. */
  summary: nonEmpty,
  /** major.minor.patch: a major bump means everyone in the audience must acknowledge again. */
  version: semver,
  /** Person accountable for keeping the policy accurate. */
  owner: personRef,
  /** Person whose approval puts a version into effect. */
  approver: personRef,
  /** Date the current version took effect. */
  effective: isoDate,
  /** Date the policy was last reviewed; the next review is due one cycle later. Defaults to `effective`. */
  lastReviewed: isoDate.optional(),
  reviewCycle: reviewCycle.default('annual'),
  /** Groups that must follow the policy, e.g. everyone or engineering. */
  audience: z.array(slug).min(1).default(['everyone']),
  /** Whether each person in the audience must acknowledge having read this version. */
  acknowledgement: z.boolean().default(false),
  /** `public` policies are also published on the trust center; everything else stays internal. */
  visibility: z.enum(['internal', 'public']).default('internal'),
  /** Ids of the controls this policy implements, e.g. AC-01. */
  controls: z.array(z.string()).default([]),
});
export type Policy = z.infer<typeof policySchema>;
