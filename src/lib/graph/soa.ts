import { implementationStatusLabels, type ImplementationStatus } from '../../schemas/control.ts';
import { requirementStatus, type RequirementStatus } from './coverage.ts';
import type { FrameworkNode, RequirementNode } from './graph.ts';

/** A requirement's implementation, from its controls' `status`; `not-stated` when none states one. */
export type RequirementImplementation = ImplementationStatus | 'not-applicable' | 'not-stated';

export const requirementImplementationLabels: Record<RequirementImplementation, string> = {
  ...implementationStatusLabels,
  'not-applicable': 'Not applicable',
  'not-stated': 'Not stated',
};

/**
 * Implemented when every control that covers the requirement is; partially when some are (or
 * operate in part); planned when all of them are planned (by the latest of their dates);
 * otherwise not implemented. Controls that state no status are left out of the judgement.
 */
export function requirementImplementation(requirement: RequirementNode): { status: RequirementImplementation; plannedFor?: string } {
  if (requirement.exclusion !== undefined) return { status: 'not-applicable' };
  if (requirement.controls.length === 0) return { status: 'not-implemented' };
  const stated = requirement.controls.flatMap((c) => (c.data.status ? [c.data] : []));
  if (stated.length === 0) return { status: 'not-stated' };
  if (stated.every((c) => c.status === 'implemented')) return { status: 'implemented' };
  if (stated.some((c) => c.status === 'implemented' || c.status === 'partially-implemented')) return { status: 'partially-implemented' };
  if (stated.every((c) => c.status === 'planned'))
    return {
      status: 'planned',
      plannedFor: stated
        .map((c) => c.plannedFor!)
        .sort()
        .at(-1),
    };
  return { status: 'not-implemented' };
}

export interface ApplicabilityRow {
  requirement: string;
  title: string;
  group: string;
  applicable: boolean;
  /** Inside the scope declared in content/site.yaml. */
  inScope: boolean;
  /** Whether a control covers it (coverage), kept for the framework views. */
  status: RequirementStatus;
  /** Whether it operates, from the controls' implementation status. */
  implementation: RequirementImplementation;
  /** Set when implementation is `planned`: the date all its controls are planned to operate. */
  plannedFor?: string;
  /** Why an applicable requirement is included: applicability.yaml's inclusion, or its controls' rationale. Empty when excluded. */
  inclusionJustification: string;
  /** Why it is excluded; empty when it applies. */
  exclusionJustification: string;
  controls: string[];
  policies: string[];
}

/** The default inclusion justification: what the controls that implement the requirement are there for. */
function inclusionJustification(requirement: RequirementNode): string {
  if (requirement.inclusion !== undefined) return requirement.inclusion;
  const reasons = [...new Set(requirement.controls.flatMap((c) => (c.data.rationale ? [c.data.rationale] : [])))];
  if (reasons.length) return reasons.join(' ');
  return requirement.controls.length ? 'Applicable; no rationale stated for its controls' : 'Applicable; no control implements it yet';
}

/**
 * The Statement of Applicability (ISO/IEC 27001:2022 clause 6.1.3 d): every requirement of a
 * framework, whether it applies, the justification for including or excluding it, whether it is
 * implemented, and what implements it. ISO 27001 asks for it over Annex A; it works for any catalog.
 */
export function statementOfApplicability(framework: FrameworkNode): ApplicabilityRow[] {
  return framework.requirements.map((requirement) => {
    const status = requirementStatus(requirement);
    const policies = [...new Set(requirement.controls.flatMap((c) => c.policies.map((p) => p.data.title)))].sort();
    const { status: implementation, plannedFor } = requirementImplementation(requirement);
    return {
      requirement: requirement.code,
      title: requirement.title,
      group: requirement.group.title,
      applicable: status !== 'excluded',
      inScope: requirement.inScope !== false,
      status,
      implementation,
      ...(plannedFor && { plannedFor }),
      inclusionJustification: status === 'excluded' ? '' : inclusionJustification(requirement),
      exclusionJustification: requirement.exclusion ?? '',
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
