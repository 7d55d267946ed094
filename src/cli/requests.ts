import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { periodRange, periodText } from '../lib/audit-period.ts';
import { toCsv } from '../lib/csv.ts';
import { addDays, dayOf } from '../lib/dates.ts';
import type { RequestStatus } from '../server/report-requests.ts';
import { openTrustRuntime } from '../server/runtime.ts';
import { cliClock, periodOption } from './options.ts';

const usage = `charter requests: gated document requests

  charter requests list [--status pending|approved|denied|refused|revoked|awaiting-nda]
  charter requests approve ID [--reason TEXT]
  charter requests deny ID [--reason TEXT]
  charter requests revoke ID
  charter requests export --period FROM..TO [--format csv|json] [--out FILE]
                                               the access log for whole days, e.g. 2025-04-01..2026-03-31
  charter requests erase --email ADDRESS       anonymise one person's requests (erasure request)
  charter requests anonymise                   anonymise requests older than the retention period

The database is CHARTER_DB (default .charter/charter.db).`;

const actor = () => `cli:${userInfo().username}`;

export async function requestsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: 'string', default: '.' },
      status: { type: 'string' },
      reason: { type: 'string' },
      period: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const [action, id] = positionals;
  if (!action) {
    console.log(usage);
    return 2;
  }
  const period = periodOption(values, action === 'export');
  const runtime = await openTrustRuntime(resolve(values.root!), process.env, cliClock);
  try {
    switch (action) {
      case 'list': {
        const requests = runtime.store.list({ status: values.status as RequestStatus | undefined });
        if (requests.length === 0) console.log('No requests.');
        for (const r of requests) {
          console.log(`${r.id}  ${r.status.padEnd(12)} ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.documentId}  ${r.name} <${r.email}>, ${r.company}${r.expiresAt && r.status === 'approved' ? `  until ${r.expiresAt.slice(0, 10)}` : ''}`);
        }
        return 0;
      }
      case 'approve':
      case 'deny': {
        if (!id) throw new Error(`give the request id: charter requests ${action} ID`);
        const request = await runtime.service.decide(id, action, actor(), values.reason);
        console.log(`${request.id} is ${request.status}${request.expiresAt ? ` until ${request.expiresAt.slice(0, 10)}; the requester was emailed a download link` : ''}`);
        return 0;
      }
      case 'revoke': {
        if (!id) throw new Error('give the request id: charter requests revoke ID');
        const request = runtime.store.revoke(id, actor());
        console.log(`${request.id} is revoked; its download link no longer works`);
        return 0;
      }
      case 'export': {
        const rows = runtime.store.log(periodRange(period!));
        const output = values.format === 'json'
          ? JSON.stringify(rows, null, 2) + '\n'
          : toCsv(['seq', 'at', 'kind', 'subject', 'actor', 'data', 'prev_hash', 'hash'], rows.map((r) => [r.seq, r.at, r.kind, r.subject, r.actor, JSON.stringify(r.data), r.prevHash, r.hash]));
        if (values.out) {
          await writeFile(values.out, output);
          console.error(`${rows.length} log rows in ${periodText(period!)} written to ${values.out}`);
        } else {
          process.stdout.write(output);
        }
        return 0;
      }
      case 'erase': {
        if (!values.email) throw new Error('give the address: charter requests erase --email ADDRESS');
        const count = runtime.store.eraseEmail(values.email);
        console.log(count ? `anonymised ${count} request${count === 1 ? '' : 's'} from ${values.email}; the access log keeps the anonymised record` : `no requests from ${values.email}`);
        return 0;
      }
      case 'anonymise': {
        const days = runtime.service.retentionDays;
        const count = runtime.store.anonymiseOlderThan(addDays(dayOf(cliClock()), -days));
        console.log(`anonymised ${count} request${count === 1 ? '' : 's'} older than ${days} days`);
        return 0;
      }
      default:
        console.error(`unknown action "${action}"\n\n${usage}`);
        return 2;
    }
  } finally {
    runtime.close();
  }
}
