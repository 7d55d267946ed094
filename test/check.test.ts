import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check.ts';
import { appendSnapshot } from '../src/lib/evidence/collect.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { makeFixture, mdx, type Fixture } from './fixture.ts';

const today = '2026-11-22';
let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

async function report() {
  const { problems } = await checkContent(directorySource(fixture.root), { today });
  return {
    errors: problems.filter((p) => p.severity === 'error').map(formatProblem),
    warnings: problems.filter((p) => p.severity === 'warning').map(formatProblem),
  };
}

const policy = 'content/policies/access-control.mdx';

describe('charter check', () => {
  it('accepts valid content without errors', async () => {
    expect((await report()).errors).toEqual([]);
  });

  it("names the file, line and field of a frontmatter value of the wrong type, in the schema's own words", async () => {
    await fixture.edit(policy, (text) => text.replace('version: 1.2.0', 'version: 2'));
    expect((await report()).errors).toEqual([`${policy}:5: version: expected a version such as 1.2.0, got number 2`]);
  });

  it('names a missing required field', async () => {
    await fixture.edit(policy, (text) => text.replace('owner: ana\n', ''));
    expect((await report()).errors).toEqual([expect.stringMatching(/^content\/policies\/access-control\.mdx:\d+: owner: is required but missing$/)]);
  });

  it('reports a duplicate id in both files it concerns', async () => {
    await fixture.write('content/policies/access-control-copy.mdx', await fixture.read(policy));
    const { errors } = await report();
    expect(errors).toEqual([
      `content/policies/access-control.mdx:2: id: duplicate policy id "access-control": content/policies/access-control-copy.mdx already uses it; give one of them a new id`,
    ]);
  });

  it('reports a dangling control reference with its index', async () => {
    await fixture.edit(policy, (text) => text.replace('  - AC-02', '  - AC-02\n  - AC-99'));
    expect((await report()).errors).toEqual([`${policy}:12: controls[2]: unknown control "AC-99"`]);
  });

  it('reports a dangling framework requirement in a control mapping', async () => {
    await fixture.edit('content/controls/AC-02.yaml', (text) => text.replace('- CC6.2', '- CC6.99'));
    expect((await report()).errors).toEqual([
      'content/controls/AC-02.yaml:11: mappings.soc2[0]: unknown SOC 2 requirement "CC6.99" (not in frameworks/soc2.yaml)',
    ]);
  });

  it('rejects a date that does not exist', async () => {
    await fixture.edit(policy, (text) => text.replace('effective: 2026-03-01', 'effective: 2026-02-30'));
    expect((await report()).errors).toEqual([`${policy}:8: effective: is not a real calendar date`]);
  });

  it('rejects an owner who is not in the people list', async () => {
    await fixture.edit(policy, (text) => text.replace('owner: ana', 'owner: zoe'));
    expect((await report()).errors).toEqual([`${policy}:6: owner: unknown person "zoe"; add them to people in content/site.yaml or use one of: ana, ben`]);
  });

  it('flags a misspelt field instead of ignoring it', async () => {
    await fixture.edit(policy, (text) => text.replace('summary:', 'sumary:'));
    const { errors } = await report();
    expect(errors).toEqual([`${policy}:2: summary: is required but missing`, `${policy}:4: unknown field "sumary" (check the spelling)`]);
  });

  it('warns, without failing, when a policy review is overdue', async () => {
    await fixture.edit(policy, (text) => text.replace('effective: 2026-03-01', 'effective: 2025-03-01'));
    const { errors, warnings } = await report();
    expect(errors).toEqual([]);
    expect(warnings).toContain(`${policy}:8: warning: effective: review overdue since 2026-03-01 (annual cycle); review the policy and set lastReviewed`);
  });

  it('lists every problem across files, not only the first', async () => {
    await fixture.edit(policy, (text) => text.replace('version: 1.2.0', 'version: banana'));
    await fixture.edit('content/runbooks/access-review.mdx', (text) => text.replace('- AC-02', '- ZZ-01'));
    await fixture.write('content/subprocessors.yaml', 'subprocessors:\n  - name: X\n    since: yesterday\n');
    const { errors } = await report();
    expect(errors.some((e) => e.startsWith(`${policy}:5: version:`))).toBe(true);
    expect(errors).toContain('content/runbooks/access-review.mdx:8: controls[0]: unknown control "ZZ-01"');
    expect(errors.filter((e) => e.startsWith('content/subprocessors.yaml')).length).toBeGreaterThanOrEqual(5);
  });

  it('points at the line of broken YAML', async () => {
    await fixture.write('content/controls/AC-02.yaml', 'id: AC-02\ntitle: [unclosed\n');
    const { errors } = await report();
    expect(errors[0]).toMatch(/^content\/controls\/AC-02\.yaml:\d+: not valid YAML: /);
  });

  it('rejects a file without frontmatter', async () => {
    await fixture.write('content/runbooks/notes.md', '# Just notes\n');
    expect((await report()).errors).toContain(
      'content/runbooks/notes.md:1: missing frontmatter: the file must start with a --- line, then the fields, then another ---',
    );
  });

  it('reports a public document whose file is missing', async () => {
    await fixture.edit('content/trust/documents.yaml', (text) => text.replace('access: approval', 'access: public'));
    expect((await report()).errors).toEqual([
      'content/trust/documents.yaml:6: documents[0].file: public document "soc2.pdf" is not in public/documents/; add the file or change its access',
    ]);
    await fixture.write('public/documents/soc2.pdf', '%PDF-1.7');
    expect((await report()).errors).toEqual([]);
  });

  it('reports an exclusion of a requirement that does not exist', async () => {
    await fixture.edit('content/applicability.yaml', (text) => text.replace('soc2:CC6.4', 'soc2:CC9.9'));
    expect((await report()).errors).toEqual(['content/applicability.yaml:2: exclusions[0].requirement: unknown requirement "soc2:CC9.9"']);
  });
});

