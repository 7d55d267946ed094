import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { EvidenceStore } from '../lib/evidence/collectors/types.ts';
import { AcknowledgementStore } from './acknowledgement-store.ts';
import { auditRows } from './audit-log.ts';
import { ReportRequestStore } from './report-requests.ts';

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
  const acknowledgements = new AcknowledgementStore(db);
  const requests = new ReportRequestStore(db);
  const reading = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new Error(`cannot read the store at ${path} (${(error as Error).message}); start the portal server once so it creates its tables`, {
        cause: error,
      });
    }
  };
  return {
    async acknowledgements(from, to) {
      return reading(() => acknowledgements.all({ from, to }));
    },
    async accessLog(from, to) {
      return reading(() =>
        auditRows(db, { from, to })
          .filter((row) => row.kind === 'document.downloaded')
          .map((row) => {
            const request = requests.get(row.subject);
            return {
              requestId: row.subject,
              requester: request?.email ?? 'unknown',
              company: request?.company,
              document: request?.documentId ?? 'unknown',
              accessedAt: row.at,
            };
          }),
      );
    },
    close: () => db.close(),
  };
}
