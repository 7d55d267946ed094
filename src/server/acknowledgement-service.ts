import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import {
  acknowledgementState,
  parseRoster,
  personStates,
  policyAppliesTo,
  type AcknowledgementState,
  type RosterPerson,
} from '../lib/policies/acknowledgements.ts';
import { wallClock } from '../lib/time/clock.ts';
import { dayOf, formatDate } from '../lib/time/dates.ts';
import { loadValidContent } from '../lib/content/load.ts';
import { formatProblem, hasErrors } from '../lib/content/problems.ts';
import { directorySource } from '../lib/content/source.ts';
import type { Policy } from '../schemas/policy.ts';
import type { AcknowledgementStore } from './acknowledgement-store.ts';
import { escapeHtml } from './html.ts';
import type { Identity } from './identity.ts';
import type { Mailer } from './mailer.ts';

/** A policy as the acknowledgement server knows it: the current version and the hash of its text. */
export interface CurrentPolicy {
  data: Policy;
  contentHash: string;
}

export interface PortalSettings {
  organisation: string;
  portalUrl: string;
  withinDays: number;
  /** `asOf` in content/site.yaml: content frozen at a date is judged as of it, here as on the pages. */
  asOf?: string;
  policies: Map<string, CurrentPolicy>;
  roster: RosterPerson[];
  /** Emails of the people in content/site.yaml, who own, approve and operate documents: only they see coverage. */
  coverageReaders: string[];
}

/** Reads the current policies (with the hash of each file) and the roster. */
export async function loadPortalSettings(root: string, rosterPath: string): Promise<PortalSettings> {
  const source = directorySource(root);
  const content = await loadValidContent(source, ['site', 'policies']);
  const policies = new Map<string, CurrentPolicy>();
  for (const entry of content.policies) {
    const text = (await source.read(entry.file)) ?? '';
    policies.set(entry.data.id, { data: entry.data, contentHash: createHash('sha256').update(text).digest('hex') });
  }
  const rosterFile = isAbsolute(rosterPath) ? rosterPath : join(root, rosterPath);
  const rosterText = await readFile(rosterFile, 'utf8').catch(() => undefined);
  const roster = rosterText === undefined ? { people: [], problems: [] } : parseRoster(rosterText, rosterPath);
  if (hasErrors(roster.problems)) throw new Error(`the roster has errors:\n${roster.problems.map(formatProblem).join('\n')}`);
  return {
    organisation: content.site!.data.organisation.name,
    portalUrl: content.site!.data.portal.url,
    withinDays: content.site!.data.portal.acknowledgeWithinDays,
    asOf: content.site!.data.asOf,
    policies,
    roster: roster.people,
    coverageReaders: content.site!.data.people.map((p) => p.email.toLowerCase()),
  };
}

/** Coverage as the compliance owner reads it: per policy, then per person, most open first. */
export interface CoverageReport {
  policies: {
    policy: Policy;
    people: (AcknowledgementState & { person: RosterPerson })[];
    done: number;
    due: number;
    overdue: number;
  }[];
  people: { email: string; name: string; open: number; total: number }[];
}

export type AcknowledgeResult = { ok: true; created: boolean; state: AcknowledgementState } | { ok: false; status: 404 | 409; message: string };

export class AcknowledgementService {
  private readonly settings: PortalSettings;
  private readonly store: AcknowledgementStore;
  private readonly mailer: Mailer;
  private readonly today: () => string;

  constructor(settings: PortalSettings, store: AcknowledgementStore, mailer: Mailer, today: () => string = () => dayOf(wallClock())) {
    this.settings = settings;
    this.store = store;
    this.mailer = mailer;
    this.today = today;
  }

  /** Roster entry for an identity; people missing from the roster are treated as everyone, hired long ago. */
  person(identity: Identity): RosterPerson {
    return (
      this.settings.roster.find((p) => p.email === identity.email) ?? {
        email: identity.email,
        name: identity.name ?? identity.email,
        groups: [],
        hired: '1970-01-01',
      }
    );
  }

  async acknowledge(identity: Identity, policyId: string, version: string): Promise<AcknowledgeResult> {
    const policy = this.settings.policies.get(policyId);
    if (!policy || !policy.data.acknowledgement) return { ok: false, status: 404, message: `there is no policy "${policyId}" to acknowledge` };
    if (version !== policy.data.version) {
      return {
        ok: false,
        status: 409,
        message: `version ${version} of ${policy.data.title} is not the current one (${policy.data.version}); reload the page and read the current version`,
      };
    }
    const { created } = await this.store.record({ person: identity.email, policyId, version, contentHash: policy.contentHash });
    return { ok: true, created, state: (await this.state(identity, policyId))! };
  }

