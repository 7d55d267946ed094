import { parsePeriod, type Period } from '../lib/audit-period.ts';
import { ClockError, processClock } from '../lib/clock.ts';

/** The CLI's clock: CHARTER_NOW or SOURCE_DATE_EPOCH when set, else the time the command started. */
export const cliClock = (): Date => processClock().now;

/**
 * The audit period a command was given: `--period FROM..TO`, or the older `--from` and `--to`.
 * A missing or malformed period is a usage error (exit 2), like any ClockError.
 */
export function periodOption(values: { period?: string; from?: string; to?: string }, required: boolean): Period | undefined {
  if (values.period !== undefined) return parsePeriod(values.period);
  if (values.from !== undefined || values.to !== undefined) {
    if (values.from === undefined || values.to === undefined) throw new ClockError('--from and --to go together; or give --period FROM..TO');
    return parsePeriod(`${values.from}..${values.to}`, '--from/--to');
  }
  if (required) throw new ClockError('give the audit period: --period FROM..TO, e.g. --period 2025-04-01..2026-03-31');
  return undefined;
}
