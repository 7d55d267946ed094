import type { KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { evidenceDraftSchema } from '../../schemas/evidence.ts';
import { instantText, processClock } from '../time/clock.ts';
import { collectors, type EvidenceStore } from './collectors/index.ts';
import { chainSnapshot, chainsByCollector, loadSnapshots, parseDraft, serialiseSnapshot, snapshotFileName } from './snapshots.ts';
import { verifyChains } from './verify.ts';
import { signSnapshotHash } from './signatures.ts';
import { loadContent } from '../content/load.ts';
import { formatFieldPath, type FieldPath, type Problem } from '../content/problems.ts';
import { directorySource } from '../content/source.ts';
import { contentParseOptions, zodProblems } from '../content/zod-problems.ts';

/**
 * Adding snapshots: `charter evidence collect` runs a built-in collector, `charter evidence
 * import` takes what a company's own script wrote. Both end here, in appendSnapshot, which
 * refuses anything that would make the chain lie.
 */

export type AppendResult = { file: string; snapshot: Record<string, unknown>; problems: [] } | { file?: undefined; problems: Problem[] };

/** A collector's first run looks back this far unless told otherwise. */
const FIRST_RUN_LOOKBACK_DAYS = 30;

/** Clocks differ a little between the machine that collected and the one that imports. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Chains a validated draft onto its collector's latest snapshot and writes it under
 * evidence-snapshots/. Refused when the collector's chain is already broken, a control is
 * unknown, or the draft is not later than the latest snapshot (back-dating).
 */
export async function appendSnapshot(
  root: string,
  label: string,
  raw: Record<string, unknown>,
  now: string = instantText(processClock().now),
  locate: (path: FieldPath) => number | undefined = () => undefined,
  /** Ed25519 key to sign the snapshot's hash with (from CHARTER_EVIDENCE_KEY); unsigned without one. */
  signingKey?: KeyObject,
): Promise<AppendResult> {
  const parsed = evidenceDraftSchema.safeParse(raw, contentParseOptions);
  if (!parsed.success) return { problems: zodProblems(parsed.error, label, locate) };
  const draft = parsed.data;
  const source = directorySource(root);
  const problem = (path: (string | number)[], message: string): Problem => ({
    severity: 'error',
    file: label,
    line: locate(path),
    field: formatFieldPath(path) || undefined,
    message,
  });

  const { content } = await loadContent(source, ['controls']);
  const known = new Set(content.controls.map((c) => c.data.id));
  const unknown = draft.controls.flatMap((code, index) =>
    known.has(code)
      ? []
      : [problem(['controls', index], `unknown control "${code}"; use an id from content/controls/ (e.g. ${[...known].slice(0, 3).join(', ')})`)],
  );
  if (unknown.length) return { problems: unknown };

  if (Date.parse(draft.collectedAt) > Date.parse(now) + CLOCK_SKEW_MS) {
    return { problems: [problem(['collectedAt'], `${draft.collectedAt} is in the future; record the time the collector actually ran`)] };
  }

  const { snapshots } = await loadSnapshots(source);
  const chain = chainsByCollector(snapshots).get(draft.collector) ?? [];
  const broken = verifyChains(chain);
  if (broken.length) {
    return {
      problems: [
        problem(
          ['collector'],
          `the chain of collector "${draft.collector}" is broken, so nothing can be added to it; run charter evidence verify and restore the files it names`,
        ),
        ...broken,
      ],
    };
  }
  const latest = chain[chain.length - 1];
  if (latest && Date.parse(draft.collectedAt) <= Date.parse(latest.data.collectedAt)) {
    return {
      problems: [
        problem(
          ['collectedAt'],
          `${draft.collectedAt} is not after the collector's latest snapshot (${latest.data.collectedAt}, ${latest.file}); snapshots are added in the order they were collected`,
        ),
      ],
    };
  }

  const file = snapshotFileName(draft.collector, draft.collectedAt);
  const snapshot = chainSnapshot(raw, latest?.data);
  if (signingKey) snapshot.signature = signSnapshotHash(snapshot.hash as string, signingKey);
  await mkdir(dirname(join(root, file)), { recursive: true });
  try {
    await writeFile(join(root, file), serialiseSnapshot(snapshot), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { problems: [problem(['collectedAt'], `${file} already exists; two runs of one collector cannot share a second`)] };
  }
  return { file, snapshot, problems: [] };
}

/** Validates a snapshot a company's script wrote (at `path`) and adds it to its chain. */
export async function importEvidence(root: string, path: string, now?: string, signingKey?: KeyObject): Promise<AppendResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { problems: [{ severity: 'error', file: path, message: `cannot read the file: ${(error as Error).message}` }] };
  }
  const { raw, locate, problems } = parseDraft(path, text);
  if (!raw) return { problems };
  return appendSnapshot(root, path, raw, now, locate, signingKey);
}

export interface CollectOptions {
  /** When the collector runs; by default the process clock, without content/site.yaml's asOf: a snapshot records when it was really taken. */
  now?: string;
  /** Start of the span to collect; defaults to where the collector's previous run ended. */
  since?: string;
  /** Controls the snapshot supports, instead of the collector's defaults. */
  controls?: string[];
  store?: EvidenceStore;
  /** Ed25519 key to sign the snapshot with (from CHARTER_EVIDENCE_KEY). */
  signingKey?: KeyObject;
}

export type CollectResult = AppendResult | { skipped: string; file?: undefined; problems: [] };

/** Runs a built-in collector and appends what it found. */
export async function collectEvidence(root: string, name: string, options: CollectOptions = {}): Promise<CollectResult> {
  const collector = collectors.get(name);
  if (!collector) {
    return {
      problems: [
        {
          severity: 'error',
          file: name,
          message: `unknown collector; choose one of ${[...collectors.keys()].join(', ')}, or add snapshots from other systems with charter evidence import`,
        },
      ],
    };
  }
  const now = options.now ?? instantText(processClock().now);
  const source = directorySource(root);
  let since = options.since;
  if (!since) {
    const { snapshots } = await loadSnapshots(source);
    const latest = chainsByCollector(snapshots).get(name)?.at(-1);
    since = latest?.data.period?.to ?? latest?.data.collectedAt ?? instantText(new Date(Date.parse(now) - FIRST_RUN_LOOKBACK_DAYS * 86_400_000));
  }
  const result = await collector.collect({ root, source, now, since, store: options.store });
  if ('skipped' in result) return { skipped: result.skipped, problems: [] };
  const draft: Record<string, unknown> = {
    collector: name,
    collectedAt: now,
    ...(result.period ? { period: result.period } : {}),
    controls: options.controls ?? collector.controls,
    summary: result.summary,
    ...(result.source ? { source: result.source } : {}),
    items: result.items,
  };
  // Through JSON and back, so the hash covers exactly what the file will hold.
  return appendSnapshot(root, `${name} collector`, JSON.parse(JSON.stringify(draft)) as Record<string, unknown>, now, undefined, options.signingKey);
}
