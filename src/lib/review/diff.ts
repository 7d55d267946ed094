import semver from 'semver';
import type { Subprocessor } from '../../schemas/subprocessor.ts';
import { canonicalJson } from '../canonical-json.ts';
import { controlId } from '../graph/ids.ts';
import { requirementStatus, coverage, type Coverage, type RequirementStatus } from '../graph/coverage.ts';
import type { ComplianceGraph } from '../graph/graph.ts';
import type { ContentSet, Entry } from '../content/load.ts';
import type { Problem } from '../content/problems.ts';
import { diffSubprocessors, type SubprocessorDifference } from '../publish/subprocessor-changes.ts';
import { snapshotRewrites, type SnapshotTexts } from '../evidence/rewrites.ts';

/**
 * What changed in the compliance content between two revisions, in the terms a reviewer
 * approves: documents and their versions, who must acknowledge again, coverage, sub-processors
 * and review dates. Pure: the caller loads both sides (see src/cli/diff.ts).
 */

/** One side of the comparison: content as loaded and its resolved graph. */
export interface ContentSnapshot {
  /** What the reader calls this side, e.g. `origin/main (3f2a9c1)` or `working tree`. */
  label: string;
  content: ContentSet;
  graph: ComplianceGraph;
  /** Validation problems of this side; the errors of the proposed side are reported in the summary. */
  problems?: readonly Problem[];
  /** The evidence-snapshots/*.json files of this side (path → text); with both sides, rewrites of evidence are errors. */
  evidence?: SnapshotTexts;
}

export type VersionBump = 'major' | 'minor' | 'patch' | 'none' | 'lower';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DocumentChange {
  kind: 'policy' | 'runbook';
  /** Namespaced id, e.g. policy:access-control. */
  id: string;
  title: string;
  /** `renamed`: only the file moved; `changed` may also carry `previousFile`. */
  status: 'added' | 'removed' | 'changed' | 'renamed';
  /** The file on the proposed side (on the base side for a removed document). */
  file: string;
  /** The base side's file when the document moved. */
  previousFile?: string;
  /** Policies only: versions before and after, and what kind of bump that is. */
  version?: { before?: string; after?: string; bump?: VersionBump };
  bodyChanged: boolean;
  /** Frontmatter fields whose value changed (defaults applied, so writing a default out is no change). */
  fieldsChanged: string[];
}

export interface AcknowledgementDue {
  policy: string;
  title: string;
  file: string;
  version: string;
  previousVersion?: string;
  reason: 'major version' | 'acknowledgement newly required' | 'new policy' | 'audience widened';
  /** The groups who must (or, without acknowledgement, should) read it again. */
  audience: string[];
  /** Whether the policy asks for an acknowledgement; if not, the audience is only informed. */
  acknowledgement: boolean;
}

export interface ControlChange {
  id: string;
  code: string;
  title: string;
  file: string;
  status: 'added' | 'removed' | 'changed';
  mappingsAdded: string[];
  mappingsRemoved: string[];
  policiesAdded: string[];
  policiesRemoved: string[];
  runbooksAdded: string[];
  runbooksRemoved: string[];
  fieldsChanged: string[];
}

export type RequirementState = RequirementStatus | 'absent';

export interface RequirementChange {
  id: string;
  code: string;
  title: string;
  before: RequirementState;
  after: RequirementState;
  controlsBefore: string[];
  controlsAfter: string[];
}

export interface FrameworkChange {
  framework: string;
  name: string;
  before?: Coverage;
  after?: Coverage;
  /** Every requirement whose status or mapped controls changed. */
  requirements: RequirementChange[];
  /** Requirements that were covered, excluded or absent before and are uncovered now. */
  newlyUncovered: string[];
  newlyCovered: string[];
}

/** Sub-processor changes as `diffSubprocessors` finds them, so this summary and the public feed agree. */
export interface SubprocessorChanges {
  added: Subprocessor[];
  removed: Subprocessor[];
  /** A material field changed: the public feed announces it. Every changed field is listed. */
  changed: { name: string; changes: FieldChange[] }[];
  /** Only other fields changed (website, the spelling of the name, since): not announced. */
  edited: { name: string; changes: FieldChange[] }[];
  /** Adding or removing a sub-processor obliges the company to tell its customers. */
  customersMustBeNotified: boolean;
}

