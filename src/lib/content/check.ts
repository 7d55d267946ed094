import { processClock, today as clockDay } from '../time/clock.ts';
import { daysBetween } from '../time/dates.ts';
import { evidenceProblems } from '../evidence/verify.ts';
import { advisoryProblems } from '../advisories/check.ts';
import { buildGraph, type ComplianceGraph } from '../graph/graph.ts';
import { policyId } from '../graph/ids.ts';
import { reviewState } from '../policies/policy-review.ts';
import { loadContent, type ContentSet } from './load.ts';
import { mdxBodyProblems } from './mdx.ts';
import { formatFieldPath, sortProblems, type Problem } from './problems.ts';
import type { ContentSource } from './source.ts';

export interface CheckOptions {
  /** The date reviews and tests are judged against; defaults to the day of the process clock. */
  today?: string;
}

/** A runbook nobody has exercised for this long is probably out of date. */
const RUNBOOK_TEST_MAX_DAYS = 365;

/**
 * Findings a compliance owner wants before an auditor finds them: overdue reviews,
 * untested runbooks, dates in the future, controls nothing implements.
 */
export function reviewProblems(graph: ComplianceGraph, content: ContentSet, today: string): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, locate: ((p: string[]) => number | undefined) | undefined, field: string, message: string, severity: Problem['severity'] = 'warning') =>
    problems.push({ severity, file, line: locate?.([field]), field, message });

  for (const entry of content.policies) {
    const policy = graph.policies.get(policyId(entry.data.id));
    if (!policy || policy.file !== entry.file) continue;
    if (entry.data.lastReviewed && entry.data.lastReviewed > today) {
      add(entry.file, entry.locate, 'lastReviewed', `${entry.data.lastReviewed} is in the future (dates are judged as of ${today}); record the date the review actually happened`, 'error');
    } else if (reviewState(policy.nextReview, today).status === 'overdue') {
      add(entry.file, entry.locate, entry.data.lastReviewed ? 'lastReviewed' : 'effective',
        `review overdue since ${policy.nextReview} (${entry.data.reviewCycle} cycle); review the policy and set lastReviewed`);
    }
  }
  for (const entry of content.runbooks) {
    if (entry.data.lastTested > today) {
      add(entry.file, entry.locate, 'lastTested', `${entry.data.lastTested} is in the future (dates are judged as of ${today}); record the date of the last exercise`, 'error');
    } else if (daysBetween(entry.data.lastTested, today) > RUNBOOK_TEST_MAX_DAYS) {
      add(entry.file, entry.locate, 'lastTested', `not exercised since ${entry.data.lastTested}; run a tabletop or drill and update lastTested`);
    }
  }
  const site = content.site;
  const disclosure = site?.data.trustCenter.disclosurePolicy;
  if (site && disclosure && !graph.invalid.policies.has(policyId(disclosure)) && graph.policies.get(policyId(disclosure))?.data.visibility !== 'public') {
    const path = ['trustCenter', 'disclosurePolicy'];
    problems.push({ severity: 'error', file: site.file, line: site.locate?.(path), field: formatFieldPath(path),
      message: `"${disclosure}" is not a public policy; security.txt must point to a page the trust center publishes (set visibility: public on it, or name another policy)` });
  }
  for (const control of graph.controls.values()) {
    // An invalid policy or catalog is reported once; the gaps its absence leaves are not.
    if (control.policies.length === 0 && !graph.invalid.listedByInvalidPolicies.has(control.id)) {
      problems.push({ severity: 'warning', file: control.file, message: `no policy implements control ${control.code}; list it under controls: in the policy that requires it` });
    }
    if (control.requirements.length === 0 && !Object.keys(control.data.mappings).some((framework) => graph.invalid.frameworks.has(framework))) {
      problems.push({ severity: 'warning', file: control.file, field: 'mappings', message: `control ${control.code} maps to no framework requirement` });
    }
  }
  return problems;
}

/** Where public documents are served from; a listed file that is missing would be a broken download. */
export const PUBLIC_DOCUMENTS_DIR = 'public/documents';

async function documentProblems(content: ContentSet, source: ContentSource): Promise<Problem[]> {
  const list = content.trustDocuments;
  if (!list) return [];
  const problems: Problem[] = [];
  for (const [index, document] of list.data.documents.entries()) {
    if (document.access !== 'public') continue;
    if (!(await source.exists(`${PUBLIC_DOCUMENTS_DIR}/${document.file}`))) {
      const path = ['documents', index, 'file'];
      problems.push({ severity: 'error', file: list.file, line: list.locate?.(path), field: formatFieldPath(path),
        message: `public document "${document.file}" is not in ${PUBLIC_DOCUMENTS_DIR}/; add the file or change its access` });
    }
  }
  return problems;
}

export interface CheckResult {
  content: ContentSet;
  graph: ComplianceGraph;
  problems: Problem[];
}

/** Validates every file, resolves every reference and reviews dates: what `charter check` reports. */
export async function checkContent(source: ContentSource, options: CheckOptions = {}): Promise<CheckResult> {
  const loaded = await loadContent(source);
  const today = options.today ?? clockDay(processClock(loaded.content.site?.data.asOf));
  const { graph, problems } = buildGraph(loaded.content, loaded.rejected);
  return {
    content: loaded.content,
    graph,
    problems: sortProblems([
      ...loaded.problems,
      ...mdxBodyProblems(loaded.content, loaded.rejected),
      ...problems,
      ...reviewProblems(graph, loaded.content, today),
      ...(await documentProblems(loaded.content, source)),
      ...(await advisoryProblems(loaded.content, source)),
      ...(await evidenceProblems(source, graph, today)),
    ]),
  };
}
