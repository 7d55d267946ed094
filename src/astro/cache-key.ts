import { createHash } from 'node:crypto';

/**
 * A `cacheKey` for a `getStaticPaths()` entry (Astro's `experimental.incrementalBuild`): a digest
 * of everything the page shows that does not come from code. Astro skips a page whose key and
 * module graph are unchanged since the last build and keeps its previous output, so a value
 * the page shows but the key leaves out would go stale: pass the values themselves (the
 * document, its neighbours' titles, its history, the date it is judged at), not ids.
 */
export function cacheKey(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(JSON.stringify(part, plain) ?? 'undefined').update('\0');
  return hash.digest('base64url');
}

/** Maps and sets as their entries; JSON would write {} for them. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  return value;
}
