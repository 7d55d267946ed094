import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '../lib/git/git-history.ts';
import { AUDIT_PACKAGES_DIR } from '../lib/audit/published.ts';
import { collections, type CollectionName } from '../lib/content/collections.ts';
import type { ContentSet, Entry } from '../lib/content/load.ts';
import { targetViews, type Target } from '../lib/content/targets.ts';
import { subprocessorHistory } from '../lib/publish/subprocessor-changes.ts';

const project = fileURLToPath(new URL('../../', import.meta.url));

/** What of a content root each site's build reads besides its documents: folders, and git history. */
const siteReads: Record<Target, { folders: readonly string[]; history: (root: string) => Promise<string> }> = {
  // The portal shows every document's history, the evidence and the audit packages.
  portal: {
    folders: ['content', 'frameworks', 'evidence-snapshots', 'public', AUDIT_PACKAGES_DIR],
    history: (root) => git(root, ['rev-parse', 'HEAD']).catch(() => 'no repository'),
  },
  // The trust center shows the history of the sub-processor list only (its change feed).
  trust: {
    folders: ['content', 'public'],
    history: async (root) => JSON.stringify(await subprocessorHistory(root)),
  },
};
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

function documentsOf(content: ContentSet, name: CollectionName): Entry<unknown>[] {
  const documents = content[name] as Entry<unknown> | Entry<unknown>[] | undefined;
  return documents === undefined ? [] : [documents].flat();
}

/**
 * A digest of everything one site's build reads: its documents as the site loads them (the
 * trust center's public projection: an internal policy or a control's mappings are not part of
 * it), the other files of the folders it reads, the git history it shows, Charter's code and
 * dependencies, the instant the build judges dates at, the Node version and the CHARTER_
 * settings of the environment (hashed, never stored). `content` is the checked content of `root`.
 */
export async function buildInputsDigest(
  target: Target,
  root: string,
  instant: string,
  content: ContentSet,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const hash = createHash('sha256');
  const field = (value: string | Buffer) => hash.update(value).update('\0');
  field(target);
  field(instant);
  field(process.version);
  for (const name of Object.keys(env).sort()) if (name.startsWith('CHARTER_') || name === 'SOURCE_DATE_EPOCH') field(`${name}=${env[name]}`);
  const reads = siteReads[target];
  field(await reads.history(root));
  const documentFiles = new Set<string>();
  for (const name of Object.keys(collections) as CollectionName[]) {
    const view = targetViews[target][name];
    for (const document of documentsOf(content, name)) {
      documentFiles.add(document.file);
      // As src/astro/loader.ts stores it: what the view lets through, with its body.
      const data = view?.project(document.data);
      if (data === undefined) continue;
      field(document.file);
      field(JSON.stringify(data));
      field(document.body ?? '');
    }
  }
  for (const [base, paths] of [
    [root, reads.folders],
    [project, CHARTER_FILES],
  ] as const) {
    for (const file of await filesUnder(base, paths)) {
      const path = relative(base, file);
      if (base === root && documentFiles.has(path)) continue;
      field(path);
      field(await readFile(file));
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
