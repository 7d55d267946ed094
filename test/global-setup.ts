import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSites, exampleRepository, removeBuild } from './example-root.ts';
import { checkPrerequisites } from './prerequisites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Output folder of one build of the example content, shared by tests that only read it. */
    exampleBuild: string;
    /** The example company's git repository the build was made from (scripts/example/make-history.mjs). */
    exampleRepository: string;
  }
}

export default async function setup(testProject: TestProject) {
  await checkPrerequisites();
  // The example is built as `npm run example` builds it: from a repository with Kestrel's own history.
  const repository = await exampleRepository();
  const out = await mkdtemp(join(tmpdir(), 'charter-example-build-'));
  await buildSites(repository, out);
  testProject.provide('exampleBuild', out);
  testProject.provide('exampleRepository', repository);
  return async () => {
    await removeBuild(out);
    await rm(repository, { recursive: true, force: true });
  };
}
