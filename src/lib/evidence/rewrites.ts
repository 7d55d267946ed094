import { canonicalJson } from '../canonical-json.ts';
import type { Problem } from '../content/problems.ts';
import type { ContentSource } from '../content/source.ts';
import { SNAPSHOTS_DIR } from './snapshots.ts';

/**
 * Evidence is append-only: a change may add snapshots, never edit, delete or rename one that the
 * base revision has, nor shorten a collector's chain. `charter diff` (and so the pull-request
 * check) reports each such rewrite as an error, so quietly re-hashing or dropping the newest
 * snapshot, which a hash chain alone cannot notice, fails review.
 */

/** The snapshot files of one side, path → text. */
export type SnapshotTexts = ReadonlyMap<string, string>;

/** Every evidence-snapshots/*.json file of a source (working tree or git revision) with its text. */
export async function readSnapshotTexts(source: ContentSource): Promise<Map<string, string>> {
  const files = (await source.list(SNAPSHOTS_DIR)).filter((file) => file.endsWith('.json'));
  const texts = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      const text = await source.read(file);
      if (text !== undefined) texts.set(file, text);
    }),
  );
  return new Map([...texts].sort(([a], [b]) => a.localeCompare(b)));
}

interface Parsed {
  /** Canonical JSON of the file, or its text when it is not JSON: equal means the same evidence. */
  identity: string;
  collector?: string;
  sequence?: number;
}

function parse(file: string, text: string): Parsed {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return {
      identity: canonicalJson(value),
      collector: typeof value.collector === 'string' ? value.collector : undefined,
      sequence: typeof value.sequence === 'number' ? value.sequence : undefined,
    };
  } catch {
    return { identity: text, collector: file.slice(SNAPSHOTS_DIR.length + 1).split('.')[0] };
  }
}

/** The rewrites of evidence between the base and the proposed side, as errors naming the files. */
export function snapshotRewrites(before: SnapshotTexts, after: SnapshotTexts, baseLabel: string): Problem[] {
  const problems: Problem[] = [];
  const error = (file: string, message: string) => problems.push({ severity: 'error', file, message });
  const base = new Map([...before].map(([file, text]) => [file, parse(file, text)]));
  const head = new Map([...after].map(([file, text]) => [file, parse(file, text)]));
  const added = [...head].filter(([file]) => !base.has(file));
  for (const [file, was] of base) {
    const now = head.get(file);
    if (now) {
      // Whitespace and key order are formatting; anything else is a change to the evidence.
      if (now.identity !== was.identity)
        error(
          file,
          `the snapshot exists at ${baseLabel} and was edited; evidence is append-only: restore the file from ${baseLabel} and add a new snapshot instead`,
        );
      continue;
    }
    const moved = added.find(([, candidate]) => candidate.identity === was.identity);
    if (moved)
      error(
        moved[0],
        `renamed from ${file}, which exists at ${baseLabel}; a snapshot's name is derived from its collector and time: restore the original file name`,
      );
    else error(file, `the snapshot exists at ${baseLabel} and was deleted; evidence is append-only: restore the file from ${baseLabel}`);
  }
  const longest = (side: Map<string, Parsed>) => {
    const length = new Map<string, number>();
    for (const { collector, sequence } of side.values())
      if (collector !== undefined && sequence !== undefined) length.set(collector, Math.max(length.get(collector) ?? 0, sequence));
    return length;
  };
  const lengthAfter = longest(head);
  for (const [collector, length] of longest(base)) {
    const now = lengthAfter.get(collector) ?? 0;
    if (now < length)
      error(
        `${SNAPSHOTS_DIR}/${collector}`,
        `the chain of collector "${collector}" is shorter than at ${baseLabel} (${now} snapshots, was ${length}); restore the removed snapshots`,
      );
  }
  return problems;
}
