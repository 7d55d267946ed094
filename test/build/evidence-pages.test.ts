import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';

describe('the example portal', () => {
  const portal = join(inject('exampleBuild'), 'portal');
  const page = (path: string) => parse(readFileSync(join(portal, path, 'index.html'), 'utf8'));
  const order = ['stale', 'missing', 'due', 'fresh'];

  const soc2Period = '/evidence/soc2-2026-04-01-to-2027-03-31/';

  it('lists stale and missing controls first, and links each window and the declared audit period', () => {
    for (const href of ['/evidence/', '/evidence/last-12-months/', soc2Period]) {
      const html = page(href);
      const sections = html
        .querySelectorAll('main section[id]')
        .map((s) => s.id)
        .filter((id) => order.includes(id));
      expect(sections.length).toBeGreaterThan(1);
      expect(sections).toEqual([...sections].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      expect(html.querySelectorAll('.window-picker a').map((a) => a.getAttribute('href'))).toEqual(['/evidence/', '/evidence/last-12-months/', soc2Period]);
      expect(html.querySelector('.window-picker a[aria-current="page"]')?.getAttribute('href')).toBe(href);
    }
    expect(page(soc2Period).querySelector('.window-range')?.text).toBe('1 April 2026 – 31 March 2027');
  });

  it('shows one slot per calendar month, quarter or year of the declared audit period', () => {
    const slots = (control: string) => page(`controls/${control}`).querySelectorAll('.timeline-bar')[2]!.querySelectorAll('rect');
    const monthly = slots('DI-03');
    expect(monthly).toHaveLength(12);
    expect(monthly[0]!.querySelector('title')?.text).toMatch(/^1 April 2026 – 30 April 2026: evidence collected/);
    const annual = slots('VM-02');
    expect(annual).toHaveLength(1);
    expect(annual[0]!.querySelector('title')?.text).toBe('1 April 2026 – 31 March 2027: evidence collected');
  });

  it("shows each control's freshness, and the timeline and latest snapshot where there is evidence", () => {
    const collected = page('controls/AC-01');
    expect(collected.querySelector('#evidence')).not.toBeNull();
    expect(collected.querySelector('.evidence-heading .freshness')?.text).toMatch(/^(Fresh|Due|Stale)$/);
    expect(collected.querySelectorAll('.timeline-bar')).toHaveLength(3);
    expect(collected.querySelector('.snapshot-card code')?.text).toMatch(/^evidence-snapshots\/identity-provider-mfa\.\d{4}-\d{2}-\d{2}T\d{6}Z\.json$/);
    const missing = page('controls/SD-02');
    expect(missing.querySelector('.evidence-heading .freshness')?.text).toBe('No evidence');
    expect(missing.querySelector('.timeline-bar')).toBeNull();
  });
});
