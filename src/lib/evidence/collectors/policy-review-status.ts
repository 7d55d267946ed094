import { commitApprovalsForFiles, groupByVersion, type CommitApproval } from '../../review/approvals.ts';
import { buildGraph } from '../../graph/graph.ts';
import { loadContent } from '../../content/load.ts';
import { REVIEW_NOTICE_DAYS, reviewState } from '../../policies/policy-review.ts';
import type { Collector } from './types.ts';

/**
 * Every policy's review state as the content says it today: version, owner, approver, the
 * last review, when the next is due, and the merge that approved the current version.
 */
export const policyReviewStatus: Collector = {
  name: 'policy-review-status',
  description: "each policy's version, last review, next review and approval record (from content and git)",
  controls: ['GV-02'],
  async collect({ root, source, now }) {
    const today = now.slice(0, 10);
    const { graph } = buildGraph((await loadContent(source, ['site', 'policies', 'controls', 'frameworks'])).content);
    const policies = [...graph.policies.values()].sort((a, b) => a.slug.localeCompare(b.slug));
    if (!policies.length) return { skipped: 'there are no policies in content/policies/ to report on' };
    // One read of the repository's history for every policy.
    const history = await commitApprovalsForFiles(
      root,
      policies.map((policy) => policy.file),
    ).catch(() => new Map<string, CommitApproval[]>());
    const items = policies.map((policy) => {
      const approval = groupByVersion(history.get(policy.file) ?? [])[0];
      const { status } = reviewState(policy.nextReview, today);
      return {
        policy: policy.slug,
        title: policy.data.title,
        version: policy.data.version,
        owner: policy.owner?.name ?? policy.data.owner,
        approver: policy.approver?.name ?? policy.data.approver,
        reviewCycle: policy.data.reviewCycle,
        lastReviewed: policy.data.lastReviewed ?? policy.data.effective,
        nextReview: policy.nextReview,
        status,
        approvedIn: approval
          ? {
              date: approval.date,
              pullRequest: approval.pullRequest ?? null,
              via: approval.via,
              mergedBy: approval.mergedBy ?? null,
              approvers: approval.approvers.map((a) => a.name),
            }
          : null,
      };
    });
    const overdue = items.filter((i) => i.status === 'overdue');
    const dueSoon = items.filter((i) => i.status === 'due-soon');
    const parts = [`${items.length - overdue.length - dueSoon.length} within their review cycle`];
    if (dueSoon.length) parts.push(`${dueSoon.length} due within ${REVIEW_NOTICE_DAYS} days`);
    if (overdue.length) parts.push(`${overdue.length} overdue (${overdue.map((i) => i.title).join(', ')})`);
    return { summary: `${items.length} policies: ${parts.join(', ')}.`, items, source: 'content/policies and their git history' };
  },
};
