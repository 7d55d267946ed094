import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { appendAudit } from './audit-log.ts';
import { transaction, type Migration } from './sqlite.ts';
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

export const subscriptionsMigration: Migration = {
  id: '004-subscriptions',
  sql: `
    CREATE TABLE subscribers (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      topics TEXT NOT NULL,
      created_at TEXT NOT NULL,
      confirmed_at TEXT,
      unsubscribed_at TEXT
    );
    -- One mail per subscriber and item, however often notify runs.
    CREATE TABLE subscription_deliveries (
      subscriber_id TEXT NOT NULL REFERENCES subscribers (id),
      item TEXT NOT NULL,
      sent_at TEXT NOT NULL,
      PRIMARY KEY (subscriber_id, item)
    );
  `,
};

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
  private readonly db: DatabaseSync;
  private readonly clock: () => Date;

  constructor(db: DatabaseSync, clock: () => Date = wallClock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates a pending subscription, or renews one: a new sign-up must be confirmed again. */
  request(email: string, topics: SubscriptionTopic[]): Subscriber {
    return transaction(this.db, () => {
      const existing = this.db.prepare('SELECT * FROM subscribers WHERE email = ?').get(email) as Row | undefined;
      const now = this.clock().toISOString();
      if (existing) {
        this.db
          .prepare(
            'UPDATE subscribers SET topics = ?, unsubscribed_at = NULL, confirmed_at = CASE WHEN unsubscribed_at IS NULL THEN confirmed_at ELSE NULL END WHERE id = ?',
          )
          .run(topics.join(','), existing.id);
        return this.get(existing.id)!;
      }
      const id = `sub_${randomBytes(9).toString('base64url')}`;
      this.db.prepare('INSERT INTO subscribers (id, email, topics, created_at) VALUES (?, ?, ?, ?)').run(id, email, topics.join(','), now);
      appendAudit(this.db, { kind: 'subscription.requested', subject: id, actor: 'subscriber', data: { topics } }, this.clock());
      return this.get(id)!;
    });
  }

  get(id: string): Subscriber | undefined {
    const row = this.db.prepare('SELECT * FROM subscribers WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  confirm(id: string): Subscriber | undefined {
    return transaction(this.db, () => {
      const subscriber = this.get(id);
      if (!subscriber || subscriber.unsubscribedAt || subscriber.confirmedAt) return subscriber;
      this.db.prepare('UPDATE subscribers SET confirmed_at = ? WHERE id = ?').run(this.clock().toISOString(), id);
      appendAudit(this.db, { kind: 'subscription.confirmed', subject: id, actor: 'subscriber' }, this.clock());
      return this.get(id);
    });
  }

  unsubscribe(id: string): Subscriber | undefined {
    return transaction(this.db, () => {
      const subscriber = this.get(id);
      if (!subscriber || subscriber.unsubscribedAt) return subscriber;
      this.db.prepare('UPDATE subscribers SET unsubscribed_at = ? WHERE id = ?').run(this.clock().toISOString(), id);
      appendAudit(this.db, { kind: 'subscription.cancelled', subject: id, actor: 'subscriber' }, this.clock());
      return this.get(id);
    });
  }

  /** Confirmed subscribers who have not cancelled. */
  active(): Subscriber[] {
    return (
      this.db.prepare('SELECT * FROM subscribers WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL ORDER BY created_at').all() as unknown as Row[]
    ).map(fromRow);
  }

  /** Claims items for a subscriber; returns the ones not delivered before. */
  claimDeliveries(subscriberId: string, items: readonly string[]): string[] {
    return transaction(this.db, () => {
      const now = this.clock().toISOString();
      const insert = this.db.prepare('INSERT OR IGNORE INTO subscription_deliveries (subscriber_id, item, sent_at) VALUES (?, ?, ?)');
      return items.filter((item) => insert.run(subscriberId, item, now).changes === 1);
    });
  }
}
