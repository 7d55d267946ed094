import type { FrameworkId } from '../../schemas/framework.ts';

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

/**
 * The one slug rule for anchors and URL segments: accents dropped, each run of other
 * characters one hyphen, none at either end. Names become lower-case words
 * ("Snowflake Inc." → "snowflake-inc"); a code keeps its case and dots so the anchor still
 * reads as the code ("SR 1.1" → "SR-1.1").
 */
export function slug(text: string, { code = false } = {}): string {
  const plain = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  const hyphenated = code ? plain.replace(/[^A-Za-z0-9._-]+/g, '-') : plain.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return hyphenated.replace(/^-+|-+$/g, '');
}

/** A fragment-safe anchor for a requirement or group code ("SR 1.1" becomes "SR-1.1"). */
export const anchorId = (code: string) => slug(code, { code: true });
