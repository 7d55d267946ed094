import type { SharedResponsibility } from '../../schemas/shared-responsibility.ts';
import type { Person } from '../../schemas/site.ts';
import type { SystemBoundary } from '../../schemas/system-boundary.ts';
import type { ComplianceGraph, ControlNode, FrameworkNode } from '../graph/graph.ts';
import { slug } from '../graph/ids.ts';
import { CHARTER_NS, oscalToken } from './ids.ts';
import {
  OSCAL_VERSION,
  type ByComponent,
  type Catalog,
  type ComponentDefinition,
  type DefinedComponent,
  type Metadata,
  type Party,
  type Profile,
  type Property,
  type ResponsibleRole,
  type Role,
  type SspImplementedRequirement,
  type SystemComponent,
  type SystemSecurityPlan,
} from './model.ts';
import { oscalUuid } from './uuid.ts';

/** What the export reads: the resolved graph and the two scoping statements. */
export interface OscalInput {
  graph: ComplianceGraph;
  boundary: SystemBoundary;
  responsibility?: SharedResponsibility;
  /** The instant the documents say they were last modified; from the one clock, so runs repeat. */
  asOf: Date;
}

/** One file of the export: its path inside the output folder and its JSON. */
export interface OscalFile {
  path: string;
  document: Catalog | Profile | ComponentDefinition | SystemSecurityPlan;
}

export class OscalExportError extends Error {}

export const catalogPath = (framework: string) => `catalogs/${framework}.json`;
export const PROFILE_PATH = 'profile.json';
export const COMPONENT_DEFINITION_PATH = 'component-definition.json';
export const SSP_PATH = 'system-security-plan.json';

const charterProp = (name: string, value: string): Property => ({ name, value, ns: CHARTER_NS });
const label = (value: string): Property => ({ name: 'label', value });
const CONTROL_OWNER = 'control-owner';