  async state(identity: Identity, policyId: string): Promise<AcknowledgementState | undefined> {
    const policy = this.settings.policies.get(policyId);
    if (!policy) return undefined;
    return acknowledgementState(policy.data, this.person(identity), await this.store.forPerson(identity.email), this.today(), this.settings.withinDays);
  }

  /** The person's applicable policies, overdue and due first. */
  async myPolicies(identity: Identity): Promise<(AcknowledgementState & { policy: Policy })[]> {
    const policies = [...this.settings.policies.values()].map((p) => p.data);
    return personStates(policies, this.person(identity), await this.store.forPerson(identity.email), this.today(), this.settings.withinDays).map((state) => ({
      ...state,
      policy: this.settings.policies.get(state.policyId)!.data,
    }));
  }

  /** Coverage for the compliance owner: per policy, who has and has not acknowledged. */
  async coverage(): Promise<{ policy: Policy; people: (AcknowledgementState & { person: RosterPerson })[] }[]> {
    const records = await this.store.all();
    return [...this.settings.policies.values()]
      .filter((p) => p.data.acknowledgement)
      .map(({ data }) => ({
        policy: data,
        people: this.settings.roster
          .filter((person) => policyAppliesTo(data, person))
          .map((person) => ({
            person,
            ...acknowledgementState(
              data,
              person,
              records.filter((r) => r.person === person.email),
              this.today(),
              this.settings.withinDays,
            ),
          })),
      }));
  }

  /**
   * Coverage for a reader, or undefined when they may not see it: coverage names people, so
   * only the people listed in content/site.yaml may read it.
   */
  async coverageFor(identity: Identity): Promise<CoverageReport | undefined> {
    if (!this.settings.coverageReaders.includes(identity.email.toLowerCase())) return undefined;
    const count = (states: { status: string }[], status: string) => states.filter((s) => s.status === status).length;
    const policies = (await this.coverage()).map((c) => ({
      ...c,
      done: count(c.people, 'done'),
      due: count(c.people, 'due'),
      overdue: count(c.people, 'overdue'),
    }));
    const people = new Map<string, { email: string; name: string; open: number; total: number }>();
    for (const state of policies.flatMap((p) => p.people)) {
      const entry = people.get(state.person.email) ?? { email: state.person.email, name: state.person.name, open: 0, total: 0 };
      entry.total++;
      if (state.status !== 'done') entry.open++;
      people.set(state.person.email, entry);
    }
    return { policies, people: [...people.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)) };
  }

  /** Emails each roster person with due or overdue policies one digest; at most once a day each. */
  async remind(): Promise<{ sent: string[]; skipped: string[] }> {
    const day = this.today();
    const sent: string[] = [];
    const skipped: string[] = [];
    for (const person of this.settings.roster) {
      const open = (await this.myPolicies({ email: person.email, name: person.name })).filter((s) => s.status !== 'done');
      if (open.length === 0) continue;
      if (!(await this.store.claimReminder(person.email, day))) {
        skipped.push(person.email);
        continue;
      }
      const lines = open.map(
        (s) =>
          `- ${s.policy.title} (version ${s.policy.version}): ${s.status === 'overdue' ? 'overdue since' : 'due by'} ${formatDate(s.dueBy)}\n  ${this.settings.portalUrl.replace(/\/$/, '')}/policies/${s.policy.id}/`,
      );
      await this.mailer.send({
        to: person.email,
        subject: `${open.length} ${open.length === 1 ? 'policy needs' : 'policies need'} your acknowledgement`,
        text: `Hello ${person.name},\n\nPlease read and acknowledge:\n\n${lines.join('\n')}\n\nThank you,\n${this.settings.organisation} Security\n`,
        html: `<p>Hello ${escapeHtml(person.name)},</p><p>Please read and acknowledge:</p><ul>${open.map((s) => `<li><a href="${escapeHtml(`${this.settings.portalUrl.replace(/\/$/, '')}/policies/${s.policy.id}/`)}">${escapeHtml(s.policy.title)}</a> (version ${escapeHtml(s.policy.version)}): ${s.status === 'overdue' ? 'overdue since' : 'due by'} ${escapeHtml(formatDate(s.dueBy))}</li>`).join('')}</ul>`,
      });
      sent.push(person.email);
    }
    return { sent, skipped };
  }
}
