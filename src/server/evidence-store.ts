import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { EvidenceStore } from '../lib/collectors/types.ts';

/**
 * The portal's SQLite store, seen as evidence: acknowledgements and downloads of gated
 * documents in a span of time [from, to). Opened read-only, so collecting evidence can never
 * change the records it reports. Returns undefined when CHARTER_DB is not set, so collectors
 * that need the store can say so instead of reading an empty database.
 */
export function openEvidenceStore(env: NodeJS.ProcessEnv = process.env): (EvidenceStore & { close(): void }) | undefined {
  const path = env.CHARTER_DB;
  if (!path) return undefined;
  if (!existsSync(path)) throw new Error(`CHARTER_DB names ${path}, which does not exist; point it at the database the portal server writes to`);
  const db = new DatabaseSync(path, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 10000');
  const query = <T>(sql: string, ...params: string[]): T[] => {
    try {
      return db.prepare(sql).all(...params) as unknown as T[];
    } catch (error) {
      throw new Error(`cannot read the store at ${path} (${(error as Error).message}); start the portal server once so it creates its tables`);
    }
  };
  return {
    async acknowledgements(from, to) {
      return query<{ person: string; policy_id: string; version: string; content_hash: string; at: string }>(
        'SELECT person, policy_id, version, content_hash, at FROM acknowledgements WHERE at >= ? AND at < ? ORDER BY at, id', from, to,
      ).map((r) => ({ person: r.person, policy: r.policy_id, version: r.version, contentHash: r.content_hash, acknowledgedAt: r.at }));
    },
    async accessLog(from, to) {
      return query<{ subject: string; at: string; email: string | null; company: string | null; document_id: string | null }>(
        `SELECT audit_log.subject, audit_log.at, report_requests.email, report_requests.company, report_requests.document_id
           FROM audit_log LEFT JOIN report_requests ON report_requests.id = audit_log.subject
          WHERE audit_log.kind = 'document.downloaded' AND audit_log.at >= ? AND audit_log.at < ? ORDER BY audit_log.seq`, from, to,
      ).map((r) => ({ requestId: r.subject, requester: r.email ?? 'unknown', company: r.company ?? undefined, document: r.document_id ?? 'unknown', accessedAt: r.at }));
    },
    close: () => db.close(),
  };
}
