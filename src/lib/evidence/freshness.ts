import type { Frequency } from '../../schemas/common.ts';
import { addDays, addMonths, dayOf } from '../time/dates.ts';

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

/** A span of calendar days, both ends included, over which continuity is shown. */
export interface AuditWindow {
  id: string;
  label: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
  /**
   * A `rolling` window ends on the report's day and slots months by the calendar year
   * (quarters begin in January, April, July and October). A `declared` audit period slots
   * them from its own first month, so a 12-month period holds exactly one annual slot.
   */
  kind: 'rolling' | 'declared';
}

/** The windows the portal always offers, each ending on `asOfDate`: Type II periods run 6 to 12 months. */
export function recentWindows(asOfDate: string): AuditWindow[] {
  return [
    { id: 'last-6-months', label: 'Last 6 months', months: 6 },
    { id: 'last-12-months', label: 'Last 12 months', months: 12 },
  ].map(({ id, label, months }) => ({ id, label, from: addDays(addMonths(asOfDate, -months), 1), to: asOfDate, kind: 'rolling' }));
}

/** The audit periods content/site.yaml declares per framework, as windows the portal offers beside the rolling ones. */
export function declaredWindows(
  frameworks: readonly { framework: string; auditPeriods?: readonly { name: string; start: string; end: string }[] }[],
): AuditWindow[] {
  return frameworks.flatMap(({ framework, auditPeriods = [] }) =>
    auditPeriods.map((period) => ({
      id: `${framework}-${period.start}-to-${period.end}`,
      label: period.name,
      from: period.start,
      to: period.end,
      kind: 'declared' as const,
    })),
  );
}

/** `covered` has a snapshot; `gap` is over and has none; `open` has none yet but has not ended. */
export type PeriodStatus = 'covered' | 'gap' | 'open';

export interface EvidencePeriod {
  /** First day of the slot within the window, YYYY-MM-DD. */
  from: string;
  /** Last day of the slot within the window, YYYY-MM-DD. */
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
/** YYYY-MM-DD of a UTC midnight; every control walks the same windows, so the texts are kept. */
const dayTexts = new Map<number, string>();
const dayText = (instant: number) => {
  let text = dayTexts.get(instant);
  if (text === undefined) dayTexts.set(instant, (text = dayOf(new Date(instant))));
  return text;
};

const monthsPerSlot: Partial<Record<Frequency, number>> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };

/**
 * The calendar slot of a frequency that holds `day`: a day, an ISO week (Monday to Sunday),
 * or a run of months counted from `anchorMonth` (0 = January). `next` is the first day after it.
 */
export function calendarSlot(frequency: Frequency, day: string, anchorMonth = 0): { start: string; next: string } {
  const months = monthsPerSlot[frequency];
  if (months === undefined) {
    const length = frequency === 'weekly' ? 7 : 1;
    const start = length === 7 ? addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7)) : day;
    return { start, next: addDays(start, length) };
  }
  const [year, month] = day.split('-').map(Number) as [number, number];
  const index = year * 12 + month - 1;
  const first = index - ((((index - anchorMonth) % months) + months) % months);
  const start = `${String(Math.floor(first / 12)).padStart(4, '0')}-${String((first % 12) + 1).padStart(2, '0')}-01`;
  return { start, next: addMonths(start, months) };
}

/**
 * Splits the window into the calendar slots of the control's frequency and counts the
 * snapshots in each. A slot the window cuts short still counts the snapshots of its whole
 * calendar span: June's evidence, collected on 1 June, covers a window that starts on 2 June.
 * A slot without a snapshot is a gap once it has ended, both within the window and by
 * `asOf`; until then it is open, so the slot in progress is never a gap for lack of time.
 */
export function continuity(frequency: Frequency, collectedAt: readonly string[], window: AuditWindow, asOf: string): Continuity {
  const settled = Math.min(midnight(addDays(window.to, 1)), Date.parse(asOf));
  const times = collectedAt.map((t) => Date.parse(t)).sort((a, b) => a - b);
  const anchorMonth = window.kind === 'declared' ? Number(window.from.slice(5, 7)) - 1 : 0;
  // Slots are walked as instants, not date strings: a daily control has a slot per day of a
  // window that can span years, for every control on every build.
  const months = monthsPerSlot[frequency];
  const days = frequency === 'weekly' ? 7 : 1;
  const following = (start: number) => (months === undefined ? start + days * DAY : midnight(addMonths(dayText(start), months)));
  const first = midnight(window.from);
  const lastDay = midnight(window.to);
  const periods: EvidencePeriod[] = [];
  let next = 0;
  for (let start = midnight(calendarSlot(frequency, window.from, anchorMonth).start); start <= lastDay;) {
    const end = following(start);
    // Slots follow each other and the times are sorted: each time is looked at once.
    while (next < times.length && times[next]! < start) next++;
    let snapshots = 0;
    while (next < times.length && times[next]! < end) {
      snapshots++;
      next++;
    }
    const status: PeriodStatus = snapshots > 0 ? 'covered' : end <= settled ? 'gap' : 'open';
    periods.push({ from: start < first ? window.from : dayText(start), to: end - DAY < lastDay ? dayText(end - DAY) : window.to, status, snapshots });
    start = end;
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
