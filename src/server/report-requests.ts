import { randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { appendAudit, auditRows, type AuditRow } from './audit-log.ts';
import { transaction, type Migration } from './sqlite.ts';
import { wallClock } from '../lib/time/clock.ts';

export type RequestStatus = 'awaiting-nda' | 'pending' | 'approved' | 'denied' | 'refused' | 'revoked';

export interface ReportRequest {
  id: string;
  documentId: string;
  name: string;
  email: string;
  company: string;
  reason: string;
  domain: string;
  status: RequestStatus;
  createdAt: string;
  ndaVersion?: string;
  ndaHash?: string;
  ndaAcceptedAt?: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionReason?: string;
  /** When approved access ends. */
  expiresAt?: string;
  anonymisedAt?: string;
}

export interface RequestContext {
  ip: string;
  userAgent: string;
}

export const reportRequestsMigration: Migration = {
  id: '002-report-requests',
  sql: `
    CREATE TABLE report_requests (
      id TEXT PRIMARY KEY,
      document_id TEXT NOT NULL,
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      company TEXT NOT NULL,
      reason TEXT NOT NULL,
      domain TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      ip TEXT NOT NULL,
      user_agent TEXT NOT NULL,
      nda_version TEXT, nda_hash TEXT, nda_accepted_at TEXT,
      decided_at TEXT, decided_by TEXT, decision_reason TEXT,
      expires_at TEXT,
      anonymised_at TEXT
    );
    CREATE INDEX report_requests_email ON report_requests (email);
    CREATE INDEX report_requests_status ON report_requests (status);
    -- Every NDA acceptance is kept, for every NDA version, even after the requester's data is anonymised.
    CREATE TABLE nda_acceptances (
      id INTEGER PRIMARY KEY,
      request_id TEXT NOT NULL REFERENCES report_requests (id),
      domain TEXT NOT NULL,
      nda_version TEXT NOT NULL,
      nda_hash TEXT NOT NULL,
      accepted_at TEXT NOT NULL,
      ip TEXT NOT NULL,
      user_agent TEXT NOT NULL
    );
    CREATE INDEX nda_acceptances_domain ON nda_acceptances (domain, nda_version);
    -- Spent single-use tokens (reviewer links).
    CREATE TABLE spent_tokens (nonce TEXT PRIMARY KEY, purpose TEXT NOT NULL, spent_at TEXT NOT NULL);
  `,
};

interface Row {
  id: string;
  document_id: string;
  name: string;
  email: string;
  company: string;
  reason: string;
  domain: string;
  status: RequestStatus;
  created_at: string;
  nda_version: string | null;
  nda_hash: string | null;
  nda_accepted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  expires_at: string | null;
  anonymised_at: string | null;
}

const fromRow = (r: Row): ReportRequest => ({
  id: r.id,
  documentId: r.document_id,
  name: r.name,
  email: r.email,
  company: r.company,
  reason: r.reason,
  domain: r.domain,
  status: r.status,
  createdAt: r.created_at,
  ndaVersion: r.nda_version ?? undefined,
  ndaHash: r.nda_hash ?? undefined,
  ndaAcceptedAt: r.nda_accepted_at ?? undefined,
  decidedAt: r.decided_at ?? undefined,
  decidedBy: r.decided_by ?? undefined,
  decisionReason: r.decision_reason ?? undefined,
  expiresAt: r.expires_at ?? undefined,
  anonymisedAt: r.anonymised_at ?? undefined,
});

export class RequestError extends Error {}

/**
 * Report requests and their access log. Every change and its audit row commit in one
 * transaction; audit rows name the request id, never the requester, so erasure keeps the log.
 */
export class ReportRequestStore {
  private readonly db: DatabaseSync;
  private readonly clock: () => Date;

  constructor(db: DatabaseSync, clock: () => Date = wallClock) {
    this.db = db;
    this.clock = clock;
  }

  create(
    input: { documentId: string; name: string; email: string; company: string; reason: string; domain: string; status: RequestStatus },
    context: RequestContext,
  ): ReportRequest {
    const id = `req_${randomBytes(9).toString('base64url')}`;
    const now = this.clock().toISOString();
    return transaction(this.db, () => {
      this.db
        .prepare(
          'INSERT INTO report_requests (id, document_id, name, email, company, reason, domain, status, created_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.documentId, input.name, input.email, input.company, input.reason, input.domain, input.status, now, context.ip, context.userAgent);
      appendAudit(
        this.db,
        { kind: 'request.created', subject: id, actor: 'requester', data: { document: input.documentId, domain: input.domain, status: input.status } },
        this.clock(),
      );
      return this.get(id)!;
    });
  }

  get(id: string): ReportRequest | undefined {
    const row = this.db.prepare('SELECT * FROM report_requests WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  list(filter: { status?: RequestStatus } = {}): ReportRequest[] {
    const rows = this.db
      .prepare('SELECT * FROM report_requests WHERE (? IS NULL OR status = ?) ORDER BY created_at DESC, id')
      .all(filter.status ?? null, filter.status ?? null) as unknown as Row[];
    return rows.map(fromRow);
  }

  /** True when someone from `domain` accepted this NDA version before. */
  domainAcceptedNda(domain: string, ndaVersion: string): boolean {
    return this.db.prepare('SELECT 1 FROM nda_acceptances WHERE domain = ? AND nda_version = ? LIMIT 1').get(domain, ndaVersion) !== undefined;
  }

  acceptNda(id: string, nda: { version: string; hash: string }, context: RequestContext, covered = false): ReportRequest {
    const now = this.clock().toISOString();
    return transaction(this.db, () => {
      const request = this.require(id);
      if (request.status !== 'awaiting-nda') throw new RequestError(`request ${id} is not waiting for an NDA`);
      if (!covered) {
        this.db
          .prepare('INSERT INTO nda_acceptances (request_id, domain, nda_version, nda_hash, accepted_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, request.domain, nda.version, nda.hash, now, context.ip, context.userAgent);
      }
      this.db
        .prepare("UPDATE report_requests SET nda_version = ?, nda_hash = ?, nda_accepted_at = ?, status = 'pending' WHERE id = ?")
        .run(nda.version, nda.hash, now, id);
      appendAudit(
        this.db,
        { kind: covered ? 'nda.covered-by-domain' : 'nda.accepted', subject: id, actor: 'requester', data: { version: nda.version, hash: nda.hash } },
        this.clock(),
      );
      return this.get(id)!;
    });
  }

  /** Records a decision. Approval sets the end of access; a decided request cannot be decided again. */
  decide(id: string, decision: { outcome: 'approved' | 'denied' | 'refused'; actor: string; reason?: string; grantDays?: number }): ReportRequest {
    const now = this.clock();
    return transaction(this.db, () => {
      const request = this.require(id);
      if (request.status !== 'pending') throw new RequestError(`request ${id} is already ${request.status}`);
      const expiresAt = decision.outcome === 'approved' ? new Date(now.getTime() + (decision.grantDays ?? 7) * 86_400_000).toISOString() : null;
      this.db
        .prepare('UPDATE report_requests SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, expires_at = ? WHERE id = ?')
        .run(decision.outcome, now.toISOString(), decision.actor, decision.reason ?? null, expiresAt, id);
      appendAudit(
        this.db,
        { kind: `request.${decision.outcome}`, subject: id, actor: decision.actor, data: { reason: decision.reason ?? null, expiresAt } },
        now,
      );
      return this.get(id)!;
    });
  }

  revoke(id: string, actor: string): ReportRequest {
    return transaction(this.db, () => {
      const request = this.require(id);
      if (request.status !== 'approved') throw new RequestError(`request ${id} is ${request.status}, not approved; only granted access can be revoked`);
      this.db.prepare("UPDATE report_requests SET status = 'revoked' WHERE id = ?").run(id);
      appendAudit(this.db, { kind: 'request.revoked', subject: id, actor }, this.clock());
      return this.get(id)!;
    });
  }

  recordDownload(id: string, context: RequestContext): AuditRow {
    return transaction(this.db, () =>
      appendAudit(this.db, { kind: 'document.downloaded', subject: id, actor: 'requester', data: { ip: context.ip } }, this.clock()),
    );
  }

  /** Marks a single-use token as spent; false when it already was. */
  spendToken(nonce: string, purpose: string): boolean {
    return transaction(this.db, () => {
      const result = this.db
        .prepare('INSERT OR IGNORE INTO spent_tokens (nonce, purpose, spent_at) VALUES (?, ?, ?)')
        .run(nonce, purpose, this.clock().toISOString());
      return result.changes === 1;
    });
  }

  /** Replaces a requester's personal data with placeholders; the request, its NDA record and the log remain. */
  private anonymise(where: string, ...params: (string | null)[]): number {
    return transaction(this.db, () => {
      const ids = this.db
        .prepare(`SELECT id FROM report_requests WHERE anonymised_at IS NULL AND ${where}`)
        .all(...params)
        .map((r) => r.id as string);
      const now = this.clock().toISOString();
      for (const id of ids) {
        this.db
          .prepare(
            "UPDATE report_requests SET name = 'anonymised', email = 'anonymised@invalid', company = 'anonymised', reason = '', ip = '', user_agent = '', anonymised_at = ? WHERE id = ?",
          )
          .run(now, id);
        this.db.prepare("UPDATE nda_acceptances SET ip = '', user_agent = '' WHERE request_id = ?").run(id);
        appendAudit(this.db, { kind: 'request.anonymised', subject: id, actor: 'system' }, this.clock());
      }
      return ids.length;
    });
  }

  anonymiseOlderThan(cutoff: string): number {
    return this.anonymise('created_at < ?', cutoff);
  }

  eraseEmail(email: string): number {
    return this.anonymise('lower(email) = lower(?)', email);
  }

  log(range: { from?: string; to?: string } = {}): AuditRow[] {
    return auditRows(this.db, range);
  }

  private require(id: string): ReportRequest {
    const request = this.get(id);
    if (!request) throw new RequestError(`no request with id ${id}`);
    return request;
  }
}
