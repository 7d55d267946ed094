import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { serverDir } from '../astro/build-paths.ts';
import { instantText, type Clock } from '../lib/time/clock.ts';
import { targets, type Target } from '../lib/content/targets.ts';
import { withBuildLock } from './build-lock.ts';
import { runCheck } from './check.ts';
import type { CharterCommand } from './command.ts';
import { rootOf } from './options.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

/** Builds one site in its own process, so the two builds share no module state. */
export function buildTarget(target: Target, options: { root: string; out: string; clock?: Clock }): Promise<void> {
  return withBuildLock(projectRoot, async () => {
    // Astro empties the static output, not the server bundle beside it: old chunks would pile up.
    await rm(serverDir(options.out, target), { recursive: true, force: true });
    await astroBuild(target, options);
  });
}

function astroBuild(target: Target, options: { root: string; out: string; clock?: Clock }): Promise<void> {
  // Both sites judge dates at the instant the command read, unless the environment or the content already pins one.
  const pinned = options.clock?.source === 'system' ? { CHARTER_NOW: instantText(options.clock.now) } : {};
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [astroBin, 'build', '--silent'], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, ...pinned, CHARTER_TARGET: target, CHARTER_ROOT: options.root, CHARTER_OUT_DIR: options.out },
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`the ${target} build failed (exit ${code})`))));
  });
}

export function buildCommand(program: CharterCommand): void {
  program
    .command('build')
    .description('check, then build dist/portal and dist/trust')
    .addOption(new Option('--target <site>', 'build one site only').choices(targets))
    .option('--out <dir>', 'the folder to build into', 'dist')
    .action(async (options: { target?: Target; out: string }, command: CharterCommand) => build(rootOf(command), resolve(options.out), options.target));
}

async function build(root: string, out: string, target: Target | undefined): Promise<number> {
  const { ok, clock } = await runCheck(root, { quiet: true });
  if (!ok) {
    console.error('Nothing was built: fix the errors above, then build again.');
    return 1;
  }
  for (const site of target ? [target] : targets) {
    const started = performance.now();
    await buildTarget(site, { root, out, clock });
    console.log(`✓ ${site} built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${join(out, site)}`);
  }
  return 0;
}
