import { randomBytes } from 'node:crypto';
import { appendAudit } from './audit-log.ts';
import type { Store, Tx } from './store/database.ts';
import { wallClock } from '../lib/time/clock.ts';

/** What a subscriber hears about. */
export const subscriptionTopics = ['updates', 'subprocessors'] as const;
export type SubscriptionTopic = (typeof subscriptionTopics)[number];

export interface Subscriber {
  id: string;
  email: string;
  topics: SubscriptionTopic[];
  createdAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
}

interface Row {
  id: string;
  email: string;
  topics: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}
const fromRow = (r: Row): Subscriber => ({
  id: r.id,
  email: r.email,
  topics: r.topics.split(',').filter(Boolean) as SubscriptionTopic[],
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at ?? undefined,
  unsubscribedAt: r.unsubscribed_at ?? undefined,
});

/** Email subscribers to trust-center news, with double opt-in. Audit rows name the subscriber id only. */
export class SubscriptionStore {
  readonly store: Store;
  private readonly clock: () => Date;

  constructor(store: Store, clock: () => Date = wallClock) {
    this.store = store;
    this.clock = clock;
  }

  /** Creates a pending subscription, or renews one: a new sign-up must be confirmed again. */
  request(email: string, topics: SubscriptionTopic[]): Promise<Subscriber> {
    return this.store.transaction(async (tx) => {
      const existing = await tx.db.selectFrom('subscribers').selectAll().where('email', '=', email).executeTakeFirst();
      const now = this.clock().toISOString();
      if (existing) {
        await tx.db
          .updateTable('subscribers')
          .set({ topics: topics.join(','), unsubscribed_at: null, confirmed_at: existing.unsubscribed_at === null ? existing.confirmed_at : null })
          .where('id', '=', existing.id)
          .execute();
        return (await this.read(tx, existing.id))!;
      }
      const id = `sub_${randomBytes(9).toString('base64url')}`;
      await tx.db
        .insertInto('subscribers')
        .values({ id, email, topics: topics.join(','), created_at: now, confirmed_at: null, unsubscribed_at: null })
        .execute();
      await appendAudit(tx, { kind: 'subscription.requested', subject: id, actor: 'subscriber', data: { topics } }, this.clock());
      return (await this.read(tx, id))!;
    });
  }

  get(id: string): Promise<Subscriber | undefined> {
    return this.read(this.store.tx, id);
  }

  private async read(tx: Tx, id: string): Promise<Subscriber | undefined> {
    const row = await tx.db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  confirm(id: string): Promise<Subscriber | undefined> {
    return this.store.transaction(async (tx) => {
      const subscriber = await this.read(tx, id);
      if (!subscriber || subscriber.unsubscribedAt || subscriber.confirmedAt) return subscriber;
      await tx.db.updateTable('subscribers').set({ confirmed_at: this.clock().toISOString() }).where('id', '=', id).execute();
      await appendAudit(tx, { kind: 'subscription.confirmed', subject: id, actor: 'subscriber' }, this.clock());
      return this.read(tx, id);
    });
  }

  unsubscribe(id: string): Promise<Subscriber | undefined> {
    return this.store.transaction(async (tx) => {
      const subscriber = await this.read(tx, id);
      if (!subscriber || subscriber.unsubscribedAt) return subscriber;
      await tx.db.updateTable('subscribers').set({ unsubscribed_at: this.clock().toISOString() }).where('id', '=', id).execute();
      await appendAudit(tx, { kind: 'subscription.cancelled', subject: id, actor: 'subscriber' }, this.clock());
      return this.read(tx, id);
    });
  }

  /** Confirmed subscribers who have not cancelled. */
  async active(): Promise<Subscriber[]> {
    return (
      await this.store.db
        .selectFrom('subscribers')
        .selectAll()
        .where('confirmed_at', 'is not', null)
        .where('unsubscribed_at', 'is', null)
        .orderBy('created_at')
        .execute()
    ).map(fromRow);
  }

  /** Claims items for a subscriber; returns the ones not delivered before. */
  claimDeliveries(subscriberId: string, items: readonly string[]): Promise<string[]> {
    return this.store.transaction(async (tx) => {
      const now = this.clock().toISOString();
      const fresh: string[] = [];
      for (const item of items) {
        const result = await tx.db
          .insertInto('subscription_deliveries')
          .values({ subscriber_id: subscriberId, item, sent_at: now })
          .onConflict((oc) => oc.columns(['subscriber_id', 'item']).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) fresh.push(item);
      }
      return fresh;
    });
  }
}