describe('charter check catches what the build would fail on', () => {
  const runbook = 'content/runbooks/access-review.mdx';

  it('compiles each MDX body and points at a broken tag by line and column in the file', async () => {
    // Lines 1-12 are the frontmatter, 13 is blank, 14 is "Body text.".
    await fixture.edit(policy, (text) => text.replace('Body text.\n', 'Body text.\n\n<Callout>Unclosed\n'));
    const { errors } = await report();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^content\/policies\/access-control\.mdx:16:1: not valid MDX: .*`<Callout>`.*; close it with <\/Callout>, or write <Callout \/> when it has no content$/,
    );
  });

  it('reports a component the body neither imports nor defines, where it is used', async () => {
    await fixture.edit(runbook, (text) => text.replace('Body text.', 'Body text with <Badge>new</Badge> and <kbd>Ctrl</kbd>.'));
    expect((await report()).errors).toEqual([
      `${runbook}:11:16: unknown component <Badge>; import it at the top of the body (import Badge from '…') or remove the tag`,
    ]);
    await fixture.edit(runbook, (text) => text.replace('Body text with', "import Badge from './badge.astro';\n\nBody text with"));
    expect((await report()).errors).toEqual([]);
  });

  it('compiles the body of a file whose frontmatter is also broken, and reports both', async () => {
    await fixture.edit(policy, (text) => text.replace('version: 1.2.0', 'version: 2').replace('Body text.', 'Body <Note>text.'));
    expect((await report()).errors).toEqual([
      `${policy}:5: version: expected a version such as 1.2.0, got number 2`,
      expect.stringMatching(/^content\/policies\/access-control\.mdx:14:6: not valid MDX: /),
    ]);
  });

  it('reports an unclosed quote on the line where the quote opens', async () => {
    await fixture.edit(policy, (text) => text.replace('title: Access Control Policy', 'title: "Access Control Policy'));
    const { errors, warnings } = await report();
    expect(errors).toEqual([`${policy}:3: not valid YAML: the " that opens this value is never closed; end the value with "`]);
    // The policy cannot be read, so nobody knows which controls it lists: none is reported as unimplemented.
    expect(warnings.filter((w) => w.includes('no policy implements'))).toEqual([]);
  });

  it('reports an unclosed [list on the line where it opens', async () => {
    await fixture.edit('content/controls/AC-01.yaml', (text) => text.replace('evidence:\n  - IdP policy export\n', 'evidence: [IdP policy export\n'));
    expect((await report()).errors).toEqual(['content/controls/AC-01.yaml:8: not valid YAML: the [ that opens this list is never closed; end it with ]']);
  });

  it('reports an invalid control once, not again for each snapshot and policy that names it', async () => {
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      const result = await appendSnapshot(
        fixture.root,
        'test',
        {
          collector: 'idp-mfa',
          collectedAt: `${day}T06:00:00Z`,
          controls: ['AC-01'],
          summary: 'All users use WebAuthn.',
          items: [],
        },
        `${today}T12:00:00Z`,
      );
      expect(result.problems).toEqual([]);
    }
    await fixture.edit('content/controls/AC-01.yaml', (text) => text.replace('owner: ana', 'owner: Ana Silva'));
    expect((await report()).errors).toEqual([
      'content/controls/AC-01.yaml:6: owner: expected the id of a person listed under people in content/site.yaml, got the text "Ana Silva"',
    ]);
  });

  it('reports an invalid policy once, without warning that the controls it lists are unimplemented', async () => {
    await fixture.edit(policy, (text) => text.replace('version: 1.2.0', 'version: 2.3'));
    const { errors, warnings } = await report();
    expect(errors).toEqual([`${policy}:5: version: expected a version such as 1.2.0, got number 2.3`]);
    expect(warnings).toEqual([]);
  });

  it('still checks the references of a file that fails its schema', async () => {
    await fixture.edit('content/controls/AC-02.yaml', (text) =>
      text
        .replace('owner: ana', 'owner: zoe')
        .replace('mappings:\n  soc2:\n    - CC6.2\n', 'mappings:\n  soc2:\n    - CC6.99\n  iec62443-3-4:\n    - SR 1.1\n'),
    );
    expect((await report()).errors).toEqual([
      'content/controls/AC-02.yaml:5: owner: unknown person "zoe"; add them to people in content/site.yaml or use one of: ana, ben',
      'content/controls/AC-02.yaml:11: mappings.soc2[0]: unknown SOC 2 requirement "CC6.99" (not in frameworks/soc2.yaml)',
      'content/controls/AC-02.yaml:12: mappings: unknown field "iec62443-3-4" (check the spelling)',
    ]);
  });

  it('refuses a gated document in a format whose copies cannot be marked, naming the file and field', async () => {
    await fixture.edit('content/trust/documents.yaml', (text) => text.replace('file: soc2.pdf', 'file: soc2.zip'));
    expect((await report()).errors).toEqual([
      expect.stringMatching(
        /^content\/trust\/documents\.yaml:\d+: documents\[0\]\.file: a gated document must be a PDF, XLSX or DOCX file, so that each copy can be marked/,
      ),
    ]);
    await fixture.edit('content/trust/documents.yaml', (text) => text.replace('access: approval', 'access: public'));
    expect((await report()).errors.filter((e) => e.includes('must be a PDF'))).toEqual([]);
  });

  it('reports a date in the wrong format once', async () => {
    await fixture.edit(policy, (text) => text.replace('effective: 2026-03-01', 'effective: 01/03/2026'));
    expect((await report()).errors).toEqual([`${policy}:8: effective: expected a date written as YYYY-MM-DD, got the text "01/03/2026"`]);
  });

  it('rejects an exclusion of a requirement a control maps to', async () => {
    await fixture.edit('content/applicability.yaml', (text) => text.replace('soc2:CC6.4', 'soc2:CC6.1'));
    expect((await report()).errors).toEqual([
      'content/applicability.yaml:2: exclusions[0].requirement: "soc2:CC6.1" is excluded but AC-01 maps to it; a requirement a control covers applies: remove the exclusion or the mapping',
    ]);
    await fixture.edit('content/applicability.yaml', (text) => text.replace('soc2:CC6.1', 'soc2:CC6.2'));
    expect((await report()).errors).toEqual([
      'content/applicability.yaml:2: exclusions[0].requirement: "soc2:CC6.2" is excluded but AC-01, AC-02 map to it; a requirement a control covers applies: remove the exclusion or the mappings',
    ]);
  });
});

it('keeps a policy in the body unchanged when reading it', async () => {
  const f = await makeFixture();
  await f.write(
    'content/policies/access-control.mdx',
    mdx({ id: 'access-control', title: 'T', summary: 'S', version: '1.0.0', owner: 'ana', approver: 'ben', effective: '2026-01-01' }, '## Purpose\n\nText.\n'),
  );
  const { content } = await checkContent(directorySource(f.root), { today });
  expect(content.policies[0]?.body?.trim()).toBe('## Purpose\n\nText.');
  await f.cleanup();
});

it('requires the disclosure policy named for security.txt to be public', async () => {
  const f = await makeFixture();
  await f.edit('content/site.yaml', (t) =>
    t.replace('securityEmail: security@acme.example', 'securityEmail: security@acme.example\n  disclosurePolicy: access-control'),
  );
  const { problems } = await checkContent(directorySource(f.root), { today });
  expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
    'content/site.yaml:9: trustCenter.disclosurePolicy: "access-control" is not a public policy; security.txt must point to a page the trust center publishes (set visibility: public on it, or name another policy)',
  ]);
  await f.cleanup();
});
