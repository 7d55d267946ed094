import type { Collector, CollectorContext, SkippedCollection } from './types.ts';
import { plural } from '../../words.ts';

/** Said when a collector needs the store and none is configured. */
export function noStore(collector: string): SkippedCollection {
  return {
    skipped:
      `${collector} reads the acknowledgement and access records of the portal's store, and no store is configured: ` +
      'set CHARTER_DB to the database the portal server writes to, then run the collector again',
  };
}

const spanText = ({ since, now }: CollectorContext) => `between ${since.slice(0, 10)} and ${now.slice(0, 10)}`;

/** Policy acknowledgements recorded since the previous run: who acknowledged which version, when. */
export const policyAcknowledgements: Collector = {
  name: 'policy-acknowledgements',
  description: 'policy acknowledgements recorded by the portal since the previous run (from the store)',
  controls: ['HR-02'],
  async collect(context) {
    if (!context.store) return noStore('policy-acknowledgements');
    const records = await context.store.acknowledgements(context.since, context.now);
    const items = records
      .map((r) => ({ person: r.person, policy: r.policyId, version: r.version, contentHash: r.contentHash, acknowledgedAt: r.at }))
      .sort((a, b) => a.acknowledgedAt.localeCompare(b.acknowledgedAt));
    const people = new Set(items.map((i) => i.person)).size;
    const policies = new Set(items.map((i) => i.policy)).size;
    const summary = items.length
      ? `${plural(items.length, 'acknowledgement')} by ${plural(people, 'person', 'people')} of ${plural(policies, 'policy', 'policies')} ${spanText(context)}.`
      : `No policy acknowledgements ${spanText(context)}.`;
    return { summary, items, source: 'portal acknowledgement records', period: { from: context.since, to: context.now } };
  },
};

/** Every access to a gated trust-center document since the previous run. */
export const reportAccess: Collector = {
  name: 'report-access',
  description: 'downloads of gated trust-center documents since the previous run (from the store)',
  controls: ['DP-04'],
  async collect(context) {
    if (!context.store) return noStore('report-access');
    const records = await context.store.accessLog(context.since, context.now);
    const items = records
      .map((r) => ({ requestId: r.requestId, requester: r.requester, company: r.company ?? null, document: r.document, accessedAt: r.accessedAt }))
      .sort((a, b) => a.accessedAt.localeCompare(b.accessedAt));
    const companies = new Set(items.map((i) => i.company ?? i.requester)).size;
    const summary = items.length
      ? `${plural(items.length, 'download')} of gated documents by ${plural(companies, 'organisation')} ${spanText(context)}.`
      : `No gated documents were downloaded ${spanText(context)}.`;
    return { summary, items, source: 'trust-center access log', period: { from: context.since, to: context.now } };
  },
};
