import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { chainFields, evidenceDraftSchema, evidenceSnapshotSchema, type EvidenceDraft, type EvidenceSnapshot } from '../../schemas/evidence.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { FieldPath, Problem } from '../content/problems.ts';
import { fieldLocator } from '../content/read.ts';
import type { ContentSource } from '../content/source.ts';
import { contentParseOptions, zodProblems } from '../content/zod-problems.ts';

/**
 * The snapshot file format: one JSON file per collection run in evidence-snapshots/, named
 * after its collector and collection time, and chained to the collector's previous snapshot
 * by hash. Verification of the chains lives in evidence-verify.ts.
 */

export const SNAPSHOTS_DIR = 'evidence-snapshots';

/** A snapshot read from a file, with what it takes to report a problem at the right line. */
export interface SnapshotFile {
  /** Path relative to the content root, e.g. evidence-snapshots/git-change-management.2026-11-20T060000Z.json. */
  file: string;
  data: EvidenceSnapshot;
  /** The object exactly as written: hashes are computed over it, not over the validated copy. */
  raw: Record<string, unknown>;
  locate(path: FieldPath): number | undefined;
}

/** SHA-256 of a snapshot's canonical JSON, leaving out its own `hash` and the `signature` of that hash. */
export function snapshotHash(snapshot: Record<string, unknown>): string {
  const { hash: _ignored, signature: _signature, ...rest } = snapshot;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** `2026-11-20T06:00:00.123Z` → `2026-11-20T060000Z`: sortable, and valid on every file system. */
export function timestampStamp(collectedAt: string): string {
  return `${collectedAt.slice(0, 10)}T${collectedAt.slice(11, 19).replaceAll(':', '')}Z`;
}

/** Where a snapshot must live: its name is derived from its content, so a re-dated file stands out. */
export function snapshotFileName(collector: string, collectedAt: string): string {
  return `${SNAPSHOTS_DIR}/${collector}.${timestampStamp(collectedAt)}.json`;
}

/** The JSON Schema of what a collector writes, published as docs/evidence.schema.json for companies' scripts. */
export function snapshotJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(evidenceDraftSchema) as Record<string, unknown>;
  return { $schema, title: 'Charter evidence snapshot', ...rest };
}

/** Adds a draft to its collector's chain: the next sequence number, the previous hash, its own hash. */
export function chainSnapshot(draft: Record<string, unknown>, previous?: Pick<EvidenceSnapshot, 'sequence' | 'hash'>): Record<string, unknown> {
  const { hash: _h, sequence: _s, previous: _p, signature: _g, ...content } = draft;
  const chained: Record<string, unknown> = { ...content, sequence: previous ? previous.sequence + 1 : 1, previous: previous?.hash ?? null };
  chained.hash = snapshotHash(chained);
  return chained;
}

/** The text written to disk: indented for people, newline-terminated for git. */
export function serialiseSnapshot(snapshot: Record<string, unknown>): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Parses JSON, keeping a way to find the line of any field (JSON is YAML, so the YAML parser can tell). */
function parseJson(file: string, text: string): { value?: unknown; locate: SnapshotFile['locate']; problems: Problem[] } {
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument> | undefined;
  const locate = fieldLocator(() => (doc ??= parseDocument(text, { lineCounter, schema: 'core' })), lineCounter);
  try {
    return { value: JSON.parse(text), locate, problems: [] };
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    return { locate, problems: [{ severity: 'error', file, line, message: `not valid JSON: ${(error as Error).message}` }] };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads one chained snapshot file, or the problems that make it unreadable. */
export function parseSnapshot(file: string, text: string): { snapshot?: SnapshotFile; problems: Problem[] } {
  const { value, locate, problems } = parseJson(file, text);
  if (problems.length) return { problems };
  if (!isObject(value)) return { problems: [{ severity: 'error', file, line: 1, message: 'a snapshot must be a JSON object' }] };
  const result = evidenceSnapshotSchema.safeParse(value, contentParseOptions);
  if (!result.success) return { problems: zodProblems(result.error, file, locate) };
  return { snapshot: { file, data: result.data, raw: value, locate }, problems: [] };
}

/**
 * Validates what a collector script wrote, before it is chained. Chain fields are refused
 * rather than overwritten: a file that has them is an existing snapshot being imported twice.
 */
export function parseDraft(
  file: string,
  text: string,
): { draft?: EvidenceDraft; raw?: Record<string, unknown>; locate?: SnapshotFile['locate']; problems: Problem[] } {
  const { value, locate, problems } = parseJson(file, text);
  if (problems.length) return { problems };
  if (!isObject(value)) return { problems: [{ severity: 'error', file, line: 1, message: 'a snapshot must be a JSON object' }] };
  const present = chainFields.filter((field) => field in value);
  if (present.length) {
    return {
      problems: [
        {
          severity: 'error',
          file,
          line: locate([present[0]!]),
          field: present[0],
          message: `${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} added by charter when it chains the snapshot; leave ${present.length > 1 ? 'them' : 'it'} out of the file you import (is this an existing snapshot being imported twice?)`,
        },
      ],
    };
  }
  const result = evidenceDraftSchema.safeParse(value, contentParseOptions);
  if (!result.success) return { problems: zodProblems(result.error, file, locate) };
  return { draft: result.data, raw: value, locate, problems: [] };
}

/** Reads files a few at a time: a git revision source starts one process per file. */
async function readLimited(source: ContentSource, files: readonly string[], limit = 16): Promise<(string | undefined)[]> {
  const texts = new Array<string | undefined>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      texts[index] = await source.read(files[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, files.length) }, worker));
  return texts;
}

/** Every snapshot under evidence-snapshots/ of a source (the working tree or a git revision). */
export async function loadSnapshots(source: ContentSource): Promise<{ snapshots: SnapshotFile[]; problems: Problem[] }> {
  const files = (await source.list(SNAPSHOTS_DIR)).filter((file) => file.endsWith('.json'));
  const texts = await readLimited(source, files);
  const snapshots: SnapshotFile[] = [];
  const problems: Problem[] = [];
  files.forEach((file, index) => {
    const text = texts[index];
    if (text === undefined) return;
    const parsed = parseSnapshot(file, text);
    problems.push(...parsed.problems);
    if (parsed.snapshot) snapshots.push(parsed.snapshot);
  });
  return { snapshots, problems };
}

/** Snapshots grouped by collector, each chain in sequence order. */
export function chainsByCollector(snapshots: readonly SnapshotFile[]): Map<string, SnapshotFile[]> {
  const chains = new Map<string, SnapshotFile[]>();
  for (const snapshot of snapshots) {
    const chain = chains.get(snapshot.data.collector) ?? [];
    chain.push(snapshot);
    chains.set(snapshot.data.collector, chain);
  }
  for (const chain of chains.values()) {
    chain.sort((a, b) => a.data.sequence - b.data.sequence || a.data.collectedAt.localeCompare(b.data.collectedAt) || a.file.localeCompare(b.file));
  }
  return new Map([...chains].sort(([a], [b]) => a.localeCompare(b)));
}
