import type { FrameworkNode, RequirementNode } from './graph.ts';

export interface Counts {
  total: number;
  covered: number;
  excluded: number;
  uncovered: number;
}

/**
 * Coverage of the requirements inside the framework's declared scope (`scope` in
 * content/site.yaml; all of them without one). Requirements outside it are counted apart in
 * `outOfScope` and never as gaps.
 */
export interface Coverage extends Counts {
  /** Covered share of the applicable (not excluded) in-scope requirements, 0 to 1. */
  ratio: number;
  outOfScope: Counts;
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
  const count = (requirements: readonly RequirementNode[]): Counts => {
    const counts = { total: requirements.length, covered: 0, excluded: 0, uncovered: 0 };
    for (const requirement of requirements) counts[requirementStatus(requirement)]++;
    return counts;
  };
  // A requirement built without a scope (inScope undefined) is in scope.
  const inside = count(framework.requirements.filter((r) => r.inScope !== false));
  const applicable = inside.total - inside.excluded;
  return { ...inside, ratio: applicable ? inside.covered / applicable : 1, outOfScope: count(framework.requirements.filter((r) => r.inScope === false)) };
}
