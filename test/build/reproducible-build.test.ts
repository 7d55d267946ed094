import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { buildSites, removeBuild } from '../example-root.ts';
import { filesUnder } from '../files.ts';

describe('a build for a date', () => {
  it('gives byte-identical sites when built twice for the same date', async () => {
    const first = inject('exampleBuild');
    const second = await mkdtemp(join(tmpdir(), 'charter-rebuild-'));
    try {
      await buildSites(inject('exampleRepository'), second);
      for (const site of ['portal', 'trust']) {
        const files = await filesUnder(join(first, site));
        expect(await filesUnder(join(second, site))).toEqual(files);
        const differing: string[] = [];
        for (const file of files) {
          const [a, b] = await Promise.all([readFile(join(first, site, file)), readFile(join(second, site, file))]);
          if (!a.equals(b)) differing.push(file);
        }
        expect(differing, `${site}: files that differ between two builds`).toEqual([]);
      }
    } finally {
      await removeBuild(second);
    }
  }, 240_000);

  it('judges the example as of CHARTER_NOW when it is set, and says so', async () => {
    const out = await mkdtemp(join(tmpdir(), 'charter-later-'));
    try {
      await buildSites(inject('exampleRepository'), out, { target: 'portal', env: { CHARTER_NOW: '2028-02-01' } });
      const page = (build: string, path: string) => parse(readFileSync(join(build, 'portal', path, 'index.html'), 'utf8'));
      const stat = (evidence: ReturnType<typeof page>, status: string) => Number(evidence.querySelector(`.stat-${status} .stat`)?.text);
      const later = page(out, 'evidence');
      const example = page(inject('exampleBuild'), 'evidence');
      expect(later.querySelector('.as-of')?.text).toBe('Review dates and evidence as of 1 February 2028.');
      expect(example.querySelector('.as-of')?.text).toBe('Review dates and evidence as of 22 November 2026, the date content/site.yaml fixes.');
      // Fourteen months after the last collection nothing is fresh, and more is stale than on the example's day.
      expect(stat(example, 'fresh')).toBeGreaterThan(0);
      expect(stat(later, 'fresh')).toBe(0);
      expect(stat(later, 'stale')).toBeGreaterThan(stat(example, 'stale'));
      expect(
        page(out, '')
          .querySelectorAll('.badge.warn')
          .some((b) => b.text.startsWith('Overdue since')),
      ).toBe(true);
    } finally {
      await removeBuild(out);
    }
  }, 240_000);
});
