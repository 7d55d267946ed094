import { canonicalJson } from '../canonical-json.ts';
import { processClock } from '../time/clock.ts';
import { subprocessorsSchema, type Subprocessor } from '../../schemas/subprocessor.ts';
import { fileHistory, readRevisions } from '../git/git-history.ts';
import { slug } from '../graph/ids.ts';
import { parseContentFile } from '../content/read.ts';

/**
 * The one comparison of two versions of the sub-processor list, used by the pull-request
 * summary (`charter diff`) and the public feed, so both agree on what was added, removed or
 * changed. Sub-processors are matched by name ignoring case and spacing: "Acme Inc" renamed
 * "ACME Inc" is the same company, edited, not removed and added.
 *
 * - `changed`: a material field (`materialFields`) differs; customers hear of it in the feed.
 * - `edited`: only other fields differ (website, the spelling of the name, `since`); the
 *   pull-request summary shows it, the feed does not.
 */
export type SubprocessorDifferenceKind = 'added' | 'removed' | 'changed' | 'edited';

/** A field whose value differs between two versions of one sub-processor. */
export interface SubprocessorFieldEdit {
  field: keyof Subprocessor;
  before: unknown;
  after: unknown;
}

export interface SubprocessorDifference {
  kind: SubprocessorDifferenceKind;
  /** As the newer version writes it (the older one for a removal). */
  name: string;
  /** The sub-processor after the change; for a removal, as it was before. */
  subprocessor: Subprocessor;
  /** For `changed`: the material fields whose values differ. */
  fields?: MaterialField[];
  /** For `changed` and `edited`: every field whose value differs. */
  edits?: SubprocessorFieldEdit[];
}

/** Fields whose change a customer must hear about; a new website or a typo fix is not news. */
export const materialFields = ['purpose', 'data', 'location', 'transferMechanism'] as const;
export type MaterialField = (typeof materialFields)[number];

/** What identifies a sub-processor across versions of the list: its name, ignoring case and spacing. */
export const subprocessorKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Every difference between two versions of the list: additions and changes in the newer list's order, then removals. */
export function diffSubprocessors(before: readonly Subprocessor[], after: readonly Subprocessor[]): SubprocessorDifference[] {
  const old = new Map(before.map((s) => [subprocessorKey(s.name), s]));
  const now = new Map(after.map((s) => [subprocessorKey(s.name), s]));
  const differences: SubprocessorDifference[] = [];
  for (const [key, s] of now) {
    const previous = old.get(key);
    if (!previous) {
      differences.push({ kind: 'added', name: s.name, subprocessor: s });
      continue;
    }
    const keys = [...new Set([...Object.keys(previous), ...Object.keys(s)])] as (keyof Subprocessor)[];
    const edits = keys.filter((field) => !same(previous[field], s[field])).map((field) => ({ field, before: previous[field], after: s[field] }));
    if (!edits.length) continue;
    const fields = materialFields.filter((field) => edits.some((edit) => edit.field === field));
    differences.push(
      fields.length ? { kind: 'changed', name: s.name, subprocessor: s, fields, edits } : { kind: 'edited', name: s.name, subprocessor: s, edits },
    );
  }
  for (const [key, s] of old) if (!now.has(key)) differences.push({ kind: 'removed', name: s.name, subprocessor: s });
  return differences;
}

export type SubprocessorChangeKind = Exclude<SubprocessorDifferenceKind, 'edited'>;

/** One addition, removal or material change to the sub-processor list, as customers are notified of it. */
export interface SubprocessorChange extends SubprocessorDifference {
  kind: SubprocessorChangeKind;
  /**
   * When the change was published: the commit that made it, or, for the list as first
   * recorded (or without any git history), the sub-processor's `since` date.
   */
  date: string;
  /** Where `date` comes from. */
  dateSource: 'commit' | 'since' | 'build';
}

