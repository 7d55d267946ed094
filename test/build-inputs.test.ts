import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInputsDigest, stampBuild, unchangedSinceLastBuild } from '../src/astro/build-inputs.ts';
import { loadContent } from '../src/lib/content/load.ts';
import { directorySource } from '../src/lib/content/source.ts';
import type { Target } from '../src/lib/content/targets.ts';
import { makeFixture, mdx, type Fixture } from './fixture.ts';

describe('what a build reads', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await makeFixture();
    await mkdir(join(fixture.root, 'notes'));
  });
  afterAll(() => fixture.cleanup());

  /** Edits a file; fails when the edit changes nothing, so no assertion passes on an untouched file. */
  const change = async (file: string, edit: (text: string) => string) => {
    const before = await fixture.read(file);
    if (edit(before) === before) throw new Error(`the edit did not change ${file}`);
    await fixture.write(file, edit(before));
  };
  const digest = async (target: Target = 'portal', instant = '2026-11-22T23:59:59Z', env: NodeJS.ProcessEnv = {}) =>
    buildInputsDigest(target, fixture.root, instant, (await loadContent(directorySource(fixture.root))).content, env);

  it('is the same for the same content, instant and settings, and changes with any of them', async () => {
    const first = await digest();
    expect(await digest()).toBe(first);
    expect(await digest('portal', '2026-11-23T23:59:59Z')).not.toBe(first);
    expect(await digest('portal', undefined, { CHARTER_OPENPGP_KEY: 'key' })).not.toBe(first);
    expect(await digest('portal', undefined, { HOME: '/elsewhere' })).toBe(first);
    // Files outside the content folders are not read by a build.
    await writeFile(join(fixture.root, 'notes/todo.txt'), 'later');
    expect(await digest()).toBe(first);
    const policy = await fixture.read('content/policies/access-control.mdx');
    await change('content/policies/access-control.mdx', (text) => `${text}\nA new sentence.\n`);
    expect(await digest()).not.toBe(first);
    await fixture.write('content/policies/access-control.mdx', policy);
    expect(await digest()).toBe(first);
    // Any file of a folder a site reads counts, a document or not.
    await fixture.write('content/policies/README.txt', 'How we write policies.');
    expect(await digest()).not.toBe(first);
    await rm(join(fixture.root, 'content/policies/README.txt'));
    expect(await digest()).toBe(first);
  });

  it('for the trust center, leaves out what it never loads: internal policies, control mappings, people, evidence', async () => {
    const trust = await digest('trust');
    const portal = await digest('portal');
    const changes: [string, (text: string) => string][] = [
      ['content/policies/access-control.mdx', (text) => `${text}\nAn internal clarification.\n`],
      ['content/controls/AC-01.yaml', (text) => text.replace('- CC6.2', '- CC6.3')],
      ['content/site.yaml', (text) => text.replace('Ben Okoro', 'Ben Okoro-Smith')],
      ['content/runbooks/access-review.mdx', (text) => text.replace('Body text.', 'Updated steps.')],
    ];
    for (const [file, edit] of changes) await change(file, edit);
    await fixture.write('evidence-snapshots/idp-users.2026-11-22T000000Z.json', '{}');
    expect(await digest('trust')).toBe(trust);
    const portalAfter = await digest('portal');
    expect(portalAfter).not.toBe(portal);

    // What the trust center shows counts: a public policy, a control's public summary, a sub-processor.
    const published: [string, (text: string) => string][] = [
      ['content/controls/AC-01.yaml', (text) => text.replace('All staff sign in with MFA.', 'All staff sign in with phishing-resistant MFA.')],
      ['content/subprocessors.yaml', (text) => text.replace('Germany', 'Germany and Ireland')],
    ];
    let before = trust;
    for (const [file, edit] of published) {
      await change(file, edit);
      const after = await digest('trust');
      expect(after, file).not.toBe(before);
      before = after;
    }
    await fixture.write(
      'content/policies/vulnerability-disclosure.mdx',
      mdx({
        id: 'vulnerability-disclosure',
        title: 'Vulnerability disclosure',
        summary: 'How to report.',
        version: '1.0.0',
        owner: 'ana',
        approver: 'ben',
        effective: '2026-03-01',
        visibility: 'public',
      }),
    );
    expect(await digest('trust')).not.toBe(before);
  });

  it('counts a build as unchanged only while its output is untouched', async () => {
    const out = join(fixture.root, 'out');
    await mkdir(out);
    await writeFile(join(out, 'index.html'), 'page');
    const stamp = join(fixture.root, 'cache/stamp.json');
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(false);
    await stampBuild(stamp, 'inputs', [out]);
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(true);
    expect(await unchangedSinceLastBuild(stamp, 'other inputs', [out])).toBe(false);
    await writeFile(join(out, 'index.html'), 'page edited by hand');
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(false);
  });
});
