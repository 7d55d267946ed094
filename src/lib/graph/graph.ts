import type { Control } from '../../schemas/control.ts';
import type { Framework, FrameworkId, Requirement } from '../../schemas/framework.ts';
import type { Policy } from '../../schemas/policy.ts';
import type { Runbook } from '../../schemas/runbook.ts';
import type { Person, Site } from '../../schemas/site.ts';
import { nextReviewDate } from '../policies/policy-review.ts';
import { controlId, policyId, requirementId, runbookId, splitRequirementId, type ControlId, type PolicyId, type RequirementId, type RunbookId } from './ids.ts';
import type { ContentSet, Entry } from '../content/load.ts';
import { formatFieldPath, type FieldPath, type Problem } from '../content/problems.ts';
import type { RejectedEntry } from '../content/read.ts';

export interface PolicyNode {
  id: PolicyId;
  slug: string;
  file: string;
  data: Policy;
  body?: string;
  owner?: Person;
  approver?: Person;
  /** Date the next review is due: one review cycle after the later of effective and lastReviewed. */
  nextReview: string;
  controls: ControlNode[];
}

export interface RunbookNode {
  id: RunbookId;
  slug: string;
  file: string;
  data: Runbook;
  body?: string;
  owner?: Person;
  controls: ControlNode[];
}

export interface ControlNode {
  id: ControlId;
  /** The id as written in content, e.g. AC-01. */
  code: string;
  file: string;
  data: Control;
  owner?: Person;
  policies: PolicyNode[];
  runbooks: RunbookNode[];
  requirements: RequirementNode[];
}

export interface RequirementNode extends Requirement {
  /** Namespaced id, e.g. soc2:CC6.1; `code` is the framework's own id. */
  id: RequirementId;
  code: string;
  framework: FrameworkId;
  group: { id: string; title: string };
  controls: ControlNode[];
  /** Why the company excludes this requirement, when it does. */
  exclusion?: string;
  /** Why it is included, when content/applicability.yaml says so under `inclusions`. */
  inclusion?: string;
  /** The framework's trust services category or part, when the catalog names one (group `category`). */
  category?: string;
  /** Inside the scope declared in content/site.yaml (the whole framework when none is declared). */
  inScope: boolean;
}

export interface FrameworkNode {
  id: FrameworkId;
  file: string;
  data: Omit<Framework, 'groups'>;
  groups: { id: string; title: string; category?: string; inScope: boolean; requirements: RequirementNode[] }[];
  requirements: RequirementNode[];
  /** The scope declared in content/site.yaml (categories or group ids); undefined: all of it. */
  scope?: string[];
}

/** The Statement of Applicability's version, owner and approver (content/applicability.yaml). */
export interface SoaRecord {
  file: string;
  version?: string;
  effective?: string;
  owner?: Person;
  approver?: Person;
}

/** The content with every cross-reference resolved: pages and commands look things up here. */
export interface ComplianceGraph {
  site?: Site;
  people: Map<string, Person>;
  policies: Map<PolicyId, PolicyNode>;
  runbooks: Map<RunbookId, RunbookNode>;
  controls: Map<ControlId, ControlNode>;
  frameworks: Map<FrameworkId, FrameworkNode>;
  requirements: Map<RequirementId, RequirementNode>;
  soa?: SoaRecord;
  invalid: InvalidDocuments;
}

/**
 * Documents whose file exists but failed validation: they are left out of the graph, but they
 * are not missing, so what refers to them or relies on them is not reported a second time.
 */
export interface InvalidDocuments {
  policies: Set<PolicyId>;
  runbooks: Set<RunbookId>;
  controls: Set<ControlId>;
  frameworks: Set<string>;
  /** Controls an invalid policy lists (all of them when its list cannot be read): they may well be implemented. */
  listedByInvalidPolicies: Set<ControlId>;
}

type Located = Pick<Entry<unknown>, 'file' | 'locate'>;

/**
 * Resolves every reference between documents. Dangling references and unknown people are
 * reported as problems (naming the file and field) and left out of the graph. `rejected` are
 * the files that failed validation: references to them are not dangling, and the references
 * they make in fields that are valid are still checked.
 */
