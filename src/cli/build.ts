import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { cacheDir, serverDir } from '../astro/build-paths.ts';
import { buildInputsDigest, stampBuild, unchangedSinceLastBuild } from '../astro/build-inputs.ts';
import { writeSearchIndex } from '../astro/search-index.ts';
import { instantText, type Clock } from '../lib/time/clock.ts';
import type { ContentSet } from '../lib/content/load.ts';
import { targets, type Target } from '../lib/content/targets.ts';
import { withBuildLock } from './build-lock.ts';
import { runCheck } from './check.ts';
import type { CharterCommand } from './command.ts';
import { rootOf } from './options.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');

/** Pages Astro wrote for a site, and how many of them it kept from the last build unchanged. */
export interface BuiltPages {
  pages: number;
  kept: number;
  /** The build was skipped: it would have read exactly what the last one read, whose output is untouched. */
  unchanged?: boolean;
}

/**
 * Builds one site in its own process, so the two builds share no module state. With nothing
 * changed since the last build into the same folder (content, git HEAD, Charter, the instant,
 * the environment's settings) and its output untouched, it starts nothing; `full` always builds.
 */
export function buildTarget(target: Target, options: { root: string; out: string; clock: Clock; content: ContentSet; full?: boolean }): Promise<BuiltPages> {
  return withBuildLock(projectRoot, async () => {
    const cache = cacheDir(options.out, target);
    const stamp = join(cache, 'charter-build-inputs.json');
    const outputs = [join(options.out, target), serverDir(options.out, target)];
    const inputs = await buildInputsDigest(target, options.root, instantText(options.clock.now), options.content);
    if (!options.full && (await unchangedSinceLastBuild(stamp, inputs, outputs))) return { pages: 0, kept: 0, unchanged: true };
    await rm(stamp, { force: true });
    // Astro empties the static output, not the server bundle beside it: old chunks would pile up.
    await rm(serverDir(options.out, target), { recursive: true, force: true });
    const built = await astroBuild(target, options);
    // Only the portal is searchable: the trust center has few pages and must ship no index of
    // anything. Indexed after Astro's process has ended, so that Pagefind's memory (about 1 GB at
    // 5,000 documents) is not added to Astro's.
    if (target === 'portal') await writeSearchIndex(join(options.out, target), { dir: cache, reuse: !options.full });
    await stampBuild(stamp, inputs, outputs);
    return built;
  });
}

function astroBuild(target: Target, options: { root: string; out: string; clock: Clock; full?: boolean }): Promise<BuiltPages> {
  // Both sites judge dates at the instant the command read, unless the environment or the content already pins one.
  const pinned = options.clock.source === 'system' ? { CHARTER_NOW: instantText(options.clock.now) } : {};
  return new Promise((done, fail) => {
    // --force: no page is taken from the last build, and the content layer is read afresh.
    const child = spawn(process.execPath, [astroBin, 'build', ...(options.full ? ['--force'] : [])], {
      cwd: projectRoot,
      // Errors reach the terminal (stderr); Astro's progress (stdout) is only counted, as --silent would hide it.
      stdio: ['inherit', 'pipe', 'inherit'],
      env: {
        ...process.env,
        ...pinned,
        CHARTER_TARGET: target,
        CHARTER_ROOT: options.root,
        CHARTER_OUT_DIR: options.out,
        ...(options.full ? { CHARTER_FULL_BUILD: '1' } : {}),
      },
    });
    const built: BuiltPages = { pages: 0, kept: 0 };
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = stripVTControlCharacters(text).trimEnd();
      // Each static file gets a line ending in its render time, or in (cached)/(restored) when it was kept.
      if (/ \((?:cached|restored)\)$/.test(line)) built.kept++;
      else if (!/ \(\+[\d.]+m?s\)/.test(line)) return;
      built.pages++;
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(built) : fail(new Error(`the ${target} build failed (exit ${code})`))));
  });
}

export function buildCommand(program: CharterCommand): void {
  program
    .command('build')
    .description('check, then build dist/portal and dist/trust')
    .addOption(new Option('--target <site>', 'build one site only').choices(targets))
    .option('--out <dir>', 'the folder to build into', 'dist')
    .option(
      '--full',
      'render every page, reusing nothing from the last build (by default a page whose content, neighbours, history and date are unchanged is kept)',
    )
    .action(async (options: { target?: Target; out: string; full?: boolean }, command: CharterCommand) =>
      build(rootOf(command), resolve(options.out), options.target, options.full ?? false),
    );
}

async function build(root: string, out: string, target: Target | undefined, full: boolean): Promise<number> {
  const { ok, clock, content } = await runCheck(root, { quiet: true });
  if (!ok) {
    console.error('Nothing was built: fix the errors above, then build again.');
    return 1;
  }
  for (const site of target ? [target] : targets) {
    const started = performance.now();
    const { pages, kept, unchanged } = await buildTarget(site, { root, out, clock, content, full });
    if (unchanged) {
      console.log(`✓ ${site} unchanged since the last build (same content, history, date and settings): ${join(out, site)}`);
      continue;
    }
    const reused = kept ? ` (${kept.toLocaleString('en-GB')} of ${pages.toLocaleString('en-GB')} files unchanged since the last build)` : '';
    console.log(`✓ ${site} built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${join(out, site)}${reused}`);
  }
  return 0;
}
