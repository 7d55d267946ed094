import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { Option } from 'commander';
import { periodRange, periodText, type Period } from '../lib/time/audit-period.ts';
import { addDays, dayOf } from '../lib/time/dates.ts';
import { plural } from '../lib/words.ts';
import type { RequestStatus } from '../server/report-requests.ts';
import type { TrustRuntime } from '../server/runtime.ts';
import { reportAuditChain } from './audit-chain.ts';
import type { CharterCommand } from './command.ts';
import { cliClock, periodOption, periodOptions, rootOf, type PeriodValues } from './options.ts';

const statuses = ['pending', 'approved', 'denied', 'refused', 'revoked', 'awaiting-nda'] as const satisfies readonly RequestStatus[];

const actor = () => `cli:${userInfo().username}`;

/** Runs one action against the trust center's store, closing it afterwards. */
async function withStore(command: CharterCommand, work: (runtime: TrustRuntime) => Promise<void | number> | void | number): Promise<number> {
  // Loaded here, not above: the store (node:sqlite) and its services are needed by these commands only.
  const { openTrustRuntime } = await import('../server/runtime.ts');
  const runtime = await openTrustRuntime(rootOf(command), process.env, cliClock);
  try {
    return (await work(runtime)) ?? 0;
  } finally {
    await runtime.close();
  }
}

export function requestsCommand(program: CharterCommand): void {
  const requests = program
    .command('requests')
    .description('gated document requests and their access log')
    .addHelpText('after', '\nThe database is CHARTER_DB (default .charter/charter.db).');

  requests
    .command('list')
    .description('list the requests, newest first')
    .addOption(new Option('--status <status>', 'only requests in this state').choices(statuses))
    .action((options: { status?: RequestStatus }, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        const found = await runtime.store.list({ status: options.status });
        if (found.length === 0) console.log('No requests.');
        for (const r of found) {
          console.log(
            `${r.id}  ${r.status.padEnd(12)} ${r.createdAt.slice(0, 16).replace('T', ' ')}  ${r.documentId}  ${r.name} <${r.email}>, ${r.company}${r.expiresAt && r.status === 'approved' ? `  until ${r.expiresAt.slice(0, 10)}` : ''}`,
          );
        }
      }),
    );

  for (const decision of ['approve', 'deny'] as const) {
    requests
      .command(decision)
      .description(decision === 'approve' ? 'approve a request: the requester is emailed a download link' : 'deny a request')
      .argument('<id>', 'the request id, as requests list shows it')
      .option('--reason <text>', 'why, for the access log')
      .action((id: string, options: { reason?: string }, command: CharterCommand) =>
        withStore(command, async (runtime) => {
          const request = await runtime.service.decide(id, decision, actor(), options.reason);
          console.log(
            `${request.id} is ${request.status}${request.expiresAt ? ` until ${request.expiresAt.slice(0, 10)}; the requester's download link is in the mail outbox` : ''}`,
          );
        }),
      );
  }

  requests
    .command('revoke')
    .description('revoke an approved request: its download link stops working')
    .argument('<id>', 'the request id, as requests list shows it')
    .action((id: string, _options: object, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        const request = await runtime.store.revoke(id, actor());
        console.log(`${request.id} is revoked; its download link no longer works`);
      }),
    );

  periodOptions(
    requests
      .command('export')
      .description('the access log for an audit period, as CSV or JSON')
      .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
      .option('--out <file>', 'write to this file instead of printing'),
    'the audit period',
  ).action((options: PeriodValues & { format: 'csv' | 'json'; out?: string }, command: CharterCommand) => {
    // The period is checked before the database is opened, so a typo creates nothing.
    const period: Period = periodOption(options, true)!;
    return withStore(command, async (runtime) => {
      const { toCsv } = await import('../lib/publish/csv.ts');
      const rows = await runtime.store.log(periodRange(period));
      const output =
        options.format === 'json'
          ? JSON.stringify(rows, null, 2) + '\n'
          : toCsv(
              ['seq', 'at', 'kind', 'subject', 'actor', 'data', 'prev_hash', 'hash'],
              rows.map((r) => [r.seq, r.at, r.kind, r.subject, r.actor, JSON.stringify(r.data), r.prevHash, r.hash]),
            );
      if (options.out) {
        await writeFile(options.out, output);
        console.error(`${plural(rows.length, 'log row')} in ${periodText(period)} written to ${options.out}`);
      } else {
        process.stdout.write(output);
      }
    });
  });

  requests
    .command('erase')
    .description("anonymise one person's requests (an erasure request); the access log keeps the anonymised record")
    .requiredOption('--email <address>', "the requester's email address")
    .action((options: { email: string }, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        const count = await runtime.store.eraseEmail(options.email);
        console.log(
          count
            ? `anonymised ${plural(count, 'request')} from ${options.email}; the access log keeps the anonymised record`
            : `no requests from ${options.email}`,
        );
      }),
    );

  requests
    .command('anonymise')
    .description('anonymise requests older than the retention period')
    .action((_options: object, command: CharterCommand) =>
      withStore(command, async (runtime) => {
        const days = runtime.service.retentionDays;
        const count = await runtime.store.anonymiseOlderThan(addDays(dayOf(cliClock()), -days));
        console.log(`anonymised ${plural(count, 'request')} older than ${days} days`);
      }),
    );

  requests
    .command('verify')
    .description("check the audit log's hash chain: every row present, linked to the one before, and unchanged")
    .action((_options: object, command: CharterCommand) => withStore(command, (runtime) => reportAuditChain(runtime.store.store.tx)));

  periodOptions(
    requests
      .command('report')
      .description('who looked at what: per company (email domain) and document, requests, decisions, NDA acceptances and downloads')
      .addOption(new Option('--format <format>', 'table, csv or json').choices(['table', 'csv', 'json']).default('table'))
      .option('--out <file>', 'write to this file instead of printing'),
    'the period to report on',
  ).action((options: PeriodValues & { format: 'table' | 'csv' | 'json'; out?: string }, command: CharterCommand) => {
    const period: Period = periodOption(options, true)!;
    return withStore(command, async (runtime) => {
      const lines = await runtime.store.report(periodRange(period));
      const columns = ['domain', 'document', 'requests', 'approved', 'denied', 'refused', 'revoked', 'nda_acceptances', 'downloads', 'last_activity'];
      const cells = lines.map((l) => [
        l.domain,
        l.documentId,
        l.requests,
        l.approved,
        l.denied,
        l.refused,
        l.revoked,
        l.ndaAcceptances,
        l.downloads,
        l.lastActivity,
      ]);
      let output: string;
      if (options.format === 'json') output = JSON.stringify({ from: period.from, to: period.to, lines }, null, 2) + '\n';
      else if (options.format === 'csv') output = (await import('../lib/publish/csv.ts')).toCsv(columns, cells);
      else if (lines.length === 0) output = `No request activity in ${periodText(period)}.\n`;
      else {
        const rows = [columns, ...cells.map((c) => c.map(String))];
        const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        output =
          rows
            .map((r) =>
              r
                .map((cell, i) => cell.padEnd(widths[i]!))
                .join('  ')
                .trimEnd(),
            )
            .join('\n') + '\n';
      }
      if (options.out) {
        await writeFile(options.out, output);
        console.error(`${plural(lines.length, 'line')} for ${periodText(period)} written to ${options.out}`);
      } else {
        process.stdout.write(output);
      }
    });
  });
}
