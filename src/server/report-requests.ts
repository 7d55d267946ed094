import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, auditRows, type AuditRow } from './audit-log.ts';
import type { MailMessage } from './mailer.ts';
import { enqueueMail } from './outbox.ts';
import { forUpdate, lockAuditChain, type Store, type Tx } from './store/database.ts';
import type { Schema } from './store/schema.ts';
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

/** A stored request as the store's schema has it, its status narrowed to the known values. */
type Row = Omit<Schema['report_requests'], 'status' | 'ip' | 'user_agent'> & { status: RequestStatus };

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

/** Mails a change causes, written to the outbox in the change's transaction. */
export type MailsFor = (request: ReportRequest) => Promise<MailMessage[]> | MailMessage[];

export interface Decision {
  outcome: 'approved' | 'denied' | 'refused';
  actor: string;
  reason?: string;
  grantDays?: number;
}

/** One line of `charter requests report`: a company (domain) and a document over a period. */
export interface ReportLine {
  domain: string;
  documentId: string;
  requests: number;
  approved: number;
  denied: number;
  refused: number;
  revoked: number;
  ndaAcceptances: number;
  downloads: number;
  lastActivity: string;
}

/**
 * Report requests and their access log, in SQLite or PostgreSQL. Every change, its audit row and
 * the mail it causes commit in one transaction; audit rows name the request id, never the
 * requester, so erasure keeps the log.
 */
export class ReportRequestStore {
  readonly store: Store;
  private readonly clock: () => Date;

  constructor(store: Store, clock: () => Date = wallClock) {
    this.store = store;
    this.clock = clock;
  }

  async create(
    input: { documentId: string; name: string; email: string; company: string; reason: string; domain: string; status: RequestStatus },
    context: RequestContext,
    mails?: MailsFor,
  ): Promise<ReportRequest> {
    const id = `req_${randomBytes(9).toString('base64url')}`;
    const now = this.clock();
    return this.store.transaction(async (tx) => {
      await tx.db
        .insertInto('report_requests')
        .values({
          id,
          document_id: input.documentId,
          name: input.name,
          email: input.email,
          company: input.company,
          reason: input.reason,
          domain: input.domain,
          status: input.status,
          created_at: now.toISOString(),
          ip: context.ip,
          user_agent: context.userAgent,
        })
        .execute();
      await appendAudit(
        tx,
        { kind: 'request.created', subject: id, actor: 'requester', data: { document: input.documentId, domain: input.domain, status: input.status } },
        now,
      );
      const request = (await this.read(tx, id))!;
      if (mails) await enqueueMail(tx, await mails(request), now);
      return request;
    });
  }

  get(id: string): Promise<ReportRequest | undefined> {
    return this.read(this.store.tx, id);
  }

  private async read(tx: Tx, id: string, lock = false): Promise<ReportRequest | undefined> {
    const query = tx.db.selectFrom('report_requests').selectAll().where('id', '=', id);
    const row = await (lock ? forUpdate(query, tx) : query).executeTakeFirst();
    return row && fromRow(row as Row);
  }

  async list(filter: { status?: RequestStatus } = {}): Promise<ReportRequest[]> {
    let query = this.store.db.selectFrom('report_requests').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    return (await query.orderBy('created_at', 'desc').orderBy('id').execute()).map((r) => fromRow(r as Row));
  }