export interface ReviewDateChange {
  policy: string;
  title: string;
  file: string;
  changes: FieldChange[];
  nextReview: { before: string; after: string };
}

export interface OtherChange {
  file: string;
  status: 'added' | 'removed' | 'changed';
}

export interface ReviewSummary {
  base: string;
  head: string;
  documents: DocumentChange[];
  acknowledgements: AcknowledgementDue[];
  controls: ControlChange[];
  frameworks: FrameworkChange[];
  subprocessors: SubprocessorChanges;
  reviewDates: ReviewDateChange[];
  /** Files of other kinds (trust pages, boundary, site settings, catalogs) that changed. */
  otherChanges: OtherChange[];
  /** What the change itself gets wrong (version not bumped or lowered) and what needs a second look. */
  findings: Problem[];
  /** Validation errors in the proposed content, as `charter check` reports them. */
  invalid: Problem[];
  errors: number;
  warnings: number;
  /** Whether anything a reviewer approves changed at all. */
  hasChanges: boolean;
}

// ---------------------------------------------------------------- versions

/** How `after` relates to `before` under semver; `lower` when the version went down. */
export function versionBump(before: string, after: string): VersionBump {
  const a = semver.parse(before);
  const b = semver.parse(after);
  if (!a || !b) return before === after ? 'none' : 'patch';
  const order = semver.compare(b, a);
  if (order < 0) return 'lower';
  if (order === 0) return 'none';
  return b.major !== a.major ? 'major' : b.minor !== a.minor ? 'minor' : 'patch';
}

/** The next versions a reviewer may choose from, for messages that say what to write. */
export function nextVersions(version: string): { patch: string; minor: string; major: string } {
  const current = semver.valid(version) ?? '0.0.0';
  return { patch: semver.inc(current, 'patch')!, minor: semver.inc(current, 'minor')!, major: semver.inc(current, 'major')! };
}

// ---------------------------------------------------------------- comparison helpers

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => !same(before[key], after[key]));
}

/** Line endings and trailing spaces are invisible to readers, so they are no change. */
function normaliseBody(body: string | undefined): string {
  return (body ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

function setDifference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x)).sort();
}

function byId<T extends { id: string }>(entries: readonly Entry<T>[]): Map<string, Entry<T>> {
  const map = new Map<string, Entry<T>>();
  for (const entry of entries) if (!map.has(entry.data.id)) map.set(entry.data.id, entry);
  return map;
}

const line = (entry: Entry<unknown> | undefined, field: string) => entry?.locate?.([field]);

// ---------------------------------------------------------------- documents

/** Changing these fields records a review; it does not change what the policy says. */
const REVIEW_RECORD_FIELDS = new Set(['version', 'lastReviewed']);

