import { existsSync } from 'node:fs';
import type { EvidenceStore } from '../lib/evidence/collectors/types.ts';
import { AcknowledgementStore } from './acknowledgement-store.ts';
import { auditRows } from './audit-log.ts';
import { ReportRequestStore } from './report-requests.ts';
import { openStore, type Store } from './store/database.ts';

/**
 * The portal's SQLite store, seen as evidence: acknowledgements and downloads of gated
 * documents in a span of time [from, to). Opened read-only, so collecting evidence can never
 * change the records it reports. Returns undefined when CHARTER_DB is not set, so collectors
 * that need the store can say so instead of reading an empty database.
 */
export function openEvidenceStore(env: NodeJS.ProcessEnv = process.env): (EvidenceStore & { close(): void }) | undefined {
  const url = env.CHARTER_DATABASE_URL || undefined;
  const path = env.CHARTER_DB;
  if (!path && !url) return undefined;
  if (!url && path && !existsSync(path))
    throw new Error(`CHARTER_DB names ${path}, which does not exist; point it at the database the portal server writes to`);
  const where = url ? 'CHARTER_DATABASE_URL' : path!;
  let opened: Promise<Store> | undefined;
  const reading = async <T>(read: (store: Store) => Promise<T>): Promise<T> => {
    try {
      return await read(await (opened ??= openStore({ url, path: path ?? '' }, { readOnly: true })));
    } catch (error) {
      throw new Error(`cannot read the store at ${where} (${(error as Error).message}); start the portal server once so it creates its tables`, {
        cause: error,
      });
    }
  };
  return {
    acknowledgements: (from, to) => reading((store) => new AcknowledgementStore(store).all({ from, to })),
    accessLog: (from, to) =>
      reading(async (store) => {
        const requests = new ReportRequestStore(store);
        const rows = await auditRows(store.tx, { from, to, kind: 'document.downloaded' });
        return Promise.all(
          rows.map(async (row) => {
            const request = await requests.get(row.subject);
            return {
              requestId: row.subject,
              requester: request?.email ?? 'unknown',
              company: request?.company,
              document: request?.documentId ?? 'unknown',
              accessedAt: row.at,
            };
          }),
        );
      }),
    close: () => void opened?.then((store) => store.close()),
  };
}
