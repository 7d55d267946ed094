import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import type { Person } from '../../schemas/site.ts';
import type { ComplianceGraph } from '../graph/graph.ts';
import { readRevisions } from '../git/git-history.ts';
import { commitApprovalsForFiles, type CommitApproval } from '../review/approvals.ts';
import { addDays } from '../time/dates.ts';
import type { Period } from '../time/audit-period.ts';

/** One version of a policy or runbook that was in force for at least a day of the period. */
export interface DocumentInForce {
  kind: 'policy' | 'runbook';
  id: string;
  title: string;
  /** The policy's `version`; runbooks carry none, so theirs is the commit. */
  version: string;
  owner?: string;
  approver?: string;
  /** The policy's effective date, or the day the runbook's text reached the main line. */
  effective: string;
  /** The last day of the period this version was in force (the day before the next version took effect, or the period's end). */
  inForceUntil: string;
  /** The merge that approved this text; undefined when the file has no git history. */
  approval?: Pick<CommitApproval, 'mergeCommit' | 'mergeDate' | 'mergeSubject' | 'via' | 'pullRequest' | 'mergedBy' | 'approvers'>;
  /** Markdown body of that version. */
  body: string;
  /** The file it was read from, relative to the content root. */
  file: string;
}

/** A document with no version in force during the period, and why. */
export interface DocumentNotInForce {
  kind: 'policy' | 'runbook';
  id: string;
  title: string;
  reason: string;
}

const personText = (person: Person | undefined, id: unknown) => (person ? `${person.name} (${person.role})` : typeof id === 'string' ? id : undefined);
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.slice(0, 10) : undefined);

interface Revision {
  data: Record<string, unknown>;
  body: string;
  approval?: CommitApproval;
}

/**
 * The versions of each policy and runbook in force during the period, read from git: a policy
 * version is in force from its `effective` date until the next version's; a runbook's text from
 * the day it was merged until the next change. A file without git history counts as its current text.
 */
export async function documentsInForce(
  root: string,
  graph: ComplianceGraph,
  period: Period,
): Promise<{ documents: DocumentInForce[]; notInForce: DocumentNotInForce[] }> {
  const items = [
    ...[...graph.policies.values()].map((p) => ({ kind: 'policy' as const, id: p.data.id, title: p.data.title, file: p.file })),
    ...[...graph.runbooks.values()].map((r) => ({ kind: 'runbook' as const, id: r.data.id, title: r.data.title, file: r.file })),
  ].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  const approvals = await commitApprovalsForFiles(
    root,
    items.map((item) => item.file),
  );
  const texts = await readRevisions(
    root,
    [...approvals.values()].flat().map((a) => `${a.commit}:${a.path}`),
  );
  const documents: DocumentInForce[] = [];
  const notInForce: DocumentNotInForce[] = [];
  for (const item of items) {
    const commits = approvals.get(item.file) ?? [];
    let revisions: Revision[];
    if (commits.length) {
      // Oldest first. A policy version is in force from its effective date (a merge after that
      // date shows on the cover); a runbook's text only from its merge, so one merged after the period is left out.
      revisions = [...commits]
        .reverse()
        .filter((c) => item.kind === 'policy' || c.mergeDate.slice(0, 10) <= period.to)
        .flatMap((approval) => {
          const text = texts.get(`${approval.commit}:${approval.path}`);
          if (text === undefined) return [];
          const parsed = matter(text);
          return [{ data: parsed.data, body: parsed.content, approval }];
        });
    } else {
      const parsed = matter(await readFile(join(root, item.file), 'utf8'));
      revisions = [{ data: parsed.data, body: parsed.content }];
    }
    // One entry per version (policies) or per merged text (runbooks): the last text of each run.
    const runs: { start: string; revision: Revision }[] = [];
    for (const revision of revisions) {
      const start =
        item.kind === 'policy'
          ? (day(revision.data.effective) ?? revision.approval?.mergeDate.slice(0, 10) ?? period.from)
          : (revision.approval?.mergeDate.slice(0, 10) ?? period.from);
      const last = runs.at(-1);
      // A later change that keeps the version (a recorded review) updates the text; the approval stays the one that introduced the version.
      if (last && item.kind === 'policy' && last.revision.data.version === revision.data.version)
        last.revision = { ...revision, approval: last.revision.approval };
      else runs.push({ start, revision });
    }
    const inPeriod = runs.flatMap((run, index) => {
      const next = runs[index + 1];
      const until = next ? addDays(next.start, -1) : period.to;
      if (run.start > period.to || until < period.from || until < run.start) return [];
      return [{ ...run, until: until > period.to ? period.to : until }];
    });
    if (!inPeriod.length) {
      notInForce.push({
        ...item,
        reason: runs.length
          ? `its first version in git took effect on ${runs[0]!.start}, after the period`
          : commits.length
            ? 'no version of it had been merged by the end of the period'
            : 'it has no history in git',
      });
      continue;
    }
    for (const { start, until, revision } of inPeriod) {
      const data = revision.data;
      const approval = revision.approval;
      documents.push({
        kind: item.kind,
        id: item.id,
        title: typeof data.title === 'string' ? data.title : item.title,
        version: typeof data.version === 'string' ? data.version : approval ? approval.mergeCommit.slice(0, 12) : 'working copy',
        owner: personText(graph.people.get(String(data.owner)), data.owner),
        approver: personText(graph.people.get(String(data.approver)), data.approver),
        effective: start,
        inForceUntil: until,
        approval: approval && {
          mergeCommit: approval.mergeCommit,
          mergeDate: approval.mergeDate,
          mergeSubject: approval.mergeSubject,
          via: approval.via,
          pullRequest: approval.pullRequest,
          mergedBy: approval.mergedBy,
          approvers: approval.approvers,
        },
        body: revision.body,
        file: item.file,
      });
    }
  }
  return { documents, notInForce };
}