  /** True when someone from `domain` accepted this NDA version before. */
  async domainAcceptedNda(domain: string, ndaVersion: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('nda_acceptances')
      .select('id')
      .where('domain', '=', domain)
      .where('nda_version', '=', ndaVersion)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Records the NDA for a request (accepted now, covered by the domain, or bypassed: then no NDA
   * fields are filled in) and moves it to pending; `then`
   * decides it in the same transaction when the rules already know the outcome, and `mails`
   * are queued with it.
   */
  async acceptNda(
    id: string,
    nda: { version: string; hash: string },
    context: RequestContext,
    covered: boolean | 'bypass' = false,
    then: { decision?: Decision; mails?: MailsFor } = {},
  ): Promise<ReportRequest> {
    const now = this.clock();
    return this.store.transaction(async (tx) => {
      const request = await this.require(tx, id);
      if (request.status !== 'awaiting-nda') throw new RequestError(`request ${id} is not waiting for an NDA`);
      if (!covered) {
        await tx.db
          .insertInto('nda_acceptances')
          .values({
            request_id: id,
            domain: request.domain,
            nda_version: nda.version,
            nda_hash: nda.hash,
            accepted_at: now.toISOString(),
            ip: context.ip,
            user_agent: context.userAgent,
          })
          .execute();
      }
      await tx.db
        .updateTable('report_requests')
        .set(
          covered === 'bypass'
            ? { status: 'pending' }
            : { nda_version: nda.version, nda_hash: nda.hash, nda_accepted_at: now.toISOString(), status: 'pending' },
        )
        .where('id', '=', id)
        .execute();
      await appendAudit(
        tx,
        covered === 'bypass'
          ? { kind: 'nda.bypassed', subject: id, actor: 'rule', data: { domain: request.domain } }
          : { kind: covered ? 'nda.covered-by-domain' : 'nda.accepted', subject: id, actor: 'requester', data: { version: nda.version, hash: nda.hash } },
        now,
      );
      if (then.decision) return this.decideIn(tx, id, then.decision, then.mails, now);
      const pending = (await this.read(tx, id))!;
      if (then.mails) await enqueueMail(tx, await then.mails(pending), now);
      return pending;
    });
  }

  /**
   * Records a decision and queues the mail it causes, in one transaction. Approval sets the end
   * of access; a decided request cannot be decided again (the row is locked, so two reviewers
   * deciding at once on two instances get one decision and one clear refusal).
   */
  decide(id: string, decision: Decision, mails?: MailsFor): Promise<ReportRequest> {
    const now = this.clock();
    return this.store.transaction((tx) => this.decideIn(tx, id, decision, mails, now));
  }

  private async decideIn(tx: Tx, id: string, decision: Decision, mails: MailsFor | undefined, now: Date): Promise<ReportRequest> {
    const request = await this.require(tx, id);
    if (request.status !== 'pending') throw new RequestError(`request ${id} is already ${request.status}`);
    const expiresAt = decision.outcome === 'approved' ? new Date(now.getTime() + (decision.grantDays ?? 7) * 86_400_000).toISOString() : null;
    await tx.db
      .updateTable('report_requests')
      .set({
        status: decision.outcome,
        decided_at: now.toISOString(),
        decided_by: decision.actor,
        decision_reason: decision.reason ?? null,
        expires_at: expiresAt,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      { kind: `request.${decision.outcome}`, subject: id, actor: decision.actor, data: { reason: decision.reason ?? null, expiresAt } },
      now,
    );
    const decided = (await this.read(tx, id))!;
    if (mails) await enqueueMail(tx, await mails(decided), now);
    return decided;
  }

  revoke(id: string, actor: string): Promise<ReportRequest> {
    return this.store.transaction(async (tx) => {
      const request = await this.require(tx, id);
      if (request.status !== 'approved') throw new RequestError(`request ${id} is ${request.status}, not approved; only granted access can be revoked`);
      await tx.db.updateTable('report_requests').set({ status: 'revoked' }).where('id', '=', id).execute();
      await appendAudit(tx, { kind: 'request.revoked', subject: id, actor }, this.clock());
      return (await this.read(tx, id))!;
    });
  }

  /**
   * Logs a download, unless the link has been used `limit` times already: the count is read
   * from the log with the request row locked, so instances racing on one link share the limit.
   */
  recordDownload(id: string, context: RequestContext, limit = Infinity): Promise<AuditRow | undefined> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, id);
      if (Number.isFinite(limit)) {
        const { count } = await tx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string | number>().as('count'))
          .where('subject', '=', id)
          .where('kind', '=', 'document.downloaded')
          .executeTakeFirstOrThrow();
        if (Number(count) >= limit) return undefined;
      }
      return appendAudit(tx, { kind: 'document.downloaded', subject: id, actor: 'requester', data: { ip: context.ip } }, this.clock());
    });
  }

  /** How many times a request's document was downloaded. */
  async downloads(id: string): Promise<number> {
    const { count } = await this.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('subject', '=', id)
      .where('kind', '=', 'document.downloaded')
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Marks a single-use token as spent; false when it already was (on any instance). */
  async spendToken(nonce: string, purpose: string): Promise<boolean> {
    const result = await this.store.db
      .insertInto('spent_tokens')
      .values({ nonce, purpose, spent_at: this.clock().toISOString() })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Replaces a requester's personal data with placeholders; the request, its NDA record and the log remain. */
  private anonymise(select: (tx: Tx) => Promise<string[]>): Promise<number> {
    return this.store.transaction(async (tx) => {
      // The chain first: this transaction changes many rows, and must not wait for a row while holding the chain.
      await lockAuditChain(tx);
      const ids = await select(tx);
      const now = this.clock().toISOString();
      for (const id of ids) {
        await tx.db
          .updateTable('report_requests')
          .set({ name: 'anonymised', email: 'anonymised@invalid', company: 'anonymised', reason: '', ip: '', user_agent: '', anonymised_at: now })
          .where('id', '=', id)
          .execute();
        await tx.db.updateTable('nda_acceptances').set({ ip: '', user_agent: '' }).where('request_id', '=', id).execute();
        await appendAudit(tx, { kind: 'request.anonymised', subject: id, actor: 'system' }, this.clock());
      }
      return ids.length;
    });
  }

  anonymiseOlderThan(cutoff: string): Promise<number> {
    return this.anonymise(async (tx) =>
      (await tx.db.selectFrom('report_requests').select('id').where('anonymised_at', 'is', null).where('created_at', '<', cutoff).execute()).map((r) => r.id),
    );
  }

  eraseEmail(email: string): Promise<number> {
    return this.anonymise(async (tx) =>
      (
        await tx.db
          .selectFrom('report_requests')
          .select('id')
          .where('anonymised_at', 'is', null)
          .where(sql`lower(email)`, '=', email.toLowerCase())
          .execute()
      ).map((r) => r.id),
    );
  }

  log(range: { from?: string; to?: string } = {}): Promise<AuditRow[]> {
    return auditRows(this.store.tx, range);
  }

  /**
   * Who looked at what in [from, to): per company (domain) and document, the requests made, the
   * decisions, NDA acceptances and downloads, from the log, so anonymised requests still count.
   */
  async report(range: { from: string; to: string }): Promise<ReportLine[]> {
    const rows = await this.store.db
      .selectFrom('audit_log as a')
      .innerJoin('report_requests as r', 'r.id', 'a.subject')
      .select(['r.domain', 'r.document_id', 'a.kind', 'a.at'])
      .where('a.at', '>=', range.from)
      .where('a.at', '<', range.to)
      .orderBy('a.seq')
      .execute();
    const lines = new Map<string, ReportLine>();
    const counted: Record<string, keyof ReportLine> = {
      'request.created': 'requests',
      'request.approved': 'approved',
      'request.denied': 'denied',
      'request.refused': 'refused',
      'request.revoked': 'revoked',
      'nda.accepted': 'ndaAcceptances',
      'document.downloaded': 'downloads',
    };
    for (const row of rows) {
      const key = `${row.domain}\u0000${row.document_id}`;
      const line = lines.get(key) ?? {
        domain: row.domain,
        documentId: row.document_id,
        requests: 0,
        approved: 0,
        denied: 0,
        refused: 0,
        revoked: 0,
        ndaAcceptances: 0,
        downloads: 0,
        lastActivity: row.at,
      };
      const field = counted[row.kind];
      if (field) (line[field] as number)++;
      if (row.at > line.lastActivity) line.lastActivity = row.at;
      lines.set(key, line);
    }
    return [...lines.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.documentId.localeCompare(b.documentId));
  }

  private async require(tx: Tx, id: string): Promise<ReportRequest> {
    const request = await this.read(tx, id, true);
    if (!request) throw new RequestError(`no request with id ${id}`);
    return request;
  }
}