/** How the Atom feed and the subscriber emails title each kind of change ("New sub-processor: Snowflake Inc."); one map so both read the same. */
export const subprocessorChangeHeadings: Record<SubprocessorChangeKind, string> = {
  added: 'New sub-processor',
  removed: 'Sub-processor removed',
  changed: 'Sub-processor changed',
};

/** One recorded state of the list. */
export interface SubprocessorVersion {
  /** ISO 8601 date-time of the commit, or undefined for the list as it is now. */
  date?: string;
  subprocessors: Subprocessor[];
}

/** The differences customers are told of: everything but edits to fields that are not material. */
const isNotifiable = (difference: SubprocessorDifference): difference is SubprocessorDifference & { kind: SubprocessorChangeKind } =>
  difference.kind !== 'edited';

/**
 * The changes a series of versions (oldest first) records, newest first. The oldest version
 * is the list as it stood before any recorded change, so each of its sub-processors counts
 * as added on its `since` date.
 */
export function changesFromVersions(versions: SubprocessorVersion[], buildDate: string): SubprocessorChange[] {
  const [first, ...later] = versions;
  if (!first) return [];
  const changes: SubprocessorChange[] = first.subprocessors.map((s) => ({ kind: 'added', name: s.name, date: s.since, dateSource: 'since', subprocessor: s }));
  let previous = first.subprocessors;
  for (const version of later) {
    for (const change of diffSubprocessors(previous, version.subprocessors).filter(isNotifiable)) {
      changes.push({ ...change, date: version.date ?? buildDate, dateSource: version.date ? 'commit' : 'build' });
    }
    previous = version.subprocessors;
  }
  return changes.sort((a, b) => Date.parse(withZone(b.date)) - Date.parse(withZone(a.date)) || a.name.localeCompare(b.name));
}

const withZone = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);

/** Parses one version of the file; a version that no longer validates is skipped, not fatal. */
function parseVersion(path: string, text: string): Subprocessor[] | undefined {
  const raw = parseContentFile('subprocessors', path, text).entry;
  if (!raw) return undefined;
  const parsed = subprocessorsSchema.safeParse(raw.data);
  return parsed.success ? parsed.data.subprocessors : undefined;
}

/** Every committed version of the sub-processor file, oldest first; empty without git history. */
export async function subprocessorHistory(root: string, path = 'content/subprocessors.yaml'): Promise<SubprocessorVersion[]> {
  const commits = await fileHistory(root, path);
  if (commits.length === 0) return [];
  // `git log` names each commit's path from the repository's top, as `commit:path` reads it.
  const texts = await readRevisions(
    root,
    commits.map((commit) => `${commit.hash}:${commit.path}`),
  );
  const versions: SubprocessorVersion[] = [];
  for (const commit of commits.toReversed()) {
    const text = texts.get(`${commit.hash}:${commit.path}`);
    const subprocessors = text === undefined ? undefined : parseVersion(commit.path, text);
    if (subprocessors) versions.push({ date: commit.date, subprocessors });
  }
  return versions;
}

/**
 * The feed of changes for the list the site shows (`current`). Derived from the file's git
 * history; an uncommitted edit counts as a change made at build time; without history,
 * every sub-processor is one addition on its `since` date.
 */
export async function subprocessorChanges(root: string, current: Subprocessor[], options: { path?: string; now?: Date } = {}): Promise<SubprocessorChange[]> {
  const versions = await subprocessorHistory(root, options.path);
  const newest = versions.at(-1);
  if (!newest || !same(newest.subprocessors, current)) versions.push({ subprocessors: current });
  return changesFromVersions(versions, (options.now ?? processClock().now).toISOString());
}

/** The date of the most recent change, YYYY-MM-DD, or undefined for an empty list. */
export function lastChangeDate(changes: SubprocessorChange[]): string | undefined {
  return changes[0]?.date.slice(0, 10);
}

/** A stable anchor for a sub-processor's table row, e.g. "snowflake-inc". */
export const subprocessorAnchor = (name: string) => slug(name);
