import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { wallClock } from '../lib/time/clock.ts';
import type { MailMessage, Mailer } from './mailer.ts';
import type { Store, Tx } from './store/database.ts';

/**
 * The mail outbox. A change and the mails it causes are written in one transaction; a worker in
 * each server instance claims due rows (PostgreSQL: FOR UPDATE SKIP LOCKED, so two instances
 * never claim the same row), sends them, and records the delivery. SMTP down means mail waits
 * and is retried with backoff: no error for the person who caused it, and nothing lost.
 */
export interface OutboxRow {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: string;
  sentAt?: string;
  lastError?: string;
}

/** Writes mails to the outbox inside `tx`; they go out only if the transaction commits. */
export async function enqueueMail(tx: Tx, messages: readonly MailMessage[], now: Date = wallClock()): Promise<string[]> {
  const ids: string[] = [];
  for (const message of messages) {
    const id = `mail_${randomBytes(12).toString('base64url')}`;
    await tx.db
      .insertInto('mail_outbox')
      .values({
        id,
        created_at: now.toISOString(),
        recipient: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        headers: JSON.stringify(message.headers ?? {}),
        status: 'pending',
        attempts: 0,
        next_attempt_at: now.toISOString(),
        claimed_by: null,
        claimed_until: null,
        sent_at: null,
        last_error: null,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** Seconds to wait after the nth failed attempt: 10 s, 20 s, 40 s … up to an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

export interface OutboxOptions {
  /** How long a claim lasts; a claim by an instance that died is taken over after it. */
  leaseSeconds?: number;
  batch?: number;
  clock?: () => Date;
  /** Names this instance in claims. */
  worker?: string;
}

export class Outbox {
  private readonly store: Store;
  private readonly mailer: Mailer;
  private readonly leaseSeconds: number;
  private readonly batch: number;
  private readonly clock: () => Date;
  readonly worker: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(store: Store, mailer: Mailer, options: OutboxOptions = {}) {
    this.store = store;
    this.mailer = mailer;
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.batch = options.batch ?? 10;
    this.clock = options.clock ?? wallClock;
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** A Mailer whose messages go through the outbox (each in its own transaction), for mail not tied to a change. */
  get mailerThroughOutbox(): Mailer {
    return {
      send: async (message) => {
        await this.store.transaction((tx) => enqueueMail(tx, [message], this.clock()));
        this.nudge();
      },
      close: () => {},
      nudge: () => this.nudge(),
    };
  }

  /** Claims due rows for this worker; another worker cannot claim them until the lease ends. */
  private async claim(): Promise<{ id: string; recipient: string; subject: string; text: string; html: string | null; headers: string; attempts: number }[]> {
    const now = this.clock().toISOString();
    const until = new Date(this.clock().getTime() + this.leaseSeconds * 1000).toISOString();
    return this.store.transaction(async (tx) => {
      let due = tx.db
        .selectFrom('mail_outbox')
        .select(['id', 'recipient', 'subject', 'text', 'html', 'headers', 'attempts'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(this.batch);
      if (tx.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await due.execute();
      if (rows.length === 0) return [];
      await tx.db
        .updateTable('mail_outbox')
        .set({ claimed_by: this.worker, claimed_until: until })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows;
    });
  }

  /** Sends what is due now; returns how many were sent. Never throws for a failed send: the row waits. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return sent;
      // A batch goes out in parallel: each message on its own SMTP connection.
      const results = await Promise.all(rows.map((row) => this.deliverOne(row)));
      sent += results.filter(Boolean).length;
    }
  }

  private async deliverOne(row: {
    id: string;
    recipient: string;
    subject: string;
    text: string;
    html: string | null;
    headers: string;
    attempts: number;
  }): Promise<boolean> {
    // Renew the claim just before sending, and send only if it is still ours: a slow batch whose
    // lease ran out may have been taken over by another instance, which then sends it instead.
    const now = this.clock();
    const renewed = await this.store.db
      .updateTable('mail_outbox')
      .set({ claimed_until: new Date(now.getTime() + this.leaseSeconds * 1000).toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('claimed_by', '=', this.worker)
      .where('claimed_until', '>', now.toISOString())
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) !== 1) return false;
    try {
      const headers = { ...(JSON.parse(row.headers) as Record<string, string>), 'X-Charter-Mail-Id': row.id };
      await this.mailer.send({ to: row.recipient, subject: row.subject, text: row.text, ...(row.html ? { html: row.html } : {}), headers });
      await this.store.db
        .updateTable('mail_outbox')
        .set({ status: 'sent', sent_at: this.clock().toISOString(), attempts: sql<number>`attempts + 1`, claimed_until: null, last_error: null })
        .where('id', '=', row.id)
        .where('claimed_by', '=', this.worker)
        .execute();
      return true;
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = new Date(this.clock().getTime() + backoffSeconds(attempts) * 1000).toISOString();
      await this.store.db
        .updateTable('mail_outbox')
        .set({ attempts, next_attempt_at: next, claimed_until: null, last_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
      console.error(`[outbox] ${row.id} to ${row.recipient} failed (attempt ${attempts}), retry at ${next}: ${(error as Error).message}`);
      return false;
    }
  }

  /** Runs a delivery pass soon (after a change wrote mail), without waiting for the next tick. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => {
        console.error(`[outbox] delivery pass failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Polls every `seconds` for due and retried mail. */
  start(seconds = 5): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.nudge(), seconds * 1000);
    this.timer.unref();
    this.nudge();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Rows by state, for `charter mail status`. */
  async list(filter: { status?: 'pending' | 'sent' } = {}): Promise<OutboxRow[]> {
    let query = this.store.db.selectFrom('mail_outbox').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      to: r.recipient,
      subject: r.subject,
      status: r.status as OutboxRow['status'],
      attempts: Number(r.attempts),
      nextAttemptAt: r.next_attempt_at,
      sentAt: r.sent_at ?? undefined,
      lastError: r.last_error ?? undefined,
    }));
  }

  /** Makes waiting mail due now (all, or one id), for `charter mail retry`; returns how many. */
  async retryNow(id?: string): Promise<number> {
    let query = this.store.db
      .updateTable('mail_outbox')
      .set({ next_attempt_at: this.clock().toISOString(), claimed_until: null })
      .where('status', '=', 'pending');
    if (id) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