/** The OSCAL files for this content, in a fixed order: one catalog per framework, a profile, a component definition and an SSP. */
export function oscalExport(input: OscalInput): OscalFile[] {
  const { graph } = input;
  const organisation = graph.site?.organisation.name ?? 'the organisation';
  const frameworks = [...graph.frameworks.values()].sort((a, b) => a.id.localeCompare(b.id));
  const lastModified = input.asOf.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const version = lastModified.slice(0, 10);
  const people = [...graph.people.values()];
  const parties = partiesOf(organisation, people);
  const roles = rolesOf(people);
  const personRole = (person: Person) => `${slug(person.role)}`;
  const responsibleParties = [
    ...roles
      .filter((role) => role.id !== CONTROL_OWNER)
      .map((role) => ({ 'role-id': role.id, 'party-uuids': people.filter((p) => personRole(p) === role.id).map((p) => oscalUuid('party', p.id)) })),
    ...controlOwnerParties(graph),
  ];
  const metadata = (title: string, extra: Partial<Metadata> = {}): Metadata => ({
    title,
    'last-modified': lastModified,
    version,
    'oscal-version': OSCAL_VERSION,
    ...extra,
  });

  const catalogs: OscalFile[] = frameworks.map((framework) => ({ path: catalogPath(framework.id), document: catalogOf(framework, metadata) }));

  const profile: Profile = {
    profile: {
      uuid: oscalUuid('profile', organisation),
      metadata: metadata(`${organisation}: frameworks in scope`, {
        remarks: 'Imports every framework catalog Charter holds; the system security plan resolves its control ids here.',
      }),
      imports: frameworks.map((framework) => ({ href: catalogPath(framework.id), 'include-all': {} })),
      merge: { 'as-is': true },
    },
  };

  const components = boundaryComponents(input.boundary);
  const responsibleFor = (control: ControlNode): ResponsibleRole[] =>
    control.owner ? [{ 'role-id': CONTROL_OWNER, 'party-uuids': [oscalUuid('party', control.owner.id)] }] : [];
  const controlsOf = (framework: FrameworkNode) =>
    framework.requirements.flatMap((requirement) => requirement.controls.map((control) => ({ requirement, control })));

  const thisSystem: DefinedComponent = {
    uuid: oscalUuid('component', 'this-system'),
    type: 'this-system',
    title: input.boundary.title,
    description: input.boundary.summary,
    purpose: `The controls ${organisation} operates over the whole system, described against each framework requirement they meet.`,
    'control-implementations': frameworks
      .filter((framework) => controlsOf(framework).length)
      .map((framework) => ({
        uuid: oscalUuid('control-implementation', framework.id),
        source: catalogPath(framework.id),
        description: `How ${organisation}'s controls meet ${framework.data.name} (${framework.data.version}).`,
        'implemented-requirements': controlsOf(framework).map(({ requirement, control }) => ({
          uuid: oscalUuid('implemented-requirement', requirement.id, control.id),
          'control-id': oscalToken(requirement.code),
          description: `${control.code} ${control.data.title}: ${control.data.description}`,
          props: [charterProp('control', control.code), label(requirement.code)],
          'responsible-roles': responsibleFor(control),
        })),
      })),
  };
  const componentDefinition: ComponentDefinition = {
    'component-definition': {
      uuid: oscalUuid('component-definition', organisation),
      metadata: metadata(`${organisation}: components and control implementations`, {
        roles,
        parties,
        'responsible-parties': responsibleParties,
      }),
      components: [
        thisSystem,
        ...components.map(({ component, props }) => ({
          uuid: component.uuid,
          type: component.type,
          title: component.title,
          description: component.description,
          purpose: component.purpose,
          props,
        })),
      ],
    },
  };

  const rows = input.responsibility?.rows ?? [];
  for (const [index, row] of rows.entries()) {
    for (const code of row.controls) {
      if (![...graph.controls.values()].some((control) => control.code === code)) {
        throw new OscalExportError(`content/shared-responsibility.yaml: rows.${index}.controls: unknown control "${code}"`);
      }
    }
  }
  const customerResponsibilities = (control: ControlNode) =>
    rows
      .filter((row) => row.controls.includes(control.code))
      .map((row) => ({
        uuid: oscalUuid('responsibility', row.domain, control.id),
        description: row.customer,
        props: [charterProp('responsibility-domain', row.domain), charterProp('provider-part', row.vendor)],
        'responsible-roles': [{ 'role-id': 'customer' }],
      }));
  const thisSystemUuid = oscalUuid('component', 'this-system');
  const implementedRequirements: SspImplementedRequirement[] = frameworks.flatMap((framework) =>
    framework.requirements
      .filter((requirement) => requirement.controls.length)
      .map((requirement) => ({
        uuid: oscalUuid('ssp-implemented-requirement', requirement.id),
        'control-id': oscalToken(requirement.code),
        props: [label(requirement.code), charterProp('framework', framework.id)],
        'by-components': requirement.controls.map((control): ByComponent => {
          const responsibilities = customerResponsibilities(control);
          return {
            'component-uuid': thisSystemUuid,
            uuid: oscalUuid('by-component', requirement.id, control.id),
            description: `${control.code} ${control.data.title}: ${control.data.description}`,
            props: [charterProp('control', control.code), ...(control.data.status ? [charterProp('implementation-status', control.data.status)] : [])],
            ...implementationStatus(control),
            'responsible-roles': responsibleFor(control),
            ...(responsibilities.length ? { export: { description: `What customers do alongside ${control.code}.`, responsibilities } } : {}),
          };
        }),
      })),
  );

  const ssp: SystemSecurityPlan = {
    'system-security-plan': {
      uuid: oscalUuid('system-security-plan', organisation),
      metadata: metadata(`${organisation}: system security plan`, {
        roles: [...roles, { id: 'customer', title: 'Customer', description: 'The customer organisation using the system.' }],
        parties,
        'responsible-parties': responsibleParties,
      }),
      'import-profile': { href: PROFILE_PATH },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: oscalUuid('system', organisation) }],
        'system-name': input.boundary.title,
        'system-name-short': organisation,
        description: input.boundary.summary,
        'system-information': {
          'information-types': [
            {
              uuid: oscalUuid('information-type', 'customer-data'),
              title: 'Customer data',
              description: `The data ${organisation} holds for its customers in this system, as the system boundary describes it.`,
            },
          ],
        },
        status: { state: 'operational' },
        'authorization-boundary': { description: authorisationBoundary(input.boundary) },
      },
      'system-implementation': {
        users: people.length
          ? roles.filter((role) => role.id !== CONTROL_OWNER).map((role) => ({ uuid: oscalUuid('user', role.id), title: role.title, 'role-ids': [role.id] }))
          : [{ uuid: oscalUuid('user', 'workforce'), title: `${organisation} workforce`, 'role-ids': [CONTROL_OWNER] }],
        components: [
          {
            uuid: thisSystemUuid,
            type: 'this-system',
            title: input.boundary.title,
            description: input.boundary.summary,
            status: { state: 'operational' },
          },
          ...components.map(({ component, props }) => ({ ...component, props })),
        ],
      },
      'control-implementation': {
        description: `Each requirement of the frameworks in scope, with the ${organisation} controls that meet it and, where the customer has a part, the customer's responsibility.`,
        'implemented-requirements': implementedRequirements,
      },
    },
  };

  return [
    ...catalogs,
    { path: PROFILE_PATH, document: profile },
    { path: COMPONENT_DEFINITION_PATH, document: componentDefinition },
    { path: SSP_PATH, document: ssp },
  ];
}

