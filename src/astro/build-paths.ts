import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where a site's server bundle goes. Next to the static files for the default dist/; inside
 * the project for any other output folder, because the bundle imports the project's
 * node_modules and Node resolves packages only upwards from the importing file.
 */
export function serverDir(out: string, target: string): string {
  const absolute = resolve(project, out);
  if (absolute === join(project, 'dist')) return join(absolute, `${target}-server`);
  const key = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  return join(project, 'node_modules', '.cache', 'charter-servers', key, `${target}-server`);
}

/**
 * Astro's cache for a site (content store, incremental build manifest and copies of pages),
 * one per output folder: builds into different folders would otherwise replace each other's
 * manifest, and every build would render every page. Beside the server bundle for any folder
 * but the default dist/, so removing a build's bundles removes its cache too.
 */
export function cacheDir(out: string, target: string): string {
  const absolute = resolve(project, out);
  if (absolute === join(project, 'dist')) return join(project, 'node_modules', '.astro', target);
  return join(dirname(serverDir(out, target)), `${target}-cache`);
}
