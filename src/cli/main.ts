import { readFileSync } from 'node:fs';
import { CommanderError, Help, Option, type Command } from 'commander';
import { ClockError, resolveClock } from '../lib/time/clock.ts';
import { acksCommand } from './acks.ts';
import { auditPackageCommand } from './audit-package.ts';
import { buildCommand } from './build.ts';
import { checkCommand } from './check.ts';
import { CharterCommand } from './command.ts';
import { diffCommand } from './diff.ts';
import { evidenceCommand } from './evidence.ts';
import { mailCommand } from './mail.ts';
import { oscalCommand } from './oscal.ts';
import { requestsCommand } from './requests.ts';
import { serveCommand } from './serve.ts';
import { subscribersCommand } from './subscribers.ts';

// The command tree is built on commander: the most used of the three we looked at, with no
// dependencies of its own, types included and an engine range (Node 22.12+) that matches ours.
// Nested subcommands inherit help, -h, error handling and global options from one place, and
// exitOverride lets us choose the exit codes. citty is still 0.x; clipanion's class per command
// would double the code for two dozen small commands.

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const help = new Help();

/** The whole `charter` command tree. */
export function charterProgram(): CharterCommand {
  const program = new CharterCommand('charter')
    .description('compliance content in git, published as a policy portal and a trust center')
    .version(version, '-v, --version', 'print the version')
    .addOption(new Option('--root <dir>', 'the folder holding content/ and frameworks/').default('.', 'the current folder'))
    .option('--debug', 'show the stack trace of an error (or set DEBUG=charter)')
    .helpOption('-h, --help', 'print the help of a command')
    .exitOverride()
    .showHelpAfterError()
    .showSuggestionAfterError()
    .configureHelp({
      showGlobalOptions: true,
      // A group is listed with its actions, so the top-level usage names every one of them.
      subcommandTerm: (command) => (command.commands.length ? `${command.name()} <action>` : help.subcommandTerm(command)),
      subcommandDescription: (command) =>
        command.commands.length ? `${command.description()}: ${command.commands.map((c) => c.name()).join(', ')}` : help.subcommandDescription(command),
    })
    .addHelpText(
      'after',
      `
Dates are judged as of CHARTER_NOW (2026-11-30 or 2026-11-30T12:00:00Z) when it is set, else
SOURCE_DATE_EPOCH, else asOf in content/site.yaml, else now.
Run charter <command> --help for a command's options.`,
    );
  for (const add of [
    checkCommand,
    buildCommand,
    serveCommand,
    diffCommand,
    requestsCommand,
    acksCommand,
    subscribersCommand,
    mailCommand,
    evidenceCommand,
    oscalCommand,
    auditPackageCommand,
  ])
    add(program);
  return program;
}

const debugging = (program: Command) => program.opts<{ debug?: boolean }>().debug === true || (process.env.DEBUG ?? '').split(/[\s,]+/).includes('charter');

/** Runs `charter` with these arguments and returns the exit status. */
export async function run(argv: string[]): Promise<number> {
  const program = charterProgram();
  let running: CharterCommand = program;
  program.hook('preAction', (_program, action) => {
    running = action as CharterCommand;
    // A bad CHARTER_NOW is refused before anything is read or built.
    resolveClock(process.env);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return program.status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version exit 0; a group run without a subcommand printed its usage as an error.
      if (error.code === 'commander.help' && error.exitCode !== 0) return 2;
      return error.exitCode;
    }
    if (error instanceof ClockError) {
      console.error(`${running.path()}: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? (debugging(program) ? error.stack : error.message) : String(error);
    console.error(`${running.path()}: ${message}`);
    return 1;
  }
}
