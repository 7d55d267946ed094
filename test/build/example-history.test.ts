import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';

// The example is built from the repository scripts/example/make-history.mjs writes, so the
// portal's history tables show Kestrel's own pull requests, reviews and approvers.
const repository = 'https://github.com/kestrel-systems/compliance';

async function page(path: string): Promise<HTMLElement> {
  return parse(await readFile(join(inject('exampleBuild'), 'portal', path, 'index.html'), 'utf8'));
}

function historyRows(html: HTMLElement) {
  return html.querySelectorAll('.doc-history tbody tr').map((row) => {
    const cells = row.querySelectorAll('td').map((cell) => cell.text.replace(/\s+/g, ' ').trim());
    const link = row.querySelector('a.pull-request');
    return { version: cells[1], change: cells[2], approval: cells[3], link: link && { text: link.text.trim(), href: link.getAttribute('href') } };
  });
}

describe("the example portal's policy history", () => {
  it('shows several versions of a policy, each approved in a linked pull request', async () => {
    const rows = historyRows(await page('policies/access-control'));
    expect(new Set(rows.map((r) => r.version))).toEqual(new Set(['2.3.0', '2.2.0', '2.1.0']));
    const quarterly = rows.find((r) => r.change?.startsWith('Access control: quarterly access reviews'));
    expect(quarterly?.approval).toMatch(/^Pull request #\d+, merged by Priya Raman Approved by Marcus Webb\b/);
    for (const row of rows.filter((r) => r.link)) {
      const number = /^Pull request #(\d+)$/.exec(row.link!.text)?.[1];
      expect(number, row.link!.text).toBeDefined();
      expect(row.link!.href).toBe(`${repository}/pull/${number}`);
    }
    // Every row but the initial import came through a pull request with the approver's name.
    expect(rows.filter((r) => r.link).length).toBe(rows.length - 1);
    expect(rows.filter((r) => r.link).every((r) => r.approval?.includes('Approved by Marcus Webb'))).toBe(true);
    expect(rows.at(-1)).toMatchObject({ version: '2.1.0', approval: 'Direct commit', link: null });
  });

  it('shows merges with several commits, squash merges and direct commits', async () => {
    const firmware = historyRows(await page('policies/firmware-release-ota-signing'));
    const merged = firmware.filter((r) => r.version === '3.0.0');
    expect(merged.length).toBeGreaterThanOrEqual(2);
    expect(new Set(merged.map((r) => r.link?.href)).size).toBe(1);
    expect(merged[0]!.approval).toContain('merged by Aisha Okafor');
    const dataProtection = historyRows(await page('policies/data-protection'));
    expect(dataProtection.some((r) => r.approval === 'Direct commit' && r.change?.startsWith('Fix typo'))).toBe(true);
    expect(dataProtection.some((r) => / \(#\d+\) /.test(r.change ?? '') && r.link)).toBe(true);
  });

  it("shows the example company's history on every policy, never the product's own commits", async () => {
    const policies = (await page('policies')).querySelectorAll('a[href^="/policies/"]').map((a) => a.getAttribute('href')!);
    const pages = [...new Set(policies)].filter((href) => href !== '/policies/');
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const href of pages) {
      const rows = historyRows(await page(href.replace(/^\/|\/$/g, '')));
      expect(rows.length, href).toBeGreaterThan(0);
      // Written by Kestrel's people, and merged as pull requests but for the import and a few direct fixes.
      const people = /(Grace Chen|Marcus Webb|Priya Raman|Elena Sokolova|Tomás Herrera|Aisha Okafor|Daniel Kim|Sofia Lindqvist)$/;
      for (const row of rows) expect(row.change, href).toMatch(people);
      for (const row of rows) expect(row.approval, href).toMatch(/^(Pull request #\d+\b.*Approved by |Direct commit$)/);
      expect(rows.filter((r) => r.link).length, href).toBeGreaterThan(0);
    }
    const changes = (await page('changes')).text;
    expect(changes).not.toMatch(/Foundation:|Seed [0-9a-f]{8}|charter check|Astro/);
  });
});
