import { Option } from 'commander';
import { plural } from '../lib/words.ts';
import type { CharterCommand } from './command.ts';
import { cliClock, rootOf } from './options.ts';

/** The mail outbox: what is waiting, what went out, and sending what waits now. */
export function mailCommand(program: CharterCommand): void {
  const mail = program
    .command('mail')
    .description('the mail outbox: mail waits there until the SMTP server takes it')
    .addHelpText('after', '\nThe database is CHARTER_DATABASE_URL, else CHARTER_DB (default .charter/charter.db).');

  mail
    .command('status')
    .description('count waiting and sent mail, and list what waits with its last error')
    .addOption(new Option('--all', 'list sent mail too'))
    .action(async (options: { all?: boolean }, command: CharterCommand) => {
      const { openTrustRuntime } = await import('../server/runtime.ts');
      const runtime = await openTrustRuntime(rootOf(command), process.env, cliClock, { delivery: 'none' });
      try {
        const rows = await runtime.outbox.list();
        const waiting = rows.filter((r) => r.status === 'pending');
        console.log(`${plural(waiting.length, 'mail')} waiting, ${rows.length - waiting.length} sent`);
        for (const r of options.all ? rows : waiting) {
          const state = r.status === 'sent' ? `sent ${r.sentAt}` : `waiting, ${plural(r.attempts, 'attempt')}, next ${r.nextAttemptAt}`;
          console.log(
            `${r.id}  ${r.createdAt.slice(0, 16).replace('T', ' ')}  to ${r.to}: ${r.subject}  (${state})${r.lastError ? `\n    last error: ${r.lastError}` : ''}`,
          );
        }
        return 0;
      } finally {
        await runtime.close();
      }
    });

  mail
    .command('retry')
    .description('send waiting mail now instead of at its next attempt')
    .argument('[id]', 'only this mail, as mail status shows it')
    .action(async (id: string | undefined, _options: object, command: CharterCommand) => {
      const { openTrustRuntime } = await import('../server/runtime.ts');
      const runtime = await openTrustRuntime(rootOf(command), process.env, cliClock, { delivery: 'none' });
      try {
        const due = await runtime.outbox.retryNow(id);
        if (id && due === 0) {
          console.error(`no waiting mail with id ${id}; see charter mail status`);
          return 1;
        }
        const sent = await runtime.outbox.deliverDue();
        const left = (await runtime.outbox.list({ status: 'pending' })).length;
        console.log(`sent ${plural(sent, 'mail')}${left ? `; ${left} still waiting (see charter mail status)` : ''}`);
        return left && sent < due ? 1 : 0;
      } finally {
        await runtime.close();
      }
    });
}
