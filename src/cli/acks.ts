import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toCsv } from '../lib/csv.ts';
import { addDays } from '../lib/dates.ts';
import { openPortalRuntime } from '../server/runtime.ts';

const usage = `charter acks: policy acknowledgements

  charter acks export --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]
                       writes acknowledgements-FROM-TO.csv and .json (to DIR, default .)
  charter acks remind  emails each person with due or overdue policies one digest (once a day at most)
  charter acks status  coverage per policy: done, due, overdue

The database is CHARTER_DB; the roster is CHARTER_ROSTER (default evidence-snapshots/roster.csv).`;

export async function acksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { root: { type: 'string', default: '.' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', default: '.' } },
  });
  const [action] = positionals;
  if (!action || !['export', 'remind', 'status'].includes(action)) {
    console.error(action ? `unknown action "${action}"\n\n${usage}` : usage);
    return 2;
  }
  const runtime = await openPortalRuntime(resolve(values.root!));
  try {
    if (action === 'export') {
      if (!values.from || !values.to) throw new Error('give the audit period: --from YYYY-MM-DD --to YYYY-MM-DD');
      const records = runtime.store.all({ from: values.from, to: addDays(values.to, 1) });
      await mkdir(values.out!, { recursive: true });
      const base = join(values.out!, `acknowledgements-${values.from}-${values.to}`);
      await writeFile(`${base}.csv`, toCsv(['person', 'policy', 'version', 'content_sha256', 'acknowledged_at'], records.map((r) => [r.person, r.policyId, r.version, r.contentHash, r.at])));
      await writeFile(`${base}.json`, JSON.stringify({ from: values.from, to: values.to, count: records.length, acknowledgements: records }, null, 2) + '\n');
      console.log(`${records.length} acknowledgements from ${values.from} to ${values.to}: ${base}.csv, ${base}.json`);
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