export function buildGraph(content: ContentSet, rejected: readonly RejectedEntry[] = []): { graph: ComplianceGraph; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (entry: Located, path: (string | number)[], message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ severity, file: entry.file, line: entry.locate?.(path), field: formatFieldPath(path) || undefined, message });
  const rejectedIds = (collection: RejectedEntry['collection']) => rejected.filter((r) => r.collection === collection).flatMap((r) => r.ids);
  const invalid: InvalidDocuments = {
    policies: new Set(rejectedIds('policies').map(policyId)),
    runbooks: new Set(rejectedIds('runbooks').map(runbookId)),
    controls: new Set(rejectedIds('controls').map(controlId)),
    frameworks: new Set(rejectedIds('frameworks')),
    listedByInvalidPolicies: new Set(),
  };

  const people = new Map<string, Person>();
  const site = content.site;
  site?.data.people.forEach((person, index) => {
    if (people.has(person.id)) problem(site, ['people', index, 'id'], `duplicate person id "${person.id}"`);
    else people.set(person.id, person);
  });
  const personRef = (entry: Located, field: string, id: string): Person | undefined => {
    const person = people.get(id);
    if (!person && site) problem(entry, [field], `unknown person "${id}"; add them to people in ${site.file} or use one of: ${[...people.keys()].join(', ')}`);
    return person;
  };

  const frameworks = new Map<FrameworkId, FrameworkNode>();
  const requirements = new Map<RequirementId, RequirementNode>();
  for (const entry of content.frameworks) {
    const { groups, ...meta } = entry.data;
    const node: FrameworkNode = { id: entry.data.id, file: entry.file, data: meta, groups: [], requirements: [] };
    if (frameworks.has(node.id)) {
      problem(entry, ['id'], `a second catalog for framework "${node.id}"; ${frameworks.get(node.id)!.file} already defines it`);
      continue;
    }
    frameworks.set(node.id, node);
    groups.forEach((group, g) => {
      const groupNode = { id: group.id, title: group.title, category: group.category, inScope: true, requirements: [] as RequirementNode[] };
      node.groups.push(groupNode);
      group.requirements.forEach((requirement, r) => {
        const id = requirementId(node.id, requirement.id);
        if (requirements.has(id)) {
          problem(entry, ['groups', g, 'requirements', r, 'id'], `duplicate requirement id "${requirement.id}"`);
          return;
        }
        const requirementNode: RequirementNode = {
          ...requirement,
          id,
          code: requirement.id,
          framework: node.id,
          group: { id: group.id, title: group.title },
          category: group.category,
          inScope: true,
          controls: [],
        };
        requirements.set(id, requirementNode);
        groupNode.requirements.push(requirementNode);
        node.requirements.push(requirementNode);
      });
    });
  }
  site?.data.frameworks.forEach((inScope, index) => {
    if (!frameworks.has(inScope.framework) && !invalid.frameworks.has(inScope.framework)) {
      problem(site, ['frameworks', index, 'framework'], `no catalog for framework "${inScope.framework}" in frameworks/`);
    }
    const catalog = frameworks.get(inScope.framework);
    if (!catalog || !inScope.scope) return;
    const known = new Set(catalog.groups.flatMap((g) => (g.category ? [g.category, g.id] : [g.id])));
    inScope.scope.forEach((name, s) => {
      if (!known.has(name))
        problem(
          site,
          ['frameworks', index, 'scope', s],
          `"${name}" is neither a category nor a group of ${catalog.data.name}; use one of: ${[...known].join(', ')}`,
        );
    });
    catalog.scope = inScope.scope;
    const scope = new Set(inScope.scope);
    for (const group of catalog.groups) {
      group.inScope = scope.has(group.id) || (group.category !== undefined && scope.has(group.category));
      for (const requirement of group.requirements) requirement.inScope = group.inScope;
    }
  });

  const mappedRequirement = (entry: Located, framework: FrameworkId, code: string, index: number): RequirementNode | undefined => {
    const catalog = frameworks.get(framework);
    if (!catalog) {
      if (!invalid.frameworks.has(framework)) problem(entry, ['mappings', framework, index], `no catalog for framework "${framework}" in frameworks/`);
      return undefined;
    }
    const requirement = requirements.get(requirementId(framework, code));
    if (!requirement) problem(entry, ['mappings', framework, index], `unknown ${catalog.data.name} requirement "${code}" (not in ${catalog.file})`);
    return requirement;
  };

  const controls = new Map<ControlId, ControlNode>();
  for (const entry of content.controls) {
    const node: ControlNode = {
      id: controlId(entry.data.id),
      code: entry.data.id,
      file: entry.file,
      data: entry.data,
      owner: personRef(entry, 'owner', entry.data.owner),
      policies: [],
      runbooks: [],
      requirements: [],
    };
    controls.set(node.id, node);
    for (const [framework, codes] of Object.entries(entry.data.mappings) as [FrameworkId, string[]][]) {
      codes.forEach((code, index) => {
        const requirement = mappedRequirement(entry, framework, code, index);
        if (!requirement || node.requirements.includes(requirement)) return;
        node.requirements.push(requirement);
        requirement.controls.push(node);
      });
    }
  }

  const controlRef = (entry: Located, code: string, index: number): ControlNode | undefined => {
    const control = controls.get(controlId(code));
    if (!control && !invalid.controls.has(controlId(code))) problem(entry, ['controls', index], `unknown control "${code}"`);
    return control;
  };
  const controlRefs = (entry: Entry<{ controls: string[] }>): ControlNode[] => {
    const resolved: ControlNode[] = [];
    entry.data.controls.forEach((code, index) => {
      const control = controlRef(entry, code, index);
      if (control && !resolved.includes(control)) resolved.push(control);
    });
    return resolved;
  };

  const policies = new Map<PolicyId, PolicyNode>();
  for (const entry of content.policies) {
    const node: PolicyNode = {
      id: policyId(entry.data.id),
      slug: entry.data.id,
      file: entry.file,
      data: entry.data,
      body: entry.body,
      owner: personRef(entry, 'owner', entry.data.owner),
      approver: personRef(entry, 'approver', entry.data.approver),
      nextReview: nextReviewDate(entry.data),
      controls: controlRefs(entry),
    };
    policies.set(node.id, node);
    node.controls.forEach((control) => control.policies.push(node));
  }

  const runbooks = new Map<RunbookId, RunbookNode>();
  for (const entry of content.runbooks) {
    const node: RunbookNode = {
      id: runbookId(entry.data.id),
      slug: entry.data.id,
      file: entry.file,
      data: entry.data,
      body: entry.body,
      owner: personRef(entry, 'owner', entry.data.owner),
      controls: controlRefs(entry),
    };
    runbooks.set(node.id, node);
    node.controls.forEach((control) => control.runbooks.push(node));
  }

  // The boundary and shared-responsibility statements name the controls that cover each part.
  const scopedControls = (entry: Located, list: readonly { controls?: string[] }[], field: string) =>
    list.forEach((item, i) =>
      item.controls?.forEach((code, c) => {
        if (!controls.has(controlId(code)) && !invalid.controls.has(controlId(code)))
          problem(entry, [field, i, 'controls', c], `unknown control "${code}"; use an id from content/controls/`);
      }),
    );
  if (content.systemBoundary) scopedControls(content.systemBoundary, content.systemBoundary.data.components, 'components');
  if (content.sharedResponsibility) scopedControls(content.sharedResponsibility, content.sharedResponsibility.data.rows, 'rows');

  const applicability = content.applicability;
  applicability?.data.exclusions.forEach((exclusion, index) => {
    const parts = splitRequirementId(exclusion.requirement);
    const requirement = requirements.get(exclusion.requirement as RequirementId);
    if (!parts) {
      problem(applicability, ['exclusions', index, 'requirement'], `write the requirement with its framework, e.g. iso27001:A.7.5`);
    } else if (!requirement) {
      if (!invalid.frameworks.has(parts.framework))
        problem(applicability, ['exclusions', index, 'requirement'], `unknown requirement "${exclusion.requirement}"`);
    } else if (requirement.exclusion) {
      problem(applicability, ['exclusions', index, 'requirement'], `"${exclusion.requirement}" is excluded twice`);
    } else {
      requirement.exclusion = exclusion.justification;
      if (requirement.controls.length) {
        const [codes, verb, noun] =
          requirement.controls.length === 1
            ? [requirement.controls[0]!.code, 'maps', 'mapping']
            : [requirement.controls.map((c) => c.code).join(', '), 'map', 'mappings'];
        problem(
          applicability,
          ['exclusions', index, 'requirement'],
          `"${exclusion.requirement}" is excluded but ${codes} ${verb} to it; a requirement a control covers applies: remove the exclusion or the ${noun}`,
        );
      }
    }
  });

  applicability?.data.inclusions.forEach((inclusion, index) => {
    const requirement = requirements.get(inclusion.requirement as RequirementId);
    const parts = splitRequirementId(inclusion.requirement);
    if (!parts) problem(applicability, ['inclusions', index, 'requirement'], `write the requirement with its framework, e.g. iso27001:A.5.1`);
    else if (!requirement) {
      if (!invalid.frameworks.has(parts.framework))
        problem(applicability, ['inclusions', index, 'requirement'], `unknown requirement "${inclusion.requirement}"`);
    } else if (requirement.exclusion !== undefined)
      problem(applicability, ['inclusions', index, 'requirement'], `"${inclusion.requirement}" is both excluded and included; keep one`);
    else if (requirement.inclusion !== undefined) problem(applicability, ['inclusions', index, 'requirement'], `"${inclusion.requirement}" is included twice`);
    else requirement.inclusion = inclusion.justification;
  });
  const soa: SoaRecord | undefined = applicability && {
    file: applicability.file,
    version: applicability.data.version,
    effective: applicability.data.effective,
    owner: applicability.data.owner === undefined ? undefined : personRef(applicability, 'owner', applicability.data.owner),
    approver: applicability.data.approver === undefined ? undefined : personRef(applicability, 'approver', applicability.data.approver),
  };

  // A document that failed validation is not in the graph, but the fields it got right still
  // name people, controls and requirements: check them now, so one fault hides no other.
  for (const entry of rejected) {
    const { collection, data } = entry;
    if ((collection !== 'policies' && collection !== 'runbooks' && collection !== 'controls') || !isRecord(data)) continue;
    // A value the schema accepted: not inside any field it rejected.
    const accepted = (path: FieldPath, value: unknown): value is string =>
      typeof value === 'string' && !entry.faults.some((fault) => fault.length <= path.length && fault.every((key, i) => path[i] === key));
    for (const field of collection === 'policies' ? ['owner', 'approver'] : ['owner']) {
      if (accepted([field], data[field])) personRef(entry, field, data[field]);
    }
    if (collection === 'controls' && isRecord(data.mappings)) {
      for (const [framework, codes] of Object.entries(data.mappings)) {
        if (!Array.isArray(codes)) continue;
        codes.forEach((code, index) => {
          if (accepted(['mappings', framework, index], code)) mappedRequirement(entry, framework as FrameworkId, code, index);
        });
      }
    }
    if (collection !== 'controls' && Array.isArray(data.controls)) {
      data.controls.forEach((code, index) => {
        if (accepted(['controls', index], code)) controlRef(entry, code, index);
      });
    }
  }
  for (const entry of rejected) {
    if (entry.collection !== 'policies') continue;
    const listed = isRecord(entry.data) ? (entry.data.controls ?? []) : undefined;
    const codes = Array.isArray(listed)
      ? listed.filter((code): code is string => typeof code === 'string').map(controlId)
      : [...controls.keys(), ...invalid.controls];
    codes.forEach((id) => invalid.listedByInvalidPolicies.add(id));
  }

  return { graph: { site: site?.data, people, policies, runbooks, controls, frameworks, requirements, soa, invalid }, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
