import { ClockError, isCalendarDate } from './clock.ts';
import { addDays, addMonths } from './dates.ts';

/**
 * A fixed span of calendar days, both ends included: what a SOC 2 Type II report or an
 * ISO surveillance audit covers (e.g. 2025-04-01 to 2026-03-31), written FROM..TO.
 */
export interface Period {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
}

/** Auditors sample a year, at most a few; a longer span is almost always a typo in a year. */
export const MAX_PERIOD_YEARS = 3;

/** Why a period cannot be used, or undefined when it can; shared by the CLI and content/site.yaml. */
export function periodFault(period: Period): string | undefined {
  if (!isCalendarDate(period.from)) return `"${period.from}" is not a date written as YYYY-MM-DD`;
  if (!isCalendarDate(period.to)) return `"${period.to}" is not a date written as YYYY-MM-DD`;
  if (period.to < period.from) return `ends on ${period.to}, before it starts on ${period.from}`;
  if (period.to >= addMonths(period.from, MAX_PERIOD_YEARS * 12))
    return `is longer than ${MAX_PERIOD_YEARS} years (${period.from} to ${period.to}); split it into audit periods of a year or less`;
  return undefined;
}

/** Reads FROM..TO (e.g. 2025-04-01..2026-03-31); `name` is the option or field to blame. */
export function parsePeriod(text: string, name = '--period'): Period {
  const match = /^\s*(\S+?)\s*\.\.\s*(\S+?)\s*$/.exec(text);
  if (!match) throw new ClockError(`${name}: expected FROM..TO such as 2025-04-01..2026-03-31, got "${text}"`);
  const period = { from: match[1]!, to: match[2]! };
  const fault = periodFault(period);
  if (fault) throw new ClockError(`${name}: ${fault}`);
  return period;
}

/** The half-open range of timestamps a period covers, for stores that keep ISO times: [from, day after to). */
export function periodRange(period: Period): { from: string; to: string } {
  return { from: period.from, to: addDays(period.to, 1) };
}

/** "2025-04-01..2026-03-31": the form `--period` takes and file names use. */
export const periodText = (period: Period) => `${period.from}..${period.to}`;
