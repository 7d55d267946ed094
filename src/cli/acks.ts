import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { periodRange, periodText } from '../lib/audit-period.ts';
import { toCsv } from '../lib/csv.ts';
import { openPortalRuntime } from '../server/runtime.ts';
import { cliClock, periodOption } from './options.ts';

const usage = `charter acks: policy acknowledgements

  charter acks export --period FROM..TO [--out DIR]
                       writes acknowledgements-FROM-TO.csv and .json (to DIR, default .);
                       the period is whole days, e.g. --period 2025-04-01..2026-03-31
  charter acks remind  emails each person with due or overdue policies one digest (once a day at most)
  charter acks status  coverage per policy: done, due, overdue

The database is CHARTER_DB; the roster is CHARTER_ROSTER (default evidence-snapshots/roster.csv).`;

export async function acksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string', default: '.' }, period: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', default: '.' } },
  });
  const [action] = positionals;
  if (!action || !['export', 'remind', 'status'].includes(action)) {
    console.error(action ? `unknown action "${action}"\n\n${usage}` : usage);
    return 2;
  }
  const period = periodOption(values, action === 'export');
  const runtime = await openPortalRuntime(resolve(values.root!), process.env, cliClock);
  try {
    if (action === 'export' && period) {
      const records = runtime.store.all(periodRange(period));
      await mkdir(values.out!, { recursive: true });
      const base = join(values.out!, `acknowledgements-${period.from}-${period.to}`);
      await writeFile(`${base}.csv`, toCsv(['person', 'policy', 'version', 'content_sha256', 'acknowledged_at'], records.map((r) => [r.person, r.policyId, r.version, r.contentHash, r.at])));
      await writeFile(`${base}.json`, JSON.stringify({ from: period.from, to: period.to, count: records.length, acknowledgements: records }, null, 2) + '\n');
      console.log(`${records.length} acknowledgements in ${periodText(period)}: ${base}.csv, ${base}.json`);
      return 0;
    }
    if (action === 'remind') {
      const { sent, skipped } = await runtime.acknowledgements.remind();
      console.log(`reminded ${sent.length} ${sent.length === 1 ? 'person' : 'people'}${skipped.length ? `; ${skipped.length} already reminded today` : ''}`);
      return 0;
    }
    for (const { policy, people } of runtime.acknowledgements.coverage()) {
      const count = (status: string) => people.filter((p) => p.status === status).length;
      console.log(`${policy.title} v${policy.version}: ${count('done')}/${people.length} done, ${count('due')} due, ${count('overdue')} overdue`);
    }
    return 0;
  } finally {
    runtime.close();
  }
}
