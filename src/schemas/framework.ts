import { z } from 'zod';
import { nonEmpty, slug } from './common.ts';

/** Frameworks Charter knows; each catalog in frameworks/ declares one of these ids. */
export const frameworkIds = ['soc2', 'iso27001', 'nist-csf', 'iec62443-3-3', 'iec62443-4-2'] as const;
export const frameworkId = z.enum(frameworkIds);
export type FrameworkId = z.infer<typeof frameworkId>;

/** How navigation, tables and badges name each framework where space is short. */
export const frameworkShortNames: Record<FrameworkId, string> = {
  soc2: 'SOC 2',
  iso27001: 'ISO 27001',
  'nist-csf': 'NIST CSF 2.0',
  'iec62443-3-3': 'IEC 62443-3-3',
  'iec62443-4-2': 'IEC 62443-4-2',
};

export const requirementSchema = z.strictObject({
  /** Id as the framework writes it, e.g. CC6.1, A.5.15, PR.AA-01, SR 1.1. */
  id: nonEmpty,
  /** Short title; a fact, so it may follow the framework. */
  title: nonEmpty,
  /** What the requirement asks for, in our own words. */
  description: nonEmpty,
});
export type Requirement = z.infer<typeof requirementSchema>;

export const frameworkSchema = z.strictObject({
  id: frameworkId,
  name: nonEmpty,
  /** Edition of the framework this catalog follows. */
  version: nonEmpty,
  description: nonEmpty,
  groups: z
    .array(
      z.strictObject({
        id: nonEmpty,
        title: nonEmpty,
        /**
         * The part of the framework the group belongs to, which a report or certificate can take
         * in or leave out: for SOC 2 the trust services category (security, availability,
         * confidentiality, processing-integrity, privacy). `scope` in content/site.yaml names these
         * (or group ids).
         */
        category: slug.optional(),
        requirements: z.array(requirementSchema).min(1),
      }),
    )
    .min(1),
});
export type Framework = z.infer<typeof frameworkSchema>;