function compareDocuments(
  kind: 'policy' | 'runbook',
  before: readonly Entry<Record<string, unknown> & { id: string; title: string }>[],
  after: readonly Entry<Record<string, unknown> & { id: string; title: string }>[],
  findings: Problem[],
  invalidFiles: ReadonlySet<string>,
): DocumentChange[] {
  const old = byId(before);
  const now = byId(after);
  const changes: DocumentChange[] = [];
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort();
  const noun = kind === 'policy' ? 'policy' : 'runbook';
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    const namespaced = `${kind}:${id}`;
    if (!a && b) {
      changes.push({
        kind,
        id: namespaced,
        title: b.data.title,
        status: 'added',
        file: b.file,
        version: kind === 'policy' ? { after: b.data.version as string } : undefined,
        bodyChanged: true,
        fieldsChanged: [],
      });
      continue;
    }
    if (a && !b) {
      // A file that fails validation is not gone; its errors are reported on their own.
      if (invalidFiles.has(a.file)) continue;
      changes.push({
        kind,
        id: namespaced,
        title: a.data.title,
        status: 'removed',
        file: a.file,
        version: kind === 'policy' ? { before: a.data.version as string } : undefined,
        bodyChanged: true,
        fieldsChanged: [],
      });
      // The same file now holding another id is an id change, which breaks links and acknowledgements.
      const successor = after.find((entry) => entry.file === a.file && entry.data.id !== id);
      findings.push(
        successor
          ? {
              severity: 'warning',
              file: a.file,
              line: line(successor, 'id'),
              field: 'id',
              message: `${noun} id changed from "${id}" to "${successor.data.id}": links to /${kind}s/${id}/ break${kind === 'policy' ? ' and earlier acknowledgements no longer count' : ''}; keep the old id unless that is intended`,
            }
          : {
              severity: 'warning',
              file: a.file,
              message: `${noun} "${a.data.title}" is removed; employees can no longer read it in the portal — make sure a replacement exists or the removal is approved`,
            },
      );
      continue;
    }
    if (!a || !b) continue;
    const bodyChanged = normaliseBody(a.body) !== normaliseBody(b.body);
    const fieldsChanged = changedFields(a.data, b.data);
    const moved = a.file !== b.file;
    if (!bodyChanged && !fieldsChanged.length && !moved) continue;
    const change: DocumentChange = {
      kind,
      id: namespaced,
      title: b.data.title,
      status: !bodyChanged && !fieldsChanged.length ? 'renamed' : 'changed',
      file: b.file,
      bodyChanged,
      fieldsChanged,
    };
    if (moved) change.previousFile = a.file;
    if (kind === 'policy') {
      const from = a.data.version as string;
      const to = b.data.version as string;
      const bump = versionBump(from, to);
      change.version = { before: from, after: to, bump };
      const substantive = bodyChanged || fieldsChanged.some((field) => !REVIEW_RECORD_FIELDS.has(field));
      const next = nextVersions(from);
      if (bump === 'lower') {
        findings.push({
          severity: 'error',
          file: b.file,
          line: line(b, 'version'),
          field: 'version',
          message: `version went down from ${from} to ${to}; versions only go up — use ${next.patch}, ${next.minor} or ${next.major}`,
        });
      } else if (substantive && bump === 'none') {
        const what = [bodyChanged ? 'the text' : '', ...fieldsChanged.filter((f) => !REVIEW_RECORD_FIELDS.has(f))].filter(Boolean).join(', ');
        findings.push({
          severity: 'error',
          file: b.file,
          line: line(b, 'version'),
          field: 'version',
          message: `${what} changed but the version is still ${from}; set version to ${next.patch} for a wording fix, ${next.minor} for a changed rule, or ${next.major} if everyone must acknowledge again`,
        });
      }
    }
    changes.push(change);
  }
  return changes;
}

function acknowledgementsDue(before: ContentSet, after: ContentSet, documents: readonly DocumentChange[]): AcknowledgementDue[] {
  const old = byId(before.policies);
  const now = byId(after.policies);
  const due: AcknowledgementDue[] = [];
  for (const change of documents) {
    if (change.kind !== 'policy' || change.status === 'removed') continue;
    const slug = change.id.slice('policy:'.length);
    const b = now.get(slug)!;
    const a = old.get(slug);
    const base = {
      policy: change.id,
      title: b.data.title,
      file: b.file,
      version: b.data.version,
      previousVersion: a?.data.version,
      acknowledgement: b.data.acknowledgement,
    };
    if (!a) {
      if (b.data.acknowledgement) due.push({ ...base, reason: 'new policy', audience: b.data.audience });
    } else if (change.version?.bump === 'major') {
      due.push({ ...base, reason: 'major version', audience: b.data.audience });
    } else if (b.data.acknowledgement && !a.data.acknowledgement) {
      due.push({ ...base, reason: 'acknowledgement newly required', audience: b.data.audience });
    } else if (b.data.acknowledgement) {
      const joined = setDifference(b.data.audience, a.data.audience);
      if (joined.length) due.push({ ...base, reason: 'audience widened', audience: joined });
    }
  }
  return due;
}

// ---------------------------------------------------------------- controls and coverage

function mappingIds(mappings: Record<string, string[] | undefined>): string[] {
  return Object.entries(mappings).flatMap(([framework, codes]) => (codes ?? []).map((code) => `${framework}:${code}`));
}

