import { z } from 'zod';
import { frequency, isoDate, nonEmpty, personRef } from './common.ts';
import { frameworkIds } from './framework.ts';

export const controlIdPattern = /^[A-Z]{2,4}-\d{2,3}$/;

/** Requirement ids per framework, written without the framework prefix, e.g. `soc2: [CC6.1]`. */
export const controlMappingsSchema = z.partialRecord(z.enum(frameworkIds), z.array(z.string()).min(1));

/**
 * Where a control stands, as the Statement of Applicability reports it: `implemented` (operating
 * as described), `partially-implemented` (operating in part; say which part in `statusNote`),
 * `planned` (not yet operating; `plannedFor` gives the date it will be) or `not-implemented`.
 */
export const implementationStatuses = ['implemented', 'partially-implemented', 'planned', 'not-implemented'] as const;
export const implementationStatus = z.enum(implementationStatuses);
export type ImplementationStatus = z.infer<typeof implementationStatus>;

/** How the portal and the SoA export name each status. */
export const implementationStatusLabels: Record<ImplementationStatus, string> = {
  implemented: 'Implemented',
  'partially-implemented': 'Partially implemented',
  planned: 'Planned',
  'not-implemented': 'Not implemented',
};

export const controlSchema = z
  .strictObject({
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
    /** Implementation status; see implementationStatuses. Controls that leave it out show as "not stated" in the SoA. */
    status: implementationStatus.optional(),
    /** With `status: planned` (and only then): the date the control is planned to operate, YYYY-MM-DD. */
    plannedFor: isoDate.optional(),
    /** What is missing or planned, for `partially-implemented`, `planned` and `not-implemented`. */
    statusNote: z.string().trim().min(1).optional(),
    /**
     * Why the control is in the programme: the risk it treats or the obligation it meets. The SoA
     * gives it as the inclusion justification of every requirement the control maps to (unless
     * content/applicability.yaml states one for that requirement under `inclusions`).
     */
    rationale: z.string().trim().min(1).optional(),
  })
  .superRefine((control, context) => {
    if (control.status === 'planned' && control.plannedFor === undefined)
      context.addIssue({
        code: 'custom',
        path: ['plannedFor'],
        message: 'a control with status "planned" needs plannedFor: the date it will operate, YYYY-MM-DD',
      });
    if (control.plannedFor !== undefined && control.status !== 'planned')
      context.addIssue({ code: 'custom', path: ['plannedFor'], message: `plannedFor is only for status "planned" (status is ${control.status ?? 'not set'})` });
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
