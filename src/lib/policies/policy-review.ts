import type { Policy } from '../../schemas/policy.ts';
import { addDays, addMonths, laterOf } from '../time/dates.ts';

/**
 * When a policy's next review falls due and how urgent it is: one rule for `check`, the portal
 * pages and the policy-review evidence collector, so they never disagree about a date.
 */

const reviewCycleMonths = { quarterly: 3, semiannual: 6, annual: 12, biennial: 24 } as const;

/** Reviews due this soon are called out, so the owner has two months to schedule them. */
export const REVIEW_NOTICE_DAYS = 60;

/** `overdue` once the date has passed; `due-soon` within `REVIEW_NOTICE_DAYS`; else `current`. */
export type ReviewStatus = 'overdue' | 'due-soon' | 'current';

export interface ReviewState {
  status: ReviewStatus;
  /** YYYY-MM-DD */
  nextReview: string;
}

/** The last review (or the effective date, before any review) plus the review cycle. */
export function nextReviewDate(policy: Pick<Policy, 'effective' | 'lastReviewed' | 'reviewCycle'>): string {
  return addMonths(laterOf(policy.effective, policy.lastReviewed), reviewCycleMonths[policy.reviewCycle]);
}

/** The review state on `today` (YYYY-MM-DD): a review due today is not yet overdue. */
export function reviewState(nextReview: string, today: string): ReviewState {
  const status: ReviewStatus = nextReview < today ? 'overdue' : nextReview <= addDays(today, REVIEW_NOTICE_DAYS) ? 'due-soon' : 'current';
  return { status, nextReview };
}
