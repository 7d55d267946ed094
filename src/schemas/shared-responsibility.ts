import { z } from 'zod';
import { nonEmpty } from './common.ts';

export const responsibilityRowSchema = z.strictObject({
  /** The area of security, e.g. "Gateway firmware updates". */
  domain: nonEmpty,
  /** What the company does. */
  vendor: nonEmpty,
  /** What the customer does. */
  customer: nonEmpty,
  /** Codes of the controls that carry out the company's part, e.g. [FW-02]; the OSCAL export attaches the customer's part to them. */
  controls: z.array(nonEmpty).default([]),
  /** Whether the trust center may show this row. */
  public: z.boolean().default(true),
});

export const sharedResponsibilitySchema = z.strictObject({
  title: nonEmpty,
  summary: nonEmpty,
  rows: z.array(responsibilityRowSchema).min(1),
});
export type SharedResponsibility = z.infer<typeof sharedResponsibilitySchema>;
export type ResponsibilityRow = z.infer<typeof responsibilityRowSchema>;
