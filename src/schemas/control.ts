import { z } from 'zod';
import { frequency, nonEmpty, personRef } from './common.ts';
import { frameworkIds } from './framework.ts';

export const controlIdPattern = /^[A-Z]{2,4}-\d{2,3}$/;

/** Requirement ids per framework, written without the framework prefix, e.g. `soc2: [CC6.1]`. */
export const controlMappingsSchema = z.partialRecord(z.enum(frameworkIds), z.array(z.string()).min(1));

export const controlSchema = z.strictObject({
  /** Area prefix and number, e.g. AC-01. */
  id: z.string().regex(controlIdPattern, { error: 'expected an id such as AC-01 (area letters, hyphen, number)' }),
  title: nonEmpty,
  /** Groups controls on the trust center and in the portal, e.g. "Access control". */
  area: nonEmpty,
  /** What the control does, for employees and auditors. Internal. */
  description: nonEmpty,
  /** A sentence safe to publish; only controls with one appear on the trust center. */
  publicSummary: z.string().trim().min(1).optional(),
  owner: personRef,
  /** How often the control operates, which also says how fresh its evidence must be. */
  frequency,
  /** The evidence an auditor should expect to see for each period. */
  evidence: z.array(nonEmpty).min(1),
  mappings: controlMappingsSchema.default({}),
});
export type Control = z.infer<typeof controlSchema>;

/** What the trust center may know of a control: nothing but its public sentence. */
export const publicControlSchema = z.strictObject({
  id: controlSchema.shape.id,
  title: nonEmpty,
  area: nonEmpty,
  publicSummary: nonEmpty,
});
export type PublicControl = z.infer<typeof publicControlSchema>;
