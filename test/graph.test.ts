import { describe, expect, it } from 'vitest';
import { coverage, requirementStatus } from '../src/lib/graph/coverage.ts';
import { addMonths } from '../src/lib/time/dates.ts';
import { nextReviewDate } from '../src/lib/policies/policy-review.ts';
import { checkContent } from '../src/lib/content/check.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { makeFixture } from './fixture.ts';

async function fixtureGraph() {
  const fixture = await makeFixture();
  try {
    return (await checkContent(directorySource(fixture.root), { today: '2026-11-22' })).graph;
  } finally {
    await fixture.cleanup();
  }
}

describe('the compliance graph', () => {
  it('resolves references in both directions under namespaced ids', async () => {
    const graph = await fixtureGraph();
    const policy = graph.policies.get('policy:access-control')!;
    expect(policy.controls.map((c) => c.id)).toEqual(['control:AC-01', 'control:AC-02']);
    const review = graph.controls.get('control:AC-02')!;
    expect(review.policies.map((p) => p.id)).toEqual(['policy:access-control']);
    expect(review.runbooks.map((r) => r.id)).toEqual(['runbook:access-review']);
    expect(graph.requirements.get('soc2:CC6.2')!.controls.map((c) => c.code)).toEqual(['AC-01', 'AC-02']);
    expect(policy.owner?.name).toBe('Ana Silva');
  });

  it('computes coverage from mappings and exclusions', async () => {
    const graph = await fixtureGraph();
    const soc2 = graph.frameworks.get('soc2')!;
    // CC6.1 and CC6.2 are mapped, CC6.3 is a gap, CC6.4 is excluded: 2 of 3 applicable.
    expect(coverage(soc2)).toEqual({
      total: 4,
      covered: 2,
      excluded: 1,
      uncovered: 1,
      ratio: 2 / 3,
      outOfScope: { total: 0, covered: 0, excluded: 0, uncovered: 0 },
    });
    expect(soc2.requirements.map(requirementStatus)).toEqual(['covered', 'covered', 'uncovered', 'excluded']);
    expect(graph.requirements.get('soc2:CC6.4')!.exclusion).toBe('No offices.');
  });
});

describe('review dates', () => {
  it('are one cycle after the later of effective and last reviewed', () => {
    expect(nextReviewDate({ effective: '2026-03-01', reviewCycle: 'annual' })).toBe('2027-03-01');
    expect(nextReviewDate({ effective: '2025-01-10', lastReviewed: '2026-02-01', reviewCycle: 'semiannual' })).toBe('2026-08-01');
    expect(nextReviewDate({ effective: '2026-05-01', lastReviewed: '2026-01-01', reviewCycle: 'quarterly' })).toBe('2026-08-01');
  });

  it('clamp to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