function compareControls(before: ContentSnapshot, after: ContentSnapshot, invalidFiles: ReadonlySet<string>): ControlChange[] {
  const ids = [...new Set([...before.graph.controls.keys(), ...after.graph.controls.keys()])].sort();
  const changes: ControlChange[] = [];
  for (const id of ids) {
    const a = before.graph.controls.get(id);
    const b = after.graph.controls.get(id);
    const node = (b ?? a)!;
    if (!b && invalidFiles.has(a!.file)) continue;
    const mappingsA = a ? mappingIds(a.data.mappings) : [];
    const mappingsB = b ? mappingIds(b.data.mappings) : [];
    const policiesA = a?.policies.map((p) => p.id) ?? [];
    const policiesB = b?.policies.map((p) => p.id) ?? [];
    const runbooksA = a?.runbooks.map((r) => r.id) ?? [];
    const runbooksB = b?.runbooks.map((r) => r.id) ?? [];
    const change: ControlChange = {
      id,
      code: node.code,
      title: node.data.title,
      file: node.file,
      status: !a ? 'added' : !b ? 'removed' : 'changed',
      mappingsAdded: setDifference(mappingsB, mappingsA),
      mappingsRemoved: setDifference(mappingsA, mappingsB),
      policiesAdded: setDifference(policiesB, policiesA),
      policiesRemoved: setDifference(policiesA, policiesB),
      runbooksAdded: setDifference(runbooksB, runbooksA),
      runbooksRemoved: setDifference(runbooksA, runbooksB),
      fieldsChanged: a && b ? changedFields(a.data, b.data).filter((field) => field !== 'mappings') : [],
    };
    const changed =
      change.status !== 'changed' ||
      change.mappingsAdded.length ||
      change.mappingsRemoved.length ||
      change.policiesAdded.length ||
      change.policiesRemoved.length ||
      change.runbooksAdded.length ||
      change.runbooksRemoved.length ||
      change.fieldsChanged.length ||
      a!.file !== b!.file;
    if (changed) changes.push(change);
  }
  return changes;
}

function compareFrameworks(before: ContentSnapshot, after: ContentSnapshot, findings: Problem[]): FrameworkChange[] {
  const ids = [...new Set([...before.graph.frameworks.keys(), ...after.graph.frameworks.keys()])].sort();
  const changes: FrameworkChange[] = [];
  for (const id of ids) {
    const a = before.graph.frameworks.get(id);
    const b = after.graph.frameworks.get(id);
    const codes = [...new Set([...(a?.requirements ?? []), ...(b?.requirements ?? [])].map((r) => r.id))];
    const requirements: RequirementChange[] = [];
    for (const requirementId of codes) {
      const ra = before.graph.requirements.get(requirementId);
      const rb = after.graph.requirements.get(requirementId);
      const r = (rb ?? ra)!;
      const change: RequirementChange = {
        id: requirementId,
        code: r.code,
        title: r.title,
        before: ra ? requirementStatus(ra) : 'absent',
        after: rb ? requirementStatus(rb) : 'absent',
        controlsBefore: ra?.controls.map((c) => c.code) ?? [],
        controlsAfter: rb?.controls.map((c) => c.code) ?? [],
      };
      if (change.before !== change.after || !same([...change.controlsBefore].sort(), [...change.controlsAfter].sort())) requirements.push(change);
    }
    const coverageBefore = a ? coverage(a) : undefined;
    const coverageAfter = b ? coverage(b) : undefined;
    if (!requirements.length && same(coverageBefore, coverageAfter)) continue;
    const name = (b ?? a)!.data.name;
    const newlyUncovered = requirements.filter((r) => r.after === 'uncovered' && r.before !== 'uncovered').map((r) => r.id);
    const newlyCovered = requirements.filter((r) => r.after === 'covered' && r.before !== 'covered').map((r) => r.id);
    for (const requirement of newlyUncovered) {
      const r = requirements.find((x) => x.id === requirement)!;
      // Point at the control that let go of the requirement: that is where the fix goes.
      const formerControl = r.controlsBefore
        .map((code) => after.graph.controls.get(controlId(code)) ?? before.graph.controls.get(controlId(code)))
        .find(Boolean);
      findings.push({
        severity: 'warning',
        file: formerControl?.file ?? (b ?? a)!.file,
        message: `${name} ${r.code} (${r.title}) is no longer covered by any control${r.controlsBefore.length ? ` (was ${r.controlsBefore.join(', ')})` : ''}; map a control to it or exclude it in content/applicability.yaml with a reason`,
      });
    }
    changes.push({ framework: id, name, before: coverageBefore, after: coverageAfter, requirements, newlyUncovered, newlyCovered });
  }
  return changes;
}

// ---------------------------------------------------------------- sub-processors, dates, the rest

