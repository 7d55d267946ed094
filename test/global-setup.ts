import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSites, project, removeBuild } from './example-root.ts';
import { checkPrerequisites } from './prerequisites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Output folder of one build of the example content, shared by tests that only read it. */
    exampleBuild: string;
  }
}

export default async function setup(testProject: TestProject) {
  await checkPrerequisites();
  const out = await mkdtemp(join(tmpdir(), 'charter-example-build-'));
  await buildSites(project, out);
  testProject.provide('exampleBuild', out);
  return () => removeBuild(out);
}
