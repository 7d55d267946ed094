import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { serverDir } from '../src/astro/build-paths.ts';

const run = promisify(execFile);
export const project = join(import.meta.dirname, '..');

/** Runs `charter build` of the content at `root` into `out`. */
export async function buildSites(root: string, out: string, options: { target?: 'portal' | 'trust'; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const target = options.target ? ['--target', options.target] : [];
  await run(process.execPath, [join(project, 'bin/charter.mjs'), 'build', ...target, '--root', root, '--out', out], {
    cwd: project,
    env: { ...process.env, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * Writes the example company's git repository (scripts/example/make-history.mjs: this project's
 * content with Kestrel's own history) into a new temp folder, and returns the folder.
 */
export async function exampleRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'charter-example-repo-'));
  await run(process.execPath, [join(project, 'scripts/example/make-history.mjs'), '--out', dir], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  return dir;
}

/** Removes a build: its static sites and the server bundles kept inside the project for it. */
export async function removeBuild(out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await rm(dirname(serverDir(out, 'portal')), { recursive: true, force: true });
}

export interface ExampleRoot {
  root: string;
  /** Where `build` writes: <root>/dist. */
  out: string;
  /** Edits a content file; fails when the edit changes nothing, so a test never plants into thin air. */
  plant(file: string, change: (original: string) => string): Promise<void>;
  build(options?: { target?: 'portal' | 'trust'; env?: NodeJS.ProcessEnv }): Promise<void>;
  cleanup(): Promise<void>;
}

/** A copy of the example content in a temp folder, for tests that change it before building. */
export async function exampleRoot(name: string): Promise<ExampleRoot> {
  const root = await mkdtemp(join(tmpdir(), `charter-${name}-`));
  const out = join(root, 'dist');
  for (const dir of ['content', 'frameworks', 'evidence-snapshots', 'public']) await cp(join(project, dir), join(root, dir), { recursive: true });
  return {
    root,
    out,
    async plant(file, change) {
      const path = join(root, file);
      const before = await readFile(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`could not change ${file}: the example content no longer has what the test looks for`);
      await writeFile(path, after);
    },
    build: (options) => buildSites(root, out, options),
    async cleanup() {
      await removeBuild(out);
      await rm(root, { recursive: true, force: true });
    },
  };
}
