import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { periodRange, periodText, type Period } from '../lib/time/audit-period.ts';
import { plural } from '../lib/words.ts';
import type { PortalRuntime } from '../server/runtime.ts';
import { reportAuditChain } from './audit-chain.ts';
import type { CharterCommand } from './command.ts';
import { cliClock, periodOption, periodOptions, rootOf, type PeriodValues } from './options.ts';

/** Runs one action against the portal's store, closing it afterwards. */
async function withStore(command: CharterCommand, work: (runtime: PortalRuntime) => Promise<void | number> | void | number): Promise<number> {
  // Loaded here, not above: the store (node:sqlite) and its services are needed by these commands only.
  const { openPortalRuntime } = await import('../server/runtime.ts');
  const runtime = await openPortalRuntime(rootOf(command), process.env, cliClock);
  try {
    return (await work(runtime)) ?? 0;
  } finally {
    await runtime.close();
  }
}

export function acksCommand(program: CharterCommand): void {
  const acks = program
    .command('acks')
    .description('policy acknowledgements')
    .addHelpText('after', '\nThe database is CHARTER_DB; the roster is CHARTER_ROSTER (default evidence-snapshots/roster.csv).');

  periodOptions(
    acks
      .command('export')
      .description('write acknowledgements-FROM-TO.csv and .json for an audit period')
      .option('--out <dir>', 'the folder to write them to', '.'),
    'the audit period',
  ).action((options: PeriodValues & { out: string }, command: CharterCommand) => {
    // The period is checked before the database is opened, so a typo creates nothing.
    const period: Period = periodOption(options, true)!;
    return withStore(command, async (runtime) => {
      const { toCsv } = await import('../lib/publish/csv.ts');
      const records = await runtime.store.all(periodRange(period));
      await mkdir(options.out, { recursive: true });
      const base = join(options.out, `acknowledgements-${period.from}-${period.to}`);
      await writeFile(
        `${base}.csv`,
        toCsv(
          ['person', 'policy', 'version', 'content_sha256', 'acknowledged_at'],
          records.map((r) => [r.person, r.policyId, r.version, r.contentHash, r.at]),
        ),
      );
      await writeFile(`${base}.json`, JSON.stringify({ from: period.from, to: period.to, count: records.length, acknowledgements: records }, null, 2) + '\n');
      console.log(`${plural(records.length, 'acknowledgement')} in ${periodText(period)}: ${base}.csv, ${base}.json`);
    });
  });

  acks
    .command('remind')
    .description('email each person with due or overdue policies one digest (once a day at most)')
    .action((_options: object, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        const { sent, skipped } = await runtime.acknowledgements.remind();
        console.log(`reminded ${plural(sent.length, 'person', 'people')}${skipped.length ? `; ${skipped.length} already reminded today` : ''}`);
      }),
    );

  acks
    .command('status')
    .description('coverage per policy: done, due, overdue')
    .action((_options: object, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        for (const { policy, people } of await runtime.acknowledgements.coverage()) {
          const count = (status: string) => people.filter((p) => p.status === status).length;
          console.log(`${policy.title} v${policy.version}: ${count('done')}/${people.length} done, ${count('due')} due, ${count('overdue')} overdue`);
        }
      }),
    );

  acks
    .command('verify')
    .description("check the audit log's hash chain, which records every acknowledgement")
    .action((_options: object, command: CharterCommand) => withStore(command, (runtime) => reportAuditChain(runtime.store.store.tx)));
}
