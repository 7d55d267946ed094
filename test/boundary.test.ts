import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { directorySource } from '../src/lib/content/source.ts';
import { targetViews } from '../src/lib/content/targets.ts';
import { makeFixture, type Fixture } from './fixture.ts';

let fixture: Fixture;
beforeEach(async () => {
  fixture = await makeFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

async function errors() {
  const { problems } = await checkContent(directorySource(fixture.root), { today: '2026-11-22' });
  return problems.filter((p) => p.severity === 'error').map(formatProblem);
}

describe('controls named by the boundary and shared-responsibility statements', () => {
  it('accepts known controls on components and rows', async () => {
    await fixture.edit('content/system-boundary.yaml', (text) => text.replace('reason: We run it.', 'reason: We run it.\n    controls: [AC-01, AC-02]'));
    expect(await errors()).toEqual([]);
  });

  it("rejects an unknown control in a component's or a row's controls, naming file and field", async () => {
    await fixture.edit('content/system-boundary.yaml', (text) => text.replace('reason: We run it.', 'reason: We run it.\n    controls: [AC-01, AC-99]'));
    await fixture.edit('content/shared-responsibility.yaml', (text) =>
      text.replace('customer: You manage users.', 'customer: You manage users.\n    controls: [ZZ-01]'),
    );
    expect(await errors()).toEqual([
      expect.stringMatching(/^content\/shared-responsibility\.yaml:\d+: rows\[0\]\.controls\[0\]: unknown control "ZZ-01"/),
      expect.stringMatching(/^content\/system-boundary\.yaml:\d+: components\[0\]\.controls\[1\]: unknown control "AC-99"/),
    ]);
  });

  it('keeps which controls cover a component or row out of the trust center', () => {
    const view = targetViews.trust.systemBoundary!;
    const projected = view.project({
      title: 't',
      summary: 's',
      components: [
        { name: 'API', description: 'd', scope: 'in', reason: 'r', public: true, controls: ['AC-01'] },
        { name: 'Admin path', description: 'd', scope: 'in', reason: 'r', public: false, controls: ['AC-05'] },
      ],
    }) as { components: { name: string; controls: string[] }[] };
    expect(projected.components).toEqual([{ name: 'API', description: 'd', scope: 'in', reason: 'r', public: true }]);
  });
});
