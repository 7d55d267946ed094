import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withBuildLock } from '../src/cli/build-lock.ts';

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'charter-lock-'));
});
afterEach(() => rm(project, { recursive: true, force: true }));

it('lets concurrent builds take turns instead of overlapping', async () => {
  const events: string[] = [];
  const build = (name: string) =>
    withBuildLock(project, async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 150));
      events.push(`${name} end`);
    });
  await Promise.all([build('a'), build('b')]);
  expect(events).toHaveLength(4);
  expect(events[0]!.split(' ')[0]).toBe(events[1]!.split(' ')[0]);
});

it('takes over a lock left behind by a process that died', async () => {
  await mkdir(join(project, '.astro', 'charter-build.lock'), { recursive: true });
  await writeFile(join(project, '.astro', 'charter-build.lock', 'pid'), '999999999');
  expect(await withBuildLock(project, async () => 'built')).toBe('built');
});
