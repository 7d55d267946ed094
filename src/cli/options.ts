import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parsePeriod, type Period } from '../lib/time/audit-period.ts';
import { ClockError, processClock } from '../lib/time/clock.ts';

/** The CLI's clock: CHARTER_NOW or SOURCE_DATE_EPOCH when set, else the time the command started. */
export const cliClock = (): Date => processClock().now;

/** The folder holding content/ and frameworks/: the one --root, declared on the top-level command. */
export const rootOf = (command: Command): string => resolve(command.optsWithGlobals<{ root: string }>().root);

export interface PeriodValues {
  period?: string;
  from?: string;
  to?: string;
}

/** Adds --period FROM..TO and the older --from and --to to a command that reads an audit period. */
export function periodOptions<C extends Command>(command: C, purpose: string): C {
  return command
    .option('--period <from..to>', `${purpose}, whole days, e.g. 2025-04-01..2026-03-31`)
    .option('--from <date>', 'with --to: the older way to give the period')
    .option('--to <date>', 'with --from: the older way to give the period');
}

/**
 * The audit period a command was given: `--period FROM..TO`, or the older `--from` and `--to`.
 * A missing or malformed period is a usage error (exit 2), like any ClockError.
 */
export function periodOption(values: PeriodValues, required: boolean): Period | undefined {
  if (values.period !== undefined) return parsePeriod(values.period);
  if (values.from !== undefined || values.to !== undefined) {
    if (values.from === undefined || values.to === undefined) throw new ClockError('--from and --to go together; or give --period FROM..TO');
    return parsePeriod(`${values.from}..${values.to}`, '--from/--to');
  }
  if (required) throw new ClockError('give the audit period: --period FROM..TO, e.g. --period 2025-04-01..2026-03-31');
  return undefined;
}

/** A TCP port number, for options such as --portal-port. */
export function portNumber(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new InvalidArgumentError('Expected a port number from 1 to 65535');
  return port;
}
