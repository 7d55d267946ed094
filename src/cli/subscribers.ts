import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openTrustRuntime } from '../server/runtime.ts';
import { cliClock } from './options.ts';

const usage = `charter subscribers: email subscribers of the trust center

  charter subscribers notify   mail each confirmed subscriber the updates and sub-processor
                               changes they have not had yet (run it after each publish)`;

export async function subscribersCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { root: { type: 'string', default: '.' } } });
  if (positionals[0] !== 'notify') {
    console.error(positionals[0] ? `unknown action "${positionals[0]}"\n\n${usage}` : usage);
    return 2;
  }
  const runtime = await openTrustRuntime(resolve(values.root!), process.env, cliClock);
  try {
    const { mailed, items } = await runtime.subscriptions.notify(await runtime.news());
    console.log(mailed ? `mailed ${mailed} subscriber${mailed === 1 ? '' : 's'} ${items} item${items === 1 ? '' : 's'} in all` : 'nothing new to send');
    return 0;
  } finally {
    runtime.close();
  }
}
