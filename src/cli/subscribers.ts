import { plural } from '../lib/words.ts';
import type { CharterCommand } from './command.ts';
import { cliClock, rootOf } from './options.ts';

export function subscribersCommand(program: CharterCommand): void {
  program
    .command('subscribers')
    .description('email news to trust-center subscribers')
    .command('notify')
    .description('mail each confirmed subscriber the updates and sub-processor changes they have not had yet (run it after each publish)')
    .action(async (_options: object, command: CharterCommand) => {
      const { openTrustRuntime } = await import('../server/runtime.ts');
      const runtime = await openTrustRuntime(rootOf(command), process.env, cliClock);
      try {
        const { mailed, items } = await runtime.subscriptions.notify(await runtime.news());
        console.log(mailed ? `mailed ${plural(mailed, 'subscriber')} ${plural(items, 'item')} in all` : 'nothing new to send');
        return 0;
      } finally {
        await runtime.close();
      }
    });
}
