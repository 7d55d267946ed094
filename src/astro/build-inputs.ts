import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '../lib/git/git-history.ts';
import { AUDIT_PACKAGES_DIR } from '../lib/audit/published.ts';

const project = fileURLToPath(new URL('../../', import.meta.url));

/** The folders of a content root a site build reads. */
const CONTENT_FOLDERS = ['content', 'frameworks', 'evidence-snapshots', 'public', AUDIT_PACKAGES_DIR];
/** Charter's own files that shape its output: its code, its build configuration and its locked dependencies. */
const CHARTER_FILES = ['src', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** Every file under `paths` (files or folders, relative to `base`), sorted; missing ones are left out. */
async function filesUnder(base: string, paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = join(base, path);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isFile()) files.push(absolute);
    else if (info?.isDirectory()) {
      const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
      for (const entry of entries) if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

/**
 * A digest of everything one site's build reads: the content root's files and git HEAD (the
 * history pages show), Charter's code and dependencies, the instant the build judges dates at,
 * the Node version and the CHARTER_ settings of the environment (hashed, never stored).
 */
export async function buildInputsDigest(target: string, root: string, instant: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const hash = createHash('sha256');
  const field = (value: string) => hash.update(value).update('\0');
  field(target);
  field(instant);
  field(process.version);
  for (const name of Object.keys(env).sort()) if (name.startsWith('CHARTER_') || name === 'SOURCE_DATE_EPOCH') field(`${name}=${env[name]}`);
  field(await git(root, ['rev-parse', 'HEAD']).catch(() => 'no repository'));
  for (const [base, paths] of [
    [root, CONTENT_FOLDERS],
    [project, CHARTER_FILES],
  ] as const) {
    for (const file of await filesUnder(base, paths)) {
      field(relative(base, file));
      hash.update(await readFile(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

/** The files of a build's output folders with their sizes and modification times: what a later build finds there. */
async function outputDigest(folders: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await filesUnder('/', folders)) {
    const { size, mtimeMs } = await stat(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}

interface BuildStamp {
  inputs: string;
  output: string;
}

/**
 * Whether the last build into `outputs` read the same inputs and left its output untouched since,
 * so building again would write the same files. The stamp lives in the site's cache folder, never
 * in the published output.
 */
export async function unchangedSinceLastBuild(stampFile: string, inputs: string, outputs: readonly string[]): Promise<boolean> {
  const stamp = await readFile(stampFile, 'utf8')
    .then((text) => JSON.parse(text) as BuildStamp)
    .catch(() => undefined);
  return stamp?.inputs === inputs && stamp.output === (await outputDigest(outputs));
}

/** Records what a finished build read and wrote, for `unchangedSinceLastBuild`. */
export async function stampBuild(stampFile: string, inputs: string, outputs: readonly string[]): Promise<void> {
  const stamp: BuildStamp = { inputs, output: await outputDigest(outputs) };
  await mkdir(dirname(stampFile), { recursive: true });
  await writeFile(stampFile, JSON.stringify(stamp));
}
