/** The content model's review and block thresholds, chosen on pooled held-out scores. */
import type { ThresholdPair } from '@gavel/model';

/**
 * Thresholds from the pooled held-out (leave-one-source-out) SMS scores: block keeps the ham FPR at
 * or below 0.1%; review is a review-queue budget of 1% of held-out ham. (The previous model set review
 * by a recall target on a random split, which on A2P traffic sent most one-time codes to review.)
 */
export const THRESHOLD_TARGETS = { blockMaxFpr: 0.001, reviewMaxFpr: 0.01 } as const;

function thresholdAtFpr(hamScoresDesc: number[], maxFpr: number, roundUp: boolean): number {
  const allowed = Math.floor(maxFpr * hamScoresDesc.length);
  const t = hamScoresDesc[Math.min(allowed, hamScoresDesc.length - 1)] + 1e-9;
  return roundUp ? Math.ceil(t * 1e4) / 1e4 : Math.floor(t * 1e4) / 1e4;
}

export function pickThresholds(scores: ArrayLike<number>, labels: ArrayLike<number>): ThresholdPair {
  const ham: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!labels[i]) ham.push(scores[i]);
  ham.sort((a, b) => b - a);
  // Both rounded up to 1e-4, so the held-out FPR at each stays within its budget.
  const block = Math.min(0.9999, thresholdAtFpr(ham, THRESHOLD_TARGETS.blockMaxFpr, true));
  const review = Math.max(0.0001, thresholdAtFpr(ham, THRESHOLD_TARGETS.reviewMaxFpr, true));
  return { review: Math.min(review, block), block };
}
