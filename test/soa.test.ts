import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { coverage } from '../src/lib/graph/coverage.ts';
import { statementOfApplicability } from '../src/lib/graph/soa.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const today = '2026-11-22';
let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

async function check() {
  const { graph, problems } = await checkContent(directorySource(fixture.root), { today });
  return { graph, errors: problems.filter((p) => p.severity === 'error').map(formatProblem) };
}

const ac01 = 'content/controls/AC-01.yaml';
const ac02 = 'content/controls/AC-02.yaml';

describe('implementation status of controls', () => {
  it('rejects a planned control without the date it is planned for, naming file and field', async () => {
    await fixture.edit(ac01, (text) => `${text}status: planned\n`);
    expect((await check()).errors).toEqual([
      expect.stringMatching(/^content\/controls\/AC-01\.yaml(:\d+)?: plannedFor: a control with status "planned" needs plannedFor/),
    ]);
  });

  it('rejects a status Charter does not know', async () => {
    await fixture.edit(ac01, (text) => `${text}status: done\n`);
    expect((await check()).errors).toEqual([expect.stringMatching(/^content\/controls\/AC-01\.yaml:\d+: status: .*implemented/)]);
  });

  it('gives each requirement the status of its controls and the date a planned one will operate', async () => {
    await fixture.edit(ac01, (text) => `${text}status: implemented\nrationale: Stolen passwords are the main way in.\n`);
    await fixture.edit(ac02, (text) => `${text}status: planned\nplannedFor: 2027-02-01\nrationale: Access drifts.\n`);
    const { graph, errors } = await check();
    expect(errors).toEqual([]);
    const rows = statementOfApplicability(graph.frameworks.get('soc2')!);
    expect(rows.map((r) => [r.requirement, r.implementation, r.plannedFor, r.inclusionJustification])).toEqual([
      ['CC6.1', 'implemented', undefined, 'Stolen passwords are the main way in.'],
      ['CC6.2', 'partially-implemented', undefined, 'Stolen passwords are the main way in. Access drifts.'],
      ['CC6.3', 'not-implemented', undefined, 'Applicable; no control implements it yet'],
      ['CC6.4', 'not-applicable', undefined, ''],
    ]);
    await fixture.edit(ac01, (text) => text.replace('mappings:\n  soc2:\n    - CC6.1\n    - CC6.2', 'mappings:\n  soc2:\n    - CC6.1'));
    const again = statementOfApplicability((await check()).graph.frameworks.get('soc2')!);
    expect(again[1]).toMatchObject({ implementation: 'planned', plannedFor: '2027-02-01' });
  });
});

describe('content/applicability.yaml', () => {
  it('rejects an exclusion without a justification, naming file and field', async () => {
    await fixture.write('content/applicability.yaml', 'exclusions:\n  - requirement: soc2:CC6.4\n    justification: ""\n');
    expect((await check()).errors).toEqual(['content/applicability.yaml:3: exclusions[0].justification: must not be empty']);
    await fixture.write('content/applicability.yaml', 'exclusions:\n  - requirement: soc2:CC6.4\n');
    expect((await check()).errors).toEqual([
      expect.stringMatching(/^content\/applicability\.yaml:\d+: exclusions\[0\]\.justification: is required but missing$/),
    ]);
  });

  it('takes an inclusion justification over the controls’ rationale, and gives the SoA a version, owner and approver', async () => {
    await fixture.write(
      'content/applicability.yaml',
      'version: 1.0.0\nowner: ana\napprover: ben\neffective: 2026-01-05\nexclusions:\n  - requirement: soc2:CC6.4\n    justification: No offices.\ninclusions:\n  - requirement: soc2:CC6.3\n    justification: Leavers keep access otherwise.\n',
    );
    const { graph, errors } = await check();
    expect(errors).toEqual([]);
    expect(graph.soa).toMatchObject({ version: '1.0.0', effective: '2026-01-05', owner: { name: 'Ana Silva' }, approver: { name: 'Ben Okoro' } });
    expect(statementOfApplicability(graph.frameworks.get('soc2')!)[2]!.inclusionJustification).toBe('Leavers keep access otherwise.');
  });

  it('rejects an inclusion of an unknown or excluded requirement and an unknown SoA owner', async () => {
    await fixture.write(
      'content/applicability.yaml',
      'owner: zoe\nexclusions:\n  - requirement: soc2:CC6.4\n    justification: No offices.\ninclusions:\n  - requirement: soc2:CC9.9\n    justification: x\n  - requirement: soc2:CC6.4\n    justification: y\n',
    );
    expect((await check()).errors).toEqual([
      expect.stringMatching(/^content\/applicability\.yaml:\d+: owner: unknown person "zoe"/),
      expect.stringMatching(/^content\/applicability\.yaml:\d+: inclusions\[0\]\.requirement: unknown requirement "soc2:CC9\.9"$/),
      expect.stringMatching(/^content\/applicability\.yaml:\d+: inclusions\[1\]\.requirement: "soc2:CC6\.4" is both excluded and included/),
    ]);
  });
});

describe('scope of a framework', () => {
  async function scoped(scope: string[]) {
    await fixture.edit(
      'frameworks/soc2.yaml',
      (text) =>
        text.replace('    title: Access\n', '    title: Access\n    category: security\n') +
        '  - id: P1\n    title: Privacy notice\n    category: privacy\n    requirements:\n      - id: P1.1\n        title: Notice\n        description: People are told.\n',
    );
    await fixture.edit('content/site.yaml', (text) => text.replace('label: SOC 2 Type II', `label: SOC 2 Type II\n    scope: [${scope.join(', ')}]`));
    return check();
  }

  it('counts only the criteria in the declared scope and the rest apart', async () => {
    const { graph, errors } = await scoped(['security']);
    expect(errors).toEqual([]);
    expect(coverage(graph.frameworks.get('soc2')!)).toEqual({
      total: 4,
      covered: 2,
      excluded: 1,
      uncovered: 1,
      ratio: 2 / 3,
      outOfScope: { total: 1, covered: 0, excluded: 0, uncovered: 1 },
    });
  });

  it('rejects a scope naming neither a category nor a group, naming file and field', async () => {
    const { errors } = await scoped(['security', 'privacyy']);
    expect(errors).toEqual([
      expect.stringMatching(
        /^content\/site\.yaml:\d+: frameworks\[0\]\.scope\[1\]: "privacyy" is neither a category nor a group of SOC 2; use one of: security, CC6, privacy, P1$/,
      ),
    ]);
  });
});
