import { dayOf } from './dates.ts';

/**
 * "Now" is an input. Review dates, evidence freshness, audit periods, feed dates and
 * security.txt's expiry are all judged against one instant, so one commit built for one date
 * gives the same sites on any day, and tests say which day they mean.
 *
 * The instant comes from, in this order: `CHARTER_NOW` (a date or a UTC date-time),
 * `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention), `asOf` in
 * content/site.yaml (content frozen at a date, as the example is), else the system clock.
 */

export type ClockSource = 'CHARTER_NOW' | 'SOURCE_DATE_EPOCH' | 'asOf' | 'system';

export interface Clock {
  /** The instant dates are judged at. */
  now: Date;
  source: ClockSource;
}

/** A value of CHARTER_NOW, SOURCE_DATE_EPOCH, asOf or --period that is not a date; the message names it. */
export class ClockError extends Error {}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a YYYY-MM-DD string names a real calendar day (2026-02-30 does not). */
export function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return dateOnly.test(value) && Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Reads a date or a date-time with a zone. A date means the end of that day in UTC, so
 * everything that happened on it (a snapshot collected that morning) is already past.
 */
export function parseInstant(value: string, name: string): Date {
  const text = value.trim();
  if (isCalendarDate(text)) return new Date(`${text}T23:59:59Z`);
  const instant = dateTime.test(text) ? new Date(text) : undefined;
  if (instant && Number.isFinite(instant.getTime()) && isCalendarDate(text.slice(0, 10))) return instant;
  throw new ClockError(`${name}: expected a date such as 2026-11-30 or a time such as 2026-11-30T12:00:00Z, got "${value}"`);
}

/** The wall clock. Servers default to it: they record when requests and acknowledgements really happen. */
export const wallClock = (): Date => new Date();

type Environment = Record<string, string | undefined>;

/** The clock an environment and the content's `asOf` ask for; `system` is read only when nothing pins the date. */
export function resolveClock(env: Environment, asOf?: string, system: () => Date = wallClock): Clock {
  const pinned = env.CHARTER_NOW?.trim();
  if (pinned) return { now: parseInstant(pinned, 'CHARTER_NOW'), source: 'CHARTER_NOW' };
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d{1,12}$/.test(epoch)) throw new ClockError(`SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got "${epoch}"`);
    return { now: new Date(Number(epoch) * 1000), source: 'SOURCE_DATE_EPOCH' };
  }
  if (asOf) return { now: parseInstant(asOf, 'asOf in content/site.yaml'), source: 'asOf' };
  return { now: system(), source: 'system' };
}

// One reading per process: a build judges every page at the same instant.
let firstReading: Date | undefined;

/** This process's clock: the environment's pin, else the content's `asOf`, else the system time read once. */
export function processClock(asOf?: string): Clock {
  return resolveClock(process.env, asOf, () => (firstReading ??= wallClock()));
}

/** The day of a clock, YYYY-MM-DD in UTC. */
export function today(clock: Clock): string {
  return dayOf(clock.now);
}

/** The instant in the form snapshots and feeds record: UTC to the second, e.g. 2026-11-30T23:59:59Z. */
export function instantText(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}
