#!/usr/bin/env node
// Plain JavaScript that any Node can parse, so an old Node gets one clear line. The CLI itself is
// TypeScript that Node runs by stripping the types; Node 22.12 to 22.17 needs a flag for that.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Keep in step with "engines" in package.json.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Charter needs Node 22.12 or later; this is ${process.versions.node}`);
  process.exit(1);
}

// Node announces node:sqlite (acks, requests, subscribers) and type stripping as experimental on
// every run, which a user can do nothing about: drop those two notices and print every other warning.
const experimental = /^(SQLite|Type Stripping) is an experimental feature/;
const printWarning = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'ExperimentalWarning' && experimental.test(warning.message)) return;
  for (const print of printWarning) print(warning);
});

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (process.features.typescript) {
  const { run } = await import(main);
  process.exitCode = await run(process.argv.slice(2));
} else {
  const child = spawnSync(process.execPath, ['--experimental-strip-types', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = child.status ?? 1;
}
