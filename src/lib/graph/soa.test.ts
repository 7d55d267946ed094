import { describe, expect, it } from 'vitest';
import { makeFixture } from '../../../test/fixture.ts';
import { checkContent } from '../content/check.ts';
import { toCsv } from '../publish/csv.ts';
import { controlMatrix, statementOfApplicability } from './soa.ts';
import { directorySource } from '../content/source.ts';

async function soc2() {
  const fixture = await makeFixture();
  try {
    const { graph } = await checkContent(directorySource(fixture.root), { today: '2026-11-22' });
    return graph.frameworks.get('soc2')!;
  } finally {
    await fixture.cleanup();
  }
}

describe('Statement of Applicability', () => {
  it('says for each requirement whether it applies, why, and what implements it', async () => {
    const rows = statementOfApplicability(await soc2());
    expect(rows.map((r) => [r.requirement, r.applicable, r.status, r.controls])).toEqual([
      ['CC6.1', true, 'covered', ['AC-01']],
      ['CC6.2', true, 'covered', ['AC-01', 'AC-02']],
      ['CC6.3', true, 'uncovered', []],
      ['CC6.4', false, 'excluded', []],
    ]);
    expect(rows[1]!.inclusionJustification).toBe('Applicable; no rationale stated for its controls');
    expect(rows[1]!.implementation).toBe('not-stated');
    expect(rows[1]!.policies).toEqual(['Access Control Policy']);
    expect(rows[3]).toMatchObject({ exclusionJustification: 'No offices.', inclusionJustification: '', implementation: 'not-applicable' });
  });
});

describe('control matrix', () => {
  it('has a row per criterion and control, and a row for each criterion without one', async () => {
    const rows = controlMatrix(await soc2());
    expect(rows.map((r) => [r.criterion, r.control ?? r.note])).toEqual([
      ['CC6.1', 'AC-01'],
      ['CC6.2', 'AC-01'],
      ['CC6.2', 'AC-02'],
      ['CC6.3', 'No control mapped'],
      ['CC6.4', 'Excluded: No offices.'],
    ]);
    expect(rows[2]).toMatchObject({ owner: 'Ana Silva', frequency: 'quarterly', evidence: ['Signed review'], policies: ['Access Control Policy'] });
  });
});

describe('CSV', () => {
  it('quotes separators, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', '=HYPERLINK("x")'],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak","\'=HYPERLINK(""x"")"\r\n');
  });
});
