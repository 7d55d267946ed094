import { createHash } from 'node:crypto';
import { lockAuditChain, type Tx } from './store/database.ts';
import { wallClock } from '../lib/time/clock.ts';

/** One recorded event. `subject` names what it is about (a request id, a policy id), never a person's details. */
export interface AuditEvent {
  kind: string;
  subject: string;
  /** Who caused it: a reviewer's email, "system", "cli:<user>". */
  actor: string;
  /** Anything else worth keeping; must not hold personal data that erasure would have to remove. */
  data?: Record<string, unknown>;
}

export interface AuditRow extends Required<AuditEvent> {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of a row covers its content and the previous row's hash, so any edit breaks the chain after it. */
export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([row.seq, row.at, row.kind, row.subject, row.actor, row.data, row.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

interface StoredRow {
  seq: number;
  at: string;
  kind: string;
  subject: string;
  actor: string;
  data: string;
  prev_hash: string;
  hash: string;
}

const fromStored = (row: StoredRow): AuditRow => ({
  seq: Number(row.seq),
  at: row.at,
  kind: row.kind,
  subject: row.subject,
  actor: row.actor,
  data: JSON.parse(row.data) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/**
 * Appends an event. Call inside the same transaction as the change it records, so the change
 * and its log row commit together. The chain head is locked first (SQLite: the IMMEDIATE
 * transaction's write lock; PostgreSQL: an advisory lock), so instances appending at the same
 * time queue and the chain has no forks.
 */
export async function appendAudit(tx: Tx, event: AuditEvent, now: Date = wallClock()): Promise<AuditRow> {
  await lockAuditChain(tx);
  const last = await tx.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: Number(last?.seq ?? 0) + 1,
    at: now.toISOString(),
    kind: event.kind,
    subject: event.subject,
    actor: event.actor,
    data: event.data ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(row);
  await tx.db
    .insertInto('audit_log')
    .values({ seq: row.seq, at: row.at, kind: row.kind, subject: row.subject, actor: row.actor, data: JSON.stringify(row.data), prev_hash: row.prevHash, hash })
    .execute();
  return { ...row, hash };
}

/** Rows recorded in [from, to), oldest first. */
export async function auditRows(tx: Tx, range: { from?: string; to?: string; subject?: string; kind?: string } = {}): Promise<AuditRow[]> {
  let query = tx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('at', '>=', range.from ?? '')
    .where('at', '<', range.to ?? '9999');
  if (range.subject !== undefined) query = query.where('subject', '=', range.subject);
  if (range.kind !== undefined) query = query.where('kind', '=', range.kind);
  return (await query.orderBy('seq').execute()).map(fromStored);
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; seq: number; reason: string };

/** Recomputes the chain, a page at a time; returns the first row whose hash or link does not match, if any. */
export async function verifyAuditChain(tx: Tx): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const page = await tx.db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(5000).execute();
    if (page.length === 0) return { ok: true, rows: expectedSeq - 1 };
    for (const stored of page) {
      const row = fromStored(stored);
      if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: `row ${expectedSeq} is missing` };
      if (row.prevHash !== prevHash) return { ok: false, seq: row.seq, reason: 'does not link to the previous row' };
      if (auditHash(row) !== row.hash) return { ok: false, seq: row.seq, reason: 'its content does not match its hash' };
      prevHash = row.hash;
      expectedSeq++;
    }
  }
}
