import { cacheKey } from '../../../astro/cache-key.ts';
import { contentRoot } from '../../../astro/loader.ts';
import { loadContentSet, renderEntry } from '../../../astro/content.ts';
import { collections, type CollectionName } from '../../../lib/content/collections.ts';
import { coverage } from '../../../lib/graph/coverage.ts';
import { commitApprovals, commitApprovalsForFiles, type CommitApproval } from '../../../lib/review/approvals.ts';
import { processClock, today as clockDay } from '../../../lib/time/clock.ts';
import { buildGraph, type PolicyNode } from '../../../lib/graph/graph.ts';
import { reviewState, type ReviewState } from '../../../lib/policies/policy-review.ts';

// Built once per build; every portal page reads from here.
export const root = contentRoot(new URL(`file://${process.cwd()}/`));
const { content, entries } = await loadContentSet(Object.keys(collections) as CollectionName[], root);
export const graph = buildGraph(content).graph;
export const site = graph.site!;
/** The boundary and shared-responsibility statements in full, internal parts included (the trust center gets only the public ones). */
export const systemBoundary = content.systemBoundary?.data;
export const sharedResponsibility = content.sharedResponsibility?.data;

/** The instant every portal page judges dates at; pages that depend on it say so. */
export const clock = processClock(site.asOf);
export const today = clockDay(clock);

export const policies = [...graph.policies.values()].sort((a, b) => a.data.title.localeCompare(b.data.title));
export const runbooks = [...graph.runbooks.values()].sort((a, b) => a.data.title.localeCompare(b.data.title));
export const controls = [...graph.controls.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));

/** A policy's review state as of this build. */
export const review = (policy: PolicyNode): ReviewState => reviewState(policy.nextReview, today);

// In the order content/site.yaml lists them, then any other catalog.
const frameworkOrder = site.frameworks.map((f) => f.framework as string);
const rank = (id: string) => (frameworkOrder.includes(id) ? frameworkOrder.indexOf(id) : frameworkOrder.length);
export const frameworks = [...graph.frameworks.values()]
  .sort((a, b) => rank(a.id) - rank(b.id))
  .map((framework) => ({ framework, coverage: coverage(framework) }));

/** What PortalLayout shows around every page (names, counts, navigation, the date): part of every page's cache key. */
export const layoutKey = cacheKey(
  site,
  [policies.length, runbooks.length, controls.length],
  frameworks.map(({ framework }) => framework.id),
  today,
  clock.source,
);

/** The digest of a document's file (its data and body), for its page's cache key: rendering the body is what the key saves. */
export function digestOf(collection: 'policies' | 'runbooks', slug: string): string | undefined {
  return entries.get(`${collection}/${slug}`)?.digest;
}

/** The controls a document page lists, as it shows them. */
export const listedControls = (list: readonly { code: string; data: { title: string } }[]) => list.map((c) => [c.code, c.data.title]);

/** The rendered MDX body of a document and its headings, for the page's table of contents. */
export async function renderBody(collection: 'policies' | 'runbooks', slug: string) {
  const entry = entries.get(`${collection}/${slug}`);
  if (!entry) throw new Error(`no ${collection} entry "${slug}"`);
  const { Content, headings } = await renderEntry(entry);
  return { Content, headings: headings.filter((h) => h.depth === 2) };
}

// Every document's history in one pass over the repository: a git call per document was most
// of the build time for thousands of documents.
let documentHistories: Promise<Map<string, CommitApproval[]>> | undefined;
const histories = new Map<string, Promise<CommitApproval[]>>();
/** Commits that changed a document with the merge that approved each, newest first; empty without git. */
export function history(file: string): Promise<CommitApproval[]> {
  documentHistories ??= commitApprovalsForFiles(
    root,
    [...policies, ...runbooks].map((document) => document.file),
  );
  if (!histories.has(file))
    histories.set(
      file,
      documentHistories.then((all) => all.get(file) ?? commitApprovals(root, file)),
    );
  return histories.get(file)!;
}

/** Recent changes to policies and runbooks across the portal, newest first. */
export async function recentChanges(limit: number) {
  const documents = [
    ...policies.map((p) => ({ kind: 'Policy', title: p.data.title, href: `/policies/${p.slug}/`, file: p.file })),
    ...runbooks.map((r) => ({ kind: 'Runbook', title: r.data.title, href: `/runbooks/${r.slug}/`, file: r.file })),
  ];
  const changes = await Promise.all(documents.map(async (document) => (await history(document.file)).map((commit) => ({ document, commit }))));
  return changes
    .flat()
    .sort((a, b) => b.commit.date.localeCompare(a.commit.date))
    .slice(0, limit);
}
