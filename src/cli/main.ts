import { ClockError, resolveClock } from '../lib/clock.ts';
import { checkCommand } from './check.ts';

const usage = `charter: compliance content in git, published as a policy portal and a trust center

Usage:
  charter check [--root DIR]          validate content and cross-references
  charter build [--root DIR] [--out DIR] [--target portal|trust]
                                      check, then build dist/portal and dist/trust
  charter serve [--out DIR]           serve the built sites on 127.0.0.1
  charter diff --base REF [--root DIR] [--format markdown|json]
                                      review summary of the content changes since REF

  charter requests list|approve|deny|revoke|export|erase
                                      gated document requests (run without arguments for help)
  charter acks export|remind|status   policy acknowledgements (run without arguments for help)
  charter subscribers notify          mail trust-center news to confirmed subscribers
  charter evidence verify|collect|import|status|schema
                                      evidence snapshots (run without arguments for help)

--root is the folder holding content/ and frameworks/ (default: the current folder).
Dates are judged as of CHARTER_NOW (2026-11-30 or 2026-11-30T12:00:00Z) when it is set, else
SOURCE_DATE_EPOCH, else asOf in content/site.yaml, else now.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  check: checkCommand,
  build: async (args) => (await import('./build.ts')).buildCommand(args),
  serve: async (args) => (await import('./serve.ts')).serveCommand(args),
  diff: async (args) => (await import('./diff.ts')).diffCommand(args),
  requests: async (args) => (await import('./requests.ts')).requestsCommand(args),
  acks: async (args) => (await import('./acks.ts')).acksCommand(args),
  subscribers: async (args) => (await import('./subscribers.ts')).subscribersCommand(args),
  evidence: async (args) => (await import('./evidence.ts')).evidenceCommand(args),
};

export async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`charter: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    // A bad CHARTER_NOW is refused before anything is read or built.
    resolveClock(process.env);
    return await command(rest);
  } catch (error) {
    if (error instanceof ClockError) {
      console.error(`charter ${name}: ${error.message}`);
      return 2;
    }
    console.error(`charter ${name}: ${(error as Error).message}`);
    return 1;
  }
}

