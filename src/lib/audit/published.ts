import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Manifest } from './package.ts';

/**
 * Audit packages the portal offers for download. `charter audit-package --out audit-packages`
 * writes `<name>.zip` into the content root's audit-packages/ folder; the portal build reads that
 * folder, checks each zip against its own manifest.json, and publishes the latest package of each
 * framework at /exports/audit-packages/<name>.zip. The exports page links exactly the files the
 * build publishes, so it never links a package that is not there.
 */

/** The folder under the content root that the build publishes packages from. */
export const AUDIT_PACKAGES_DIR = 'audit-packages';

export interface PublishedPackage {
  /** The zip's file name, e.g. audit-package-soc2-2025-04-01-2026-03-31.zip. */
  file: string;
  framework: string;
  period: { from: string; to: string };
  madeOn: string;
  /** Files in the package, manifest.json included. */
  files: number;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Reads one zip: the package it holds, or why it cannot be published. */
export function readPackage(file: string, bytes: Uint8Array): PublishedPackage | { problem: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    return { problem: `not a readable zip (${(error as Error).message})` };
  }
  const name = file.replace(/\.zip$/, '');
  const manifestBytes = entries[`${name}/manifest.json`];
  if (!manifestBytes) return { problem: `has no ${name}/manifest.json; write packages with charter audit-package and keep their file names` };
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as Partial<Manifest>;
  } catch {
    return { problem: `${name}/manifest.json is not JSON` };
  }
  const { framework, period, madeOn, files } = manifest;
  if (typeof framework !== 'string' || !isDay(period?.from) || !isDay(period?.to) || !isDay(madeOn) || !Array.isArray(files))
    return { problem: `${name}/manifest.json lacks framework, period, madeOn or files` };
  const listed = new Set<string>();
  for (const entry of files) {
    const content = entries[`${name}/${entry.path}`];
    if (!content) return { problem: `${entry.path} is listed in manifest.json but missing from the zip` };
    if (sha256(content) !== entry.sha256) return { problem: `${entry.path} does not match the SHA-256 in manifest.json` };
    listed.add(`${name}/${entry.path}`);
  }
  const extra = Object.keys(entries).find((path) => !path.endsWith('/') && path !== `${name}/manifest.json` && !listed.has(path));
  if (extra) return { problem: `${extra} is in the zip but not in manifest.json` };
  return { file, framework, period: { from: period.from, to: period.to }, madeOn, files: files.length + 1, size: bytes.length, sha256: sha256(bytes), bytes };
}

/**
 * The latest sound package of each framework in `<root>/audit-packages/` (the one whose period ends
 * last, then the one made last), sorted by framework; and a sentence for each zip left out.
 */
export async function latestAuditPackages(root: string): Promise<{ packages: PublishedPackage[]; problems: string[] }> {
  const folder = join(root, AUDIT_PACKAGES_DIR);
  const names = await readdir(folder).then(
    (all) => all.filter((name) => name.endsWith('.zip')).sort(),
    () => [] as string[],
  );
  const problems: string[] = [];
  const latest = new Map<string, PublishedPackage>();
  for (const name of names) {
    const read = readPackage(name, new Uint8Array(await readFile(join(folder, name))));
    if ('problem' in read) {
      problems.push(`${AUDIT_PACKAGES_DIR}/${name}: ${read.problem}; the portal does not offer it`);
      continue;
    }
    const current = latest.get(read.framework);
    const newer = !current || `${read.period.to} ${read.madeOn}` > `${current.period.to} ${current.madeOn}`;
    if (newer) latest.set(read.framework, read);
  }
  return { packages: [...latest.values()].sort((a, b) => a.framework.localeCompare(b.framework)), problems };
}
