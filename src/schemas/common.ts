import { z } from 'zod';

/** A calendar date written as YYYY-MM-DD, kept as a string so it never shifts with time zones. */
export const isoDate = z
  .string({ error: 'expected a date written as YYYY-MM-DD' })
  // abort: a date in another format is one fault, not also "not a real calendar date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written as YYYY-MM-DD', abort: true })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { error: 'is not a real calendar date' },
  );

/** Semantic version: a major bump means everyone must acknowledge again, a minor or patch bump does not. */
export const semver = z
  .string({ error: 'expected a version such as 1.2.0' })
  .regex(/^\d+\.\d+\.\d+$/, { error: 'expected a version such as 1.2.0 (major.minor.patch)' });

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-case words joined by hyphens; used in URLs, so it must stay stable. */
export const slug = z.string().regex(slugPattern, { error: 'use lower-case letters, digits and hyphens, e.g. access-control' });

/** A person from `people` in content/site.yaml, by their id. */
export const personRef = z.string().regex(slugPattern, { error: 'expected the id of a person listed under people in content/site.yaml' });

export const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });

/** How often something recurs: a control's operation, a policy's review. */
export const frequency = z.enum(['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual']);
export type Frequency = z.infer<typeof frequency>;
