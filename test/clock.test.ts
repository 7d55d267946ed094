import { describe, expect, it } from 'vitest';
import { parsePeriod, periodRange } from '../src/lib/time/audit-period.ts';
import { ClockError, parseInstant, resolveClock } from '../src/lib/time/clock.ts';
import { reviewState } from '../src/lib/policies/policy-review.ts';

const never = () => {
  throw new Error('the system clock was read although the date is pinned');
};

describe('the clock', () => {
  it("takes CHARTER_NOW first, then SOURCE_DATE_EPOCH, then the content's asOf, then the system clock", () => {
    const env = { CHARTER_NOW: '2027-01-15T10:30:00Z', SOURCE_DATE_EPOCH: '1700000000' };
    expect(resolveClock(env, '2026-11-22', never)).toEqual({ now: new Date('2027-01-15T10:30:00Z'), source: 'CHARTER_NOW' });
    expect(resolveClock({ SOURCE_DATE_EPOCH: '1700000000' }, '2026-11-22', never)).toEqual({
      now: new Date('2023-11-14T22:13:20Z'),
      source: 'SOURCE_DATE_EPOCH',
    });
    expect(resolveClock({}, '2026-11-22', never)).toEqual({ now: new Date('2026-11-22T23:59:59Z'), source: 'asOf' });
    const system = new Date('2031-05-05T05:05:05Z');
    expect(resolveClock({ CHARTER_NOW: '' }, undefined, () => system)).toEqual({ now: system, source: 'system' });
  });

  it('reads a bare date as the end of that day, so what happened on it is already past', () => {
    expect(parseInstant('2026-11-30', 'CHARTER_NOW').toISOString()).toBe('2026-11-30T23:59:59.000Z');
    expect(parseInstant('2026-11-30T08:00:00+02:00', 'CHARTER_NOW').toISOString()).toBe('2026-11-30T06:00:00.000Z');
  });

  it('refuses what is not a date, naming the variable', () => {
    for (const value of ['tomorrow', '2026-02-30', '2026-13-01', '30/11/2026', '2026-11-30T25:00:00Z', '2026-11-30T12:00:00']) {
      expect(() => resolveClock({ CHARTER_NOW: value }, undefined, never)).toThrow(
        new ClockError(`CHARTER_NOW: expected a date such as 2026-11-30 or a time such as 2026-11-30T12:00:00Z, got "${value}"`),
      );
    }
    expect(() => resolveClock({ SOURCE_DATE_EPOCH: '2026-11-30' }, undefined, never)).toThrow(
      'SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got "2026-11-30"',
    );
  });
});

describe('audit periods', () => {
  it('reads FROM..TO and covers every timestamp of its last day', () => {
    const period = parsePeriod('2025-04-01..2026-03-31');
    expect(period).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodRange(period)).toEqual({ from: '2025-04-01', to: '2026-04-01' });
    expect(parsePeriod('2026-11-22..2026-11-22')).toEqual({ from: '2026-11-22', to: '2026-11-22' });
  });

  it('refuses a malformed, reversed or overlong period, naming the option', () => {
    expect(() => parsePeriod('2025-04-01')).toThrow('--period: expected FROM..TO such as 2025-04-01..2026-03-31, got "2025-04-01"');
    expect(() => parsePeriod('2025-04-01..soon')).toThrow('--period: "soon" is not a date written as YYYY-MM-DD');
    expect(() => parsePeriod('2026-03-31..2025-04-01')).toThrow('--period: ends on 2025-04-01, before it starts on 2026-03-31');
    expect(() => parsePeriod('2023-01-01..2026-01-01')).toThrow('--period: is longer than 3 years (2023-01-01 to 2026-01-01)');
    expect(parsePeriod('2023-01-01..2025-12-31')).toEqual({ from: '2023-01-01', to: '2025-12-31' });
  });
});

describe("a policy's review state", () => {
  it('is overdue the day after the review date, and due soon within 60 days of it', () => {
    expect(reviewState('2026-11-22', '2026-11-22').status).toBe('due-soon');
    expect(reviewState('2026-11-22', '2026-11-23').status).toBe('overdue');
    expect(reviewState('2027-01-21', '2026-11-22').status).toBe('due-soon');
    expect(reviewState('2027-01-22', '2026-11-22').status).toBe('current');
  });
});
