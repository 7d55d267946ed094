import type { FrameworkNode, RequirementNode } from './graph.ts';

export interface Coverage {
  total: number;
  covered: number;
  excluded: number;
  uncovered: number;
  /** Covered share of the applicable (not excluded) requirements, 0 to 1. */
  ratio: number;
}

export type RequirementStatus = 'covered' | 'excluded' | 'uncovered';

/** The badge tone a requirement's status shows with; an exclusion stays neutral. */
export const requirementStatusTone: Record<RequirementStatus, 'ok' | '' | 'bad'> = { covered: 'ok', excluded: '', uncovered: 'bad' };

/** An exclusion wins over a mapping: the Statement of Applicability says "not applicable". */
export function requirementStatus(requirement: RequirementNode): RequirementStatus {
  if (requirement.exclusion !== undefined) return 'excluded';
  return requirement.controls.length ? 'covered' : 'uncovered';
}

export function coverage(framework: Pick<FrameworkNode, 'requirements'>): Coverage {
  const counts = { covered: 0, excluded: 0, uncovered: 0 };
  for (const requirement of framework.requirements) counts[requirementStatus(requirement)]++;
  const total = framework.requirements.length;
  const applicable = total - counts.excluded;
  return { total, ...counts, ratio: applicable ? counts.covered / applicable : 1 };
}
