import type { Frequency } from '../schemas/common.ts';
import { addDays, addMonths, todayIso } from './dates.ts';

/**
 * How current a control's evidence is, and whether it was collected in every period of an
 * audit window. Both are judged against the control's frequency: a daily control needs
 * evidence every day, a quarterly one every quarter.
 */

const DAY = 86_400_000;

/** How old the latest evidence may be and still count as current, in days. */
export const freshnessDays: Record<Frequency, number> = {
  continuous: 1,
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  semiannual: 183,
  annual: 366,
};

/** Evidence between one and 1.5 periods old is due: the next collection should have happened by now. */
export const DUE_FACTOR = 1.5;

/** The periods an audit window is split into; months are calendar months from the window's start. */
export const periodLength: Record<Frequency, { days: number } | { months: number }> = {
  continuous: { days: 1 },
  daily: { days: 1 },
  weekly: { days: 7 },
  monthly: { months: 1 },
  quarterly: { months: 3 },
  semiannual: { months: 6 },
  annual: { months: 12 },
};

export type FreshnessStatus = 'fresh' | 'due' | 'stale' | 'missing';

export interface Freshness {
  status: FreshnessStatus;
  /** collectedAt of the latest snapshot, when there is one. */
  latest?: string;
  /** Whole days since the latest snapshot. */
  ageDays?: number;
  /** Until when the latest snapshot keeps the control fresh, then due, as UTC timestamps. */
  freshUntil?: string;
  staleFrom?: string;
}

/**
 * Fresh while the latest snapshot is at most one period old (the boundary counts as fresh),
 * due up to 1.5 periods, stale beyond; missing when the control has no snapshot at all.
 */
export function freshness(frequency: Frequency, collectedAt: readonly string[], asOf: string): Freshness {
  const latest = collectedAt.reduce<string | undefined>((max, t) => (max === undefined || Date.parse(t) > Date.parse(max) ? t : max), undefined);
  if (!latest) return { status: 'missing' };
  const period = freshnessDays[frequency] * DAY;
  const at = Date.parse(latest);
  const age = Date.parse(asOf) - at;
  const status: FreshnessStatus = age <= period ? 'fresh' : age <= period * DUE_FACTOR ? 'due' : 'stale';
  return {
    status,
    latest,
    ageDays: Math.max(0, Math.floor(age / DAY)),
    freshUntil: new Date(at + period).toISOString(),
    staleFrom: new Date(at + period * DUE_FACTOR).toISOString(),
  };
}

/** A span of calendar days, both ends included, e.g. the SOC 2 audit period. */
export interface AuditWindow {
  id: string;
  label: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
}

/** The windows the portal offers, each ending on `asOfDate`: Type II periods run 6 to 12 months. */
export function recentWindows(asOfDate: string): AuditWindow[] {
  return [
    { id: 'last-6-months', label: 'Last 6 months', months: 6 },
    { id: 'last-12-months', label: 'Last 12 months', months: 12 },
  ].map(({ id, label, months }) => ({ id, label, from: addDays(addMonths(asOfDate, -months), 1), to: asOfDate }));
}

/** `covered` has a snapshot; `gap` is over and has none; `open` has none yet but has not ended. */
export type PeriodStatus = 'covered' | 'gap' | 'open';

export interface EvidencePeriod {
  /** First day of the period, YYYY-MM-DD. */
  from: string;
  /** Last day of the period within the window, YYYY-MM-DD. */
  to: string;
  status: PeriodStatus;
  snapshots: number;
}

export interface Continuity {
  window: AuditWindow;
  frequency: Frequency;
  periods: EvidencePeriod[];
  covered: number;
  gaps: number;
  open: number;
  /** Runs of consecutive gap periods, for saying "no evidence from 3 to 23 August". */
  gapRuns: { from: string; to: string; periods: number }[];
}

const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * Splits the window into periods of the control's frequency, starting on its first day, and
 * counts the snapshots in each (a snapshot exactly on a boundary belongs to the later period).
 * A period without a snapshot is a gap once a whole period has passed since it began, both
 * within the window and by `asOf`; until then it is open. So the period in progress, and a
 * final period the window cuts short, are never called gaps for lack of time.
 */
export function continuity(frequency: Frequency, collectedAt: readonly string[], window: AuditWindow, asOf: string): Continuity {
  const windowEnd = midnight(addDays(window.to, 1));
  const settled = Math.min(windowEnd, Date.parse(asOf));
  const times = collectedAt.map((t) => Date.parse(t)).sort((a, b) => a - b);
  const periods: EvidencePeriod[] = [];
  // Calendar months are added to the window's start, not chained, so 31 January + 1 month stays at month ends.
  const length = periodLength[frequency];
  for (let index = 0; ; index++) {
    const from = 'days' in length ? addDays(window.from, index * length.days) : addMonths(window.from, index * length.months);
    const start = midnight(from);
    if (start >= windowEnd) break;
    const fullEnd = midnight('days' in length ? addDays(window.from, (index + 1) * length.days) : addMonths(window.from, (index + 1) * length.months));
    const end = Math.min(fullEnd, windowEnd);
    const snapshots = times.filter((t) => t >= start && t < end).length;
    const status: PeriodStatus = snapshots > 0 ? 'covered' : fullEnd <= settled ? 'gap' : 'open';
    periods.push({ from, to: todayIso(new Date(end - DAY)), status, snapshots });
  }
  const gapRuns: Continuity['gapRuns'] = [];
  periods.forEach((period, index) => {
    if (period.status !== 'gap') return;
    const last = gapRuns[gapRuns.length - 1];
    if (last && periods[index - 1]?.status === 'gap') {
      last.to = period.to;
      last.periods++;
    } else {
      gapRuns.push({ from: period.from, to: period.to, periods: 1 });
    }
  });
  return {
    window,
    frequency,
    periods,
    covered: periods.filter((p) => p.status === 'covered').length,
    gaps: periods.filter((p) => p.status === 'gap').length,
    open: periods.filter((p) => p.status === 'open').length,
    gapRuns,
  };
}
