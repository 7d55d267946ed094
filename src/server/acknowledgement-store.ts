import type { AcknowledgementRecord } from '../lib/policies/acknowledgements.ts';
import { appendAudit } from './audit-log.ts';
import type { Store } from './store/database.ts';
import { wallClock } from '../lib/time/clock.ts';

interface Row {
  person: string;
  policy_id: string;
  version: string;
  content_hash: string;
  at: string;
}
const fromRow = (r: Row): AcknowledgementRecord => ({ person: r.person, policyId: r.policy_id, version: r.version, contentHash: r.content_hash, at: r.at });

/** Acknowledgement records: one per person, policy and version, never changed once written (SQLite or PostgreSQL). */
export class AcknowledgementStore {
  readonly store: Store;
  private readonly clock: () => Date;

  constructor(store: Store, clock: () => Date = wallClock) {
    this.store = store;
    this.clock = clock;
  }

  /** Records an acknowledgement; acknowledging the same version again returns the first record. */
  record(input: Omit<AcknowledgementRecord, 'at'>): Promise<{ record: AcknowledgementRecord; created: boolean }> {
    return this.store.transaction(async (tx) => {
      const at = this.clock().toISOString();
      const result = await tx.db
        .insertInto('acknowledgements')
        .values({ person: input.person, policy_id: input.policyId, version: input.version, content_hash: input.contentHash, at })
        .onConflict((oc) => oc.columns(['person', 'policy_id', 'version']).doNothing())
        .executeTakeFirst();
      const created = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      if (created) {
        await appendAudit(
          tx,
          {
            kind: 'policy.acknowledged',
            subject: `policy:${input.policyId}`,
            actor: input.person,
            data: { version: input.version, contentHash: input.contentHash },
          },
          this.clock(),
        );
      }
      const row = await tx.db
        .selectFrom('acknowledgements')
        .selectAll()
        .where('person', '=', input.person)
        .where('policy_id', '=', input.policyId)
        .where('version', '=', input.version)
        .executeTakeFirstOrThrow();
      return { record: fromRow(row), created };
    });
  }

  async forPerson(person: string): Promise<AcknowledgementRecord[]> {
    return (await this.store.db.selectFrom('acknowledgements').selectAll().where('person', '=', person).orderBy('at').execute()).map(fromRow);
  }

  /** Records in [from, to) by time, oldest first; all of them without a range. */
  async all(range: { from?: string; to?: string } = {}): Promise<AcknowledgementRecord[]> {
    return (
      await this.store.db
        .selectFrom('acknowledgements')
        .selectAll()
        .where('at', '>=', range.from ?? '')
        .where('at', '<', range.to ?? '9999')
        .orderBy('at')
        .orderBy('id')
        .execute()
    ).map(fromRow);
  }

  /** Claims today's reminder for a person; false when they were already reminded today (by any instance). */
  async claimReminder(person: string, day: string): Promise<boolean> {
    const result = await this.store.db
      .insertInto('acknowledgement_reminders')
      .values({ person, day, sent_at: this.clock().toISOString() })
      .onConflict((oc) => oc.columns(['person', 'day']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
}
