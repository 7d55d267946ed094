import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Marks the start of a build in its cache folder and returns that instant for `removeStaleFiles`:
 * the marker's modification time, from the file system's clock like the output files' times it
 * is compared with (the process's clock may differ: a network file system, a clock faked for a test).
 */
export async function markBuildStart(cacheDir: URL): Promise<number> {
  await mkdir(cacheDir, { recursive: true });
  const marker = new URL('charter-build-started', cacheDir);
  await writeFile(marker, '');
  return (await stat(marker)).mtimeMs;
}

/**
 * Removes what an earlier build left in the output folder and this one did not write or keep.
 * Builds do not empty the folder (removing and copying back thousands of unchanged pages was
 * most of a rebuild), so a page whose document was deleted would otherwise stay. A file is
 * this build's when it was written after `started` (from `markBuildStart`), or when Astro's incremental manifest
 * records it as a page kept from the last build; anything else goes, but for the top-level
 * entries named in `leave` (the search index, which src/astro/search-index.ts looks after).
 */
export async function removeStaleFiles(dir: URL, cacheDir: URL, started: number, leave: readonly string[] = []): Promise<number> {
  const site = fileURLToPath(dir);
  const kept = new Set<string>();
  const manifest = await readFile(new URL('incremental-build.json', cacheDir), 'utf8').catch(() => undefined);
  if (manifest) {
    const routes = (JSON.parse(manifest) as { routes?: Record<string, { paths: Record<string, { outputFile: string }> }> }).routes ?? {};
    for (const route of Object.values(routes)) for (const path of Object.values(route.paths)) kept.add(decodeURI(path.outputFile));
  }
  let removed = 0;
  const visit = async (folder: string): Promise<boolean> => {
    let empty = true;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (folder === site && leave.includes(entry.name)) {
        empty = false;
        continue;
      }
      if (entry.isDirectory()) {
        if (await visit(path)) await rmdir(path);
        else empty = false;
        continue;
      }
      if ((await stat(path)).mtimeMs >= started || kept.has(relative(site, path).split(sep).join('/'))) {
        empty = false;
        continue;
      }
      await rm(path, { force: true });
      removed++;
    }
    return empty;
  };
  await visit(site);
  return removed;
}
