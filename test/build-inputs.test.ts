import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInputsDigest, stampBuild, unchangedSinceLastBuild } from '../src/astro/build-inputs.ts';

describe('what a build reads', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'charter-inputs-'));
    await mkdir(join(root, 'content/policies'), { recursive: true });
    await writeFile(join(root, 'content/policies/a.mdx'), 'first');
    await mkdir(join(root, 'notes'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const digest = (instant = '2026-11-22T23:59:59Z', env: NodeJS.ProcessEnv = {}) => buildInputsDigest('portal', root, instant, env);

  it('is the same for the same content, instant and settings, and changes with any of them', async () => {
    const first = await digest();
    expect(await digest()).toBe(first);
    expect(await digest('2026-11-23T23:59:59Z')).not.toBe(first);
    expect(await digest(undefined, { CHARTER_OPENPGP_KEY: 'key' })).not.toBe(first);
    expect(await digest(undefined, { HOME: '/elsewhere' })).toBe(first);
    // Files outside the content folders are not read by a build.
    await writeFile(join(root, 'notes/todo.txt'), 'later');
    expect(await digest()).toBe(first);
    await writeFile(join(root, 'content/policies/a.mdx'), 'second');
    expect(await digest()).not.toBe(first);
    await writeFile(join(root, 'content/policies/a.mdx'), 'first');
    await writeFile(join(root, 'content/policies/b.mdx'), '');
    expect(await digest()).not.toBe(first);
    await rm(join(root, 'content/policies/b.mdx'));
    expect(await digest()).toBe(first);
  });

  it('counts a build as unchanged only while its output is untouched', async () => {
    const out = join(root, 'out');
    await mkdir(out);
    await writeFile(join(out, 'index.html'), 'page');
    const stamp = join(root, 'cache/stamp.json');
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(false);
    await stampBuild(stamp, 'inputs', [out]);
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(true);
    expect(await unchangedSinceLastBuild(stamp, 'other inputs', [out])).toBe(false);
    await writeFile(join(out, 'index.html'), 'page edited by hand');
    expect(await unchangedSinceLastBuild(stamp, 'inputs', [out])).toBe(false);
  });
});
