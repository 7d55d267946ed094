import { plural } from '../lib/words.ts';
import type { Tx } from '../server/store/database.ts';

/** Prints whether the audit log's hash chain is intact, for `acks verify` and `requests verify`; 1 when it is broken. */
export async function reportAuditChain(tx: Tx): Promise<number> {
  // Loaded here: the store and its services are needed by the commands that open it only.
  const { verifyAuditChain } = await import('../server/audit-log.ts');
  const check = await verifyAuditChain(tx);
  if (!check.ok) {
    console.error(`the audit log is broken at row ${check.seq}: ${check.reason}`);
    return 1;
  }
  console.log(`the audit log's chain is intact: ${plural(check.rows, 'row')}`);
  return 0;
}
