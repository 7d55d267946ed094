/** The parts of OSCAL 1.1.3 JSON that Charter writes; field names are OSCAL's. */

export const OSCAL_VERSION = '1.1.3';

export interface Property {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

export interface Link {
  href: string;
  rel?: string;
  text?: string;
}

export interface ResponsibleRole {
  'role-id': string;
  'party-uuids'?: string[];
}

export interface Role {
  id: string;
  title: string;
  description?: string;
}

export interface Party {
  uuid: string;
  type: 'person' | 'organization';
  name: string;
  'email-addresses'?: string[];
  'member-of-organizations'?: string[];
  props?: Property[];
  links?: Link[];
}

export interface ResponsibleParty {
  'role-id': string;
  'party-uuids': string[];
}

export interface Metadata {
  title: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: Property[];
  links?: Link[];
  roles?: Role[];
  parties?: Party[];
  'responsible-parties'?: ResponsibleParty[];
  remarks?: string;
}

export interface Part {
  id?: string;
  name: string;
  prose?: string;
  props?: Property[];
}

export interface CatalogControl {
  id: string;
  title: string;
  props?: Property[];
  parts?: Part[];
}

export interface CatalogGroup {
  id: string;
  title: string;
  props?: Property[];
  controls: CatalogControl[];
}

export interface Catalog {
  catalog: { uuid: string; metadata: Metadata; groups: CatalogGroup[] };
}

export interface Profile {
  profile: {
    uuid: string;
    metadata: Metadata;
    imports: { href: string; 'include-all': Record<string, never> }[];
    merge: { 'as-is': boolean };
  };
}

export interface Statement {
  'statement-id': string;
  uuid: string;
  description: string;
}

export interface ComponentImplementedRequirement {
  uuid: string;
  'control-id': string;
  description: string;
  props?: Property[];
  'responsible-roles'?: ResponsibleRole[];
  remarks?: string;
}

export interface DefinedComponent {
  uuid: string;
  type: string;
  title: string;
  description: string;
  purpose?: string;
  props?: Property[];
  'responsible-roles'?: ResponsibleRole[];
  'control-implementations'?: {
    uuid: string;
    source: string;
    description: string;
    'implemented-requirements': ComponentImplementedRequirement[];
  }[];
  remarks?: string;
}

export interface ComponentDefinition {
  'component-definition': { uuid: string; metadata: Metadata; components: DefinedComponent[] };
}

export interface Responsibility {
  uuid: string;
  description: string;
  props?: Property[];
  'responsible-roles'?: ResponsibleRole[];
  remarks?: string;
}

export interface ByComponent {
  'component-uuid': string;
  uuid: string;
  description: string;
  props?: Property[];
  /** OSCAL's states: implemented, partial, planned, alternative, not-applicable. */
  'implementation-status'?: { state: string; remarks?: string };
  'responsible-roles'?: ResponsibleRole[];
  export?: { description?: string; responsibilities: Responsibility[] };
}

export interface SspImplementedRequirement {
  uuid: string;
  'control-id': string;
  props?: Property[];
  'responsible-roles'?: ResponsibleRole[];
  'by-components': ByComponent[];
}

export interface SystemComponent {
  uuid: string;
  type: string;
  title: string;
  description: string;
  purpose?: string;
  props?: Property[];
  status: { state: 'operational' | 'under-development' | 'under-major-modification' | 'disposition' | 'other'; remarks?: string };
  remarks?: string;
}

export interface SystemSecurityPlan {
  'system-security-plan': {
    uuid: string;
    metadata: Metadata;
    'import-profile': { href: string };
    'system-characteristics': {
      'system-ids': { 'identifier-type': string; id: string }[];
      'system-name': string;
      'system-name-short'?: string;
      description: string;
      props?: Property[];
      'security-sensitivity-level'?: string;
      'system-information': {
        'information-types': {
          uuid: string;
          title: string;
          description: string;
          'confidentiality-impact'?: { base: string };
          'integrity-impact'?: { base: string };
          'availability-impact'?: { base: string };
        }[];
      };
      'security-impact-level'?: {
        'security-objective-confidentiality': string;
        'security-objective-integrity': string;
        'security-objective-availability': string;
      };
      status: { state: string };
      'authorization-boundary': { description: string; remarks?: string };
    };
    'system-implementation': {
      users: { uuid: string; title: string; 'role-ids': string[]; description?: string }[];
      components: SystemComponent[];
    };
    'control-implementation': { description: string; 'implemented-requirements': SspImplementedRequirement[] };
  };
}
