import { requirementStatus, type RequirementStatus } from './coverage.ts';
import type { FrameworkNode } from './graph.ts';

export interface ApplicabilityRow {
  requirement: string;
  title: string;
  group: string;
  applicable: boolean;
  status: RequirementStatus;
  /** Why the requirement is in or out: the exclusion's reason, or the controls that implement it. */
  justification: string;
  controls: string[];
  policies: string[];
}

/**
 * The Statement of Applicability: every requirement of a framework, whether it applies, why,
 * and what implements it. ISO 27001 asks for it over Annex A; it works for any catalog.
 */
export function statementOfApplicability(framework: FrameworkNode): ApplicabilityRow[] {
  return framework.requirements.map((requirement) => {
    const status = requirementStatus(requirement);
    const policies = [...new Set(requirement.controls.flatMap((c) => c.policies.map((p) => p.data.title)))].sort();
    const justification =
      status === 'excluded'
        ? requirement.exclusion!
        : status === 'covered'
          ? `Implemented by ${requirement.controls.map((c) => `${c.code} ${c.data.title}`).join('; ')}`
          : 'Applicable; no control implements it yet';
    return {
      requirement: requirement.code,
      title: requirement.title,
      group: requirement.group.title,
      applicable: status !== 'excluded',
      status,
      justification,
      controls: requirement.controls.map((c) => c.code),
      policies,
    };
  });
}

export interface ControlMatrixRow {
  criterion: string;
  criterionTitle: string;
  control?: string;
  controlTitle?: string;
  policies: string[];
  owner?: string;
  frequency?: string;
  evidence: string[];
  /** Set when the criterion has no control: the exclusion's reason, or that it is a gap. */
  note?: string;
}

/** One row per criterion and control that covers it, the layout auditors sample from. */
export function controlMatrix(framework: FrameworkNode): ControlMatrixRow[] {
  return framework.requirements.flatMap((requirement): ControlMatrixRow[] => {
    const base = { criterion: requirement.code, criterionTitle: requirement.title };
    if (requirement.exclusion !== undefined) return [{ ...base, policies: [], evidence: [], note: `Excluded: ${requirement.exclusion}` }];
    if (requirement.controls.length === 0) return [{ ...base, policies: [], evidence: [], note: 'No control mapped' }];
    return requirement.controls.map((control) => ({
      ...base,
      control: control.code,
      controlTitle: control.data.title,
      policies: control.policies.map((p) => p.data.title),
      owner: control.owner?.name ?? control.data.owner,
      frequency: control.data.frequency,
      evidence: control.data.evidence,
    }));
  });
}
