import { defineConfig } from 'vitest/config';

// Tests in test/build/ read a built site, start a server bundle or drive Chromium; the rest are unit tests.
const buildTests = ['test/build/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        // Node alone: `vitest run --project unit` needs no build, browser or database.
        test: { name: 'unit', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: buildTests },
      },
      {
        extends: true,
        // One build of the example, shared; the setup first checks the machine has what these tests need.
        test: { name: 'build', include: buildTests, globalSetup: ['test/global-setup.ts'], hookTimeout: 600_000 },
      },
    ],
  },
});
