import type { FrameworkId } from '../schemas/framework.ts';

/**
 * Namespaced ids: one string never means two things. Content files write the short form
 * (`AC-01`, `CC6.1`); the graph and everything downstream use these.
 */
export type PolicyId = `policy:${string}`;
export type RunbookId = `runbook:${string}`;
export type ControlId = `control:${string}`;
export type RequirementId = `${FrameworkId}:${string}`;

export const policyId = (slug: string): PolicyId => `policy:${slug}`;
export const runbookId = (slug: string): RunbookId => `runbook:${slug}`;
export const controlId = (code: string): ControlId => `control:${code}`;
export const requirementId = (framework: FrameworkId, code: string): RequirementId => `${framework}:${code}`;

/** Splits `iso27001:A.5.15` into its framework and code; undefined when there is no prefix. */
export function splitRequirementId(id: string): { framework: string; code: string } | undefined {
  const colon = id.indexOf(':');
  if (colon <= 0) return undefined;
  return { framework: id.slice(0, colon), code: id.slice(colon + 1) };
}

/** A fragment-safe anchor for a requirement or group code ("SR 1.1" becomes "SR-1.1"). */
export function anchorId(code: string): string {
  return code.replace(/[^A-Za-z0-9._-]+/g, '-');
}