function compareSubprocessors(before: ContentSet, after: ContentSet): SubprocessorChanges {
  const differences = diffSubprocessors(before.subprocessors?.data.subprocessors ?? [], after.subprocessors?.data.subprocessors ?? []);
  const of = (kind: SubprocessorDifference['kind']) => differences.filter((d) => d.kind === kind);
  const withEdits = (d: SubprocessorDifference) => ({ name: d.name, changes: d.edits ?? [] });
  const added = of('added').map((d) => d.subprocessor);
  const removed = of('removed').map((d) => d.subprocessor);
  return {
    added,
    removed,
    changed: of('changed').map(withEdits),
    edited: of('edited').map(withEdits),
    customersMustBeNotified: added.length > 0 || removed.length > 0,
  };
}

const REVIEW_DATE_FIELDS = ['effective', 'lastReviewed', 'reviewCycle'] as const;

function compareReviewDates(before: ContentSnapshot, after: ContentSnapshot): ReviewDateChange[] {
  const changes: ReviewDateChange[] = [];
  for (const [id, b] of after.graph.policies) {
    const a = before.graph.policies.get(id);
    if (!a) continue;
    const fields = REVIEW_DATE_FIELDS.filter((field) => a.data[field] !== b.data[field]).map((field) => ({
      field,
      before: a.data[field],
      after: b.data[field],
    }));
    if (fields.length)
      changes.push({ policy: id, title: b.data.title, file: b.file, changes: fields, nextReview: { before: a.nextReview, after: b.nextReview } });
  }
  return changes.sort((x, y) => x.policy.localeCompare(y.policy));
}

const REVIEWED_ELSEWHERE = new Set<keyof ContentSet>(['policies', 'runbooks', 'controls', 'subprocessors']);

function compareOtherFiles(before: ContentSet, after: ContentSet): OtherChange[] {
  const files = (set: ContentSet) => {
    const map = new Map<string, string>();
    for (const [name, value] of Object.entries(set) as [keyof ContentSet, Entry<unknown> | Entry<unknown>[] | undefined][]) {
      if (REVIEWED_ELSEWHERE.has(name) || !value) continue;
      for (const entry of Array.isArray(value) ? value : [value]) map.set(entry.file, canonicalJson([entry.data, normaliseBody(entry.body)]));
    }
    return map;
  };
  const old = files(before);
  const now = files(after);
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  return paths.flatMap((file): OtherChange[] => {
    const a = old.get(file);
    const b = now.get(file);
    if (a === b) return [];
    return [{ file, status: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed' }];
  });
}

// ---------------------------------------------------------------- the summary

type DocumentEntries = readonly Entry<Record<string, unknown> & { id: string; title: string }>[];

/** Compares the base side with the proposed side and says what a reviewer is approving. */
export function diffContent(before: ContentSnapshot, after: ContentSnapshot): ReviewSummary {
  const findings: Problem[] = [];
  const invalid = (after.problems ?? []).filter((problem) => problem.severity === 'error');
  const invalidFiles = new Set(invalid.map((problem) => problem.file));
  const documents = [
    ...compareDocuments('policy', before.content.policies as DocumentEntries, after.content.policies as DocumentEntries, findings, invalidFiles),
    ...compareDocuments('runbook', before.content.runbooks as DocumentEntries, after.content.runbooks as DocumentEntries, findings, invalidFiles),
  ];
  const controls = compareControls(before, after, invalidFiles);
  const frameworks = compareFrameworks(before, after, findings);
  const subprocessors = compareSubprocessors(before.content, after.content);
  const reviewDates = compareReviewDates(before, after);
  const otherChanges = compareOtherFiles(before.content, after.content);
  const rewrites = before.evidence && after.evidence ? snapshotRewrites(before.evidence, after.evidence, before.label) : [];
  findings.push(...rewrites);
  const sortedFindings = [...findings].sort((x, y) => Number(x.severity === 'warning') - Number(y.severity === 'warning') || x.file.localeCompare(y.file));
  const errors = sortedFindings.filter((f) => f.severity === 'error').length + invalid.length;
  return {
    base: before.label,
    head: after.label,
    documents,
    acknowledgements: acknowledgementsDue(before.content, after.content, documents),
    controls,
    frameworks,
    subprocessors,
    reviewDates,
    otherChanges,
    findings: sortedFindings,
    invalid,
    errors,
    warnings: sortedFindings.length + invalid.length - errors,
    hasChanges:
      rewrites.length +
        documents.length +
        controls.length +
        frameworks.length +
        subprocessors.added.length +
        subprocessors.removed.length +
        subprocessors.changed.length +
        subprocessors.edited.length +
        otherChanges.length >
      0,
  };
}
