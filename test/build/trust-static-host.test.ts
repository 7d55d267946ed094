import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';

// `trustCenter.server: false`: the trust center published to a plain static host, where a
// form would post to an address that answers 404. Requests go by email instead.

let example: ExampleRoot;
let site: string;

beforeAll(async () => {
  example = await exampleRoot('trust-static');
  await example.plant('content/site.yaml', (yaml) =>
    yaml.replace('  securityEmail: security@kestrel.example\n', '  securityEmail: security@kestrel.example\n  server: false\n'),
  );
  await example.build({ target: 'trust' });
  site = join(example.out, 'trust');
});
afterAll(() => example?.cleanup());

describe('a trust center built for a static host', () => {
  it('has no form on any page', async () => {
    const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    const withForms = [];
    for (const page of pages) if (/<form\b/i.test(await readFile(join(site, page), 'utf8'))) withForms.push(page);
    expect(withForms).toEqual([]);
  });

  it('tells a visitor to ask for a confidential document by email', async () => {
    const documents = await readFile(join(site, 'documents/index.html'), 'utf8');
    expect(documents).toContain('To ask for one, write to <a href="mailto:trust@kestrel.example">');
    const request = await readFile(join(site, 'documents/soc2-type2-2026/index.html'), 'utf8');
    expect(request).toMatch(/<a class="button" href="mailto:trust@kestrel\.example\?subject=Request%3A%20[^"]+">Email trust@kestrel\.example<\/a>/);
    expect(request).not.toContain('personal download link');
  });
});