// OSCAL has no state for "not implemented"; such a control keeps only Charter's own property.
const oscalStates = { implemented: 'implemented', 'partially-implemented': 'partial', planned: 'planned' } as const;

/** A control's implementation status in OSCAL's terms, with the plan date or note as remarks. */
function implementationStatus(control: ControlNode): Pick<ByComponent, 'implementation-status'> {
  const status = control.data.status;
  if (!status || status === 'not-implemented') return {};
  const remarks = [control.data.plannedFor && `Planned for ${control.data.plannedFor}.`, control.data.statusNote].filter(Boolean).join(' ');
  return { 'implementation-status': { state: oscalStates[status], ...(remarks ? { remarks } : {}) } };
}

/** The text of an export file: two-space JSON with a final newline, always the same for the same input. */
export const oscalJson = (file: OscalFile): string => `${JSON.stringify(file.document, null, 2)}\n`;

function catalogOf(framework: FrameworkNode, metadata: (title: string, extra?: Partial<Metadata>) => Metadata): Catalog {
  return {
    catalog: {
      uuid: oscalUuid('catalog', framework.id),
      metadata: metadata(`${framework.data.name} (Charter catalog)`, {
        props: [charterProp('framework', framework.id), charterProp('edition', framework.data.version)],
        remarks:
          "Written by Charter from its own framework file: requirement ids are the framework's, titles and descriptions are Charter's own summaries, not the text of the standard.",
      }),
      groups: framework.groups.map((group) => ({
        id: oscalToken(group.id),
        title: group.title,
        props: [label(group.id)],
        controls: group.requirements.map((requirement) => ({
          id: oscalToken(requirement.code),
          title: requirement.title,
          props: [label(requirement.code)],
          parts: [{ id: `${oscalToken(requirement.code)}_smt`, name: 'statement', prose: requirement.description }],
        })),
      })),
    },
  };
}

function partiesOf(organisation: string, people: readonly Person[]): Party[] {
  const organisationUuid = oscalUuid('party', 'organisation');
  return [
    { uuid: organisationUuid, type: 'organization', name: organisation },
    ...people.map((person): Party => ({
      uuid: oscalUuid('party', person.id),
      type: 'person',
      name: person.name,
      ...(person.email ? { 'email-addresses': [person.email] } : {}),
      'member-of-organizations': [organisationUuid],
      props: [charterProp('person-id', person.id)],
    })),
  ];
}

function rolesOf(people: readonly Person[]): Role[] {
  const byId = new Map<string, Role>();
  for (const person of people) byId.set(slug(person.role), { id: slug(person.role), title: person.role });
  return [
    ...[...byId.values()].sort((a, b) => a.id.localeCompare(b.id)),
    { id: CONTROL_OWNER, title: 'Control owner', description: 'Answers for a control operating as described and for its evidence.' },
  ];
}

function controlOwnerParties(graph: ComplianceGraph) {
  const owners = [...new Set([...graph.controls.values()].flatMap((control) => (control.owner ? [control.owner.id] : [])))].sort();
  return owners.length ? [{ 'role-id': CONTROL_OWNER, 'party-uuids': owners.map((id) => oscalUuid('party', id)) }] : [];
}

const scopeWords = { in: 'inside the boundary', shared: 'shared with a provider or the customer', out: 'outside the boundary' } as const;

function boundaryComponents(boundary: SystemBoundary): { component: SystemComponent; props: Property[] }[] {
  return boundary.components.map((component) => ({
    component: {
      uuid: oscalUuid('component', component.name),
      // The boundary statement does not say what kind of thing each part is; "service" is OSCAL's broadest type.
      type: 'service',
      title: component.name,
      description: component.description,
      purpose: component.reason,
      status: component.scope === 'out' ? { state: 'other', remarks: 'Outside the authorisation boundary.' } : { state: 'operational' },
    },
    props: [charterProp('boundary-scope', component.scope), charterProp('public', String(component.public))],
  }));
}

function authorisationBoundary(boundary: SystemBoundary): string {
  const lines = boundary.components.map((component) => `- ${component.name} (${scopeWords[component.scope]}): ${component.reason}`);
  return `${boundary.summary}\n\n${lines.join('\n')}`;
}
