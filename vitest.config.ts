import { defineConfig } from 'vitest/config';

// Tests that read a built site, start a server bundle or drive Chromium; everything else is a unit test.
const buildTests = [
  'test/canary.test.ts',
  'test/evidence-pages.test.ts',
  'test/portal-links.test.ts',
  'test/portal-server.test.ts',
  'test/reproducible-build.test.ts',
  'test/trust-requests.test.ts',
  'test/trust-site.test.ts',
];

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
