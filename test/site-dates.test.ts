import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { makeFixture, type Fixture } from './fixture.ts';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

const errors = async () =>
  (await checkContent(directorySource(fixture.root), { today: '2026-11-22' })).problems.filter((p) => p.severity === 'error').map(formatProblem);

const withPeriod = (period: string) => (text: string) =>
  text.replace('label: SOC 2 Type II\n', `label: SOC 2 Type II\n    auditPeriods:\n      - name: Type II\n${period}`);

describe('dates in content/site.yaml', () => {
  it('accepts an audit period of a year', async () => {
    await fixture.edit('content/site.yaml', withPeriod('        start: 2025-04-01\n        end: 2026-03-31\n'));
    expect(await errors()).toEqual([]);
  });

  it('refuses an audit period that ends before it starts, or spans more than three years, at the end field', async () => {
    await fixture.edit('content/site.yaml', withPeriod('        start: 2026-04-01\n        end: 2025-03-31\n'));
    expect(await errors()).toEqual([
      expect.stringMatching(
        /^content\/site\.yaml:\d+: frameworks\[0\]\.auditPeriods\[0\]\.end: the audit period ends on 2025-03-31, before it starts on 2026-04-01$/,
      ),
    ]);
    await fixture.edit('content/site.yaml', (t) => t.replace('start: 2026-04-01', 'start: 2020-01-01'));
    expect(await errors()).toEqual([expect.stringContaining('auditPeriods[0].end: the audit period is longer than 3 years (2020-01-01 to 2025-03-31)')]);
  });

  it('refuses an asOf that is not a date', async () => {
    await fixture.edit('content/site.yaml', (t) => `asOf: 22/11/2026\n${t}`);
    expect(await errors()).toEqual([expect.stringMatching(/^content\/site\.yaml:1: asOf: /)]);
  });
});
