import semver from 'semver';
import type { Policy } from '../../schemas/policy.ts';
import { CsvSyntaxError, readCsv, type CsvRow } from '../publish/csv.ts';
import { addDays, laterOf } from '../time/dates.ts';
import type { Problem } from '../content/problems.ts';

/** Someone who must follow the policies, from the identity provider's export. */
export interface RosterPerson {
  email: string;
  name: string;
  /** Audience groups, e.g. everyone, engineering, firmware. */
  groups: string[];
  /** YYYY-MM-DD */
  hired: string;
}

/** One stored acknowledgement. */
export interface AcknowledgementRecord {
  person: string;
  policyId: string;
  version: string;
  contentHash: string;
  /** ISO 8601 */
  at: string;
}

export type AcknowledgementStatus = 'done' | 'due' | 'overdue';

export interface AcknowledgementState {
  policyId: string;
  status: AcknowledgementStatus;
  /** The date by which the current major version must be acknowledged. */
  dueBy: string;
  /** The acknowledgement that satisfies the current major version, if any. */
  record?: AcknowledgementRecord;
}

/** The major version of a policy version such as 2.3.0; NaN for a version that is not semver, so it matches nothing. */
export const majorVersion = (version: string) => semver.parse(version)?.major ?? Number.NaN;

/** Whether a policy's audience includes the person. "everyone" covers all staff. */
export function policyAppliesTo(policy: Pick<Policy, 'audience' | 'acknowledgement'>, person: Pick<RosterPerson, 'groups'>): boolean {
  return policy.acknowledgement && policy.audience.some((group) => group === 'everyone' || person.groups.includes(group));
}

/**
 * The state of one person's acknowledgement of one policy. Any acknowledgement of the same
 * major version counts: minor and patch changes do not ask people to read again.
 */
export function acknowledgementState(
  policy: Pick<Policy, 'id' | 'version' | 'effective'>,
  person: Pick<RosterPerson, 'hired'>,
  records: readonly AcknowledgementRecord[],
  today: string,
  withinDays: number,
): AcknowledgementState {
  const major = majorVersion(policy.version);
  const record = records.filter((r) => r.policyId === policy.id && majorVersion(r.version) === major).sort((a, b) => b.at.localeCompare(a.at))[0];
  const dueBy = addDays(laterOf(person.hired, policy.effective), withinDays);
  const status: AcknowledgementStatus = record ? 'done' : today > dueBy ? 'overdue' : 'due';
  return { policyId: policy.id, status, dueBy, record };
}

/** Every applicable policy's state for one person, due and overdue first. */
export function personStates(
  policies: readonly Pick<Policy, 'id' | 'version' | 'effective' | 'audience' | 'acknowledgement'>[],
  person: RosterPerson,
  records: readonly AcknowledgementRecord[],
  today: string,
  withinDays: number,
): AcknowledgementState[] {
  const order: Record<AcknowledgementStatus, number> = { overdue: 0, due: 1, done: 2 };
  return policies
    .filter((policy) => policyAppliesTo(policy, person))
    .map((policy) =>
      acknowledgementState(
        policy,
        person,
        records.filter((r) => r.person === person.email),
        today,
        withinDays,
      ),
    )
    .sort((a, b) => order[a.status] - order[b.status] || a.dueBy.localeCompare(b.dueBy));
}

/** Reads the roster CSV: columns email, name, groups (separated by ;) and hired (YYYY-MM-DD). */
export function parseRoster(text: string, file: string): { people: RosterPerson[]; problems: Problem[] } {
  let rows: CsvRow[];
  try {
    rows = readCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return {
      people: [],
      problems: [{ severity: 'error', file, line: error.line, message: `${error.message}; no one is read from the roster until it is fixed` }],
    };
  }
  const [header, ...body] = rows;
  const problems: Problem[] = [];
  const columns = (header?.cells ?? []).map((h) => h.trim().toLowerCase());
  const index = (name: string) => columns.indexOf(name);
  for (const required of ['email', 'name', 'groups', 'hired']) {
    if (index(required) < 0)
      problems.push({ severity: 'error', file, line: header?.line ?? 1, message: `missing column "${required}"; the header must be email,name,groups,hired` });
  }
  if (problems.length) return { people: [], problems };
  const people: RosterPerson[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of body) {
    const email = (cells[index('email')] ?? '').trim().toLowerCase();
    const hired = (cells[index('hired')] ?? '').trim();
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      problems.push({ severity: 'error', file, line, field: 'email', message: `"${email}" is not an email address` });
      continue;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(hired)) {
      problems.push({ severity: 'error', file, line, field: 'hired', message: `"${hired}" is not a date written as YYYY-MM-DD` });
      continue;
    }
    if (seen.has(email)) {
      problems.push({ severity: 'error', file, line, field: 'email', message: `${email} is listed twice` });
      continue;
    }
    seen.add(email);
    people.push({
      email,
      name: (cells[index('name')] ?? '').trim() || email,
      groups: (cells[index('groups')] ?? '')
        .split(';')
        .map((g) => g.trim())
        .filter(Boolean),
      hired,
    });
  }
  return { people, problems };
}
