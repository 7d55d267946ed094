import { describe, expect, it } from 'vitest';
import { targetViews } from '../src/lib/content/targets.ts';
import { collections } from '../src/lib/content/collections.ts';

describe('what the trust center may load', () => {
  const trust = targetViews.trust;

  it('defines no runbooks, framework catalogs or exclusions at all', () => {
    expect(trust.runbooks).toBeUndefined();
    expect(trust.frameworks).toBeUndefined();
    expect(trust.applicability).toBeUndefined();
  });

  it('keeps only public policies', () => {
    expect(trust.policies!.project({ id: 'a', visibility: 'internal' })).toBeUndefined();
    expect(trust.policies!.project({ id: 'b', visibility: 'public' })).toEqual({ id: 'b', visibility: 'public' });
  });

  it('reduces a control to its public sentence, and drops controls without one', () => {
    const control = { id: 'AC-01', title: 'SSO', area: 'Access', description: 'internal detail', owner: 'ana', publicSummary: 'We use SSO.' };
    expect(trust.controls!.project(control)).toEqual({ id: 'AC-01', title: 'SSO', area: 'Access', publicSummary: 'We use SSO.' });
    expect(trust.controls!.project({ ...control, publicSummary: undefined })).toBeUndefined();
  });

  it('drops boundary components and responsibility rows marked not public, and the staff list', () => {
    const boundary = trust.systemBoundary!.project({
      title: 't',
      summary: 's',
      components: [
        { name: 'a', public: true },
        { name: 'b', public: false },
      ],
    });
    expect((boundary as { components: unknown[] }).components).toEqual([{ name: 'a', public: true }]);
    const rows = trust.sharedResponsibility!.project({ title: 't', summary: 's', rows: [{ domain: 'x', public: false }] });
    expect((rows as { rows: unknown[] }).rows).toEqual([]);
    expect(trust.site!.project({ organisation: {}, people: [{ id: 'ana' }], portal: { url: 'x' } })).toEqual({ organisation: {} });
  });

  it('lets the portal load every collection whole', () => {
    expect(Object.keys(targetViews.portal).sort()).toEqual(Object.keys(collections).sort());
  });
});
