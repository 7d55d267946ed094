import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from './sqlite.ts';
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

export const auditLogMigration: Migration = {
  id: '001-audit-log',
  sql: `
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL,
      actor TEXT NOT NULL,
      data TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_at ON audit_log (at);
    CREATE INDEX audit_log_subject ON audit_log (subject);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be changed'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be deleted'); END;
  `,
};

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
  seq: row.seq,
  at: row.at,
  kind: row.kind,
  subject: row.subject,
  actor: row.actor,
  data: JSON.parse(row.data) as Record<string, unknown>,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/**
 * Appends an event. Call inside the same IMMEDIATE transaction as the change it records, so
 * the change and its log row commit together and the chain has no forks.
 */
export function appendAudit(db: DatabaseSync, event: AuditEvent, now: Date = wallClock()): AuditRow {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    kind: event.kind,
    subject: event.subject,
    actor: event.actor,
    data: event.data ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(row);
  db.prepare('INSERT INTO audit_log (seq, at, kind, subject, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    row.seq,
    row.at,
    row.kind,
    row.subject,
    row.actor,
    JSON.stringify(row.data),
    row.prevHash,
    hash,
  );
  return { ...row, hash };
}

/** Rows recorded in [from, to), oldest first. */
export function auditRows(db: DatabaseSync, range: { from?: string; to?: string; subject?: string } = {}): AuditRow[] {
  const rows = db
    .prepare(`SELECT * FROM audit_log WHERE at >= ? AND at < ? AND (? IS NULL OR subject = ?) ORDER BY seq`)
    .all(range.from ?? '', range.to ?? '9999', range.subject ?? null, range.subject ?? null) as unknown as StoredRow[];
  return rows.map(fromStored);
}

/** Recomputes the chain; returns the first row whose hash or link does not match, if any. */
export function verifyAuditChain(db: DatabaseSync): { ok: true; rows: number } | { ok: false; seq: number; reason: string } {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const stored of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<StoredRow>) {
    const row = fromStored(stored);
    if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: `row ${expectedSeq} is missing` };
    if (row.prevHash !== prevHash) return { ok: false, seq: row.seq, reason: 'does not link to the previous row' };
    if (auditHash(row) !== row.hash) return { ok: false, seq: row.seq, reason: 'its content does not match its hash' };
    prevHash = row.hash;
    expectedSeq++;
    count++;
  }
  return { ok: true, rows: count };
}
