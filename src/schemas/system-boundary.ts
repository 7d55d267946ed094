import { z } from 'zod';
import { nonEmpty } from './common.ts';

export const boundaryComponentSchema = z.strictObject({
  name: nonEmpty,
  description: nonEmpty,
  /** in: the company operates it and it is audited; shared: the company and a provider or customer each own part; out: excluded. */
  scope: z.enum(['in', 'shared', 'out']),
  /** Why the component sits where it does; auditors read this. */
  reason: nonEmpty,
  /** Whether the trust center may show this component. */
  public: z.boolean().default(true),
  /** Codes of the controls that cover the component, e.g. [FW-01, FW-03]; the portal's boundary page links them, `check` rejects unknown ones. Never published. */
  controls: z.array(nonEmpty).default([]),
});

export const systemBoundarySchema = z.strictObject({
  title: nonEmpty,
  /** What the system is and what it does, in a paragraph. */
  summary: nonEmpty,
  components: z.array(boundaryComponentSchema).min(1),
});
export type SystemBoundary = z.infer<typeof systemBoundarySchema>;
export type BoundaryComponent = z.infer<typeof boundaryComponentSchema>;
