import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Output folder of one build of the example content, shared by tests that only read it. */
    exampleBuild: string;
  }
}

const project = join(import.meta.dirname, '..');

export default async function setup(testProject: TestProject) {
  const out = await mkdtemp(join(tmpdir(), 'charter-example-build-'));
  await promisify(execFile)(process.execPath, [join(project, 'bin/charter.mjs'), 'build', '--out', out], { cwd: project, maxBuffer: 64 * 1024 * 1024 });
  testProject.provide('exampleBuild', out);
  return () => rm(out, { recursive: true, force: true });
}
