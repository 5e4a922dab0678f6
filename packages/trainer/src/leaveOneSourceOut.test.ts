import { describe, expect, it } from 'vitest';
import { pickCandidate, type RankingFigures, recallAtFpr } from './leaveOneSourceOut';

describe('recallAtFpr', () => {
  it('reads recall at the highest threshold that keeps the ham FPR within the budget', () => {
    // 1,000 ham at 0..0.999, one ham outlier at 0.99; spam at 0.5, 0.995 and 0.999.
    const ham = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const scores = [...ham, 0.5, 0.995, 0.9995];
    const labels = [...ham.map(() => 0), 1, 1, 1];
    // 0.1% of 1,000 ham = one false positive allowed: the cut is the second-highest ham (0.998).
    expect(recallAtFpr(scores, labels, 0.001)).toBeCloseTo(1 / 3, 10);
    // 60% FPR allowed: the cut falls below 0.5.
    expect(recallAtFpr(scores, labels, 0.6)).toBe(1);
  });

  it('is undefined without both classes', () => {
    expect(recallAtFpr([0.1, 0.2], [0, 0], 0.01)).toBeNaN();
  });
});

const figures = (mean: number, worst: number, email: number): RankingFigures => ({
  perSource: [],
  worstSmsAuc: worst,
  meanSmsAuc: worst,
  meanSmsRecallAt01Fpr: mean,
  emailAuc: email,
});

describe('pickCandidate', () => {
  it('takes the best mean held-out recall among candidates that keep email AUC >= 0.99', () => {
    const chosen = pickCandidate([
      figures(0.3, 0.7, 0.995),
      figures(0.4, 0.7, 0.98),
      figures(0.35, 0.6, 0.991),
    ]);
    expect(chosen).toBe(2);
  });

  it('breaks ties on the worst held-out source', () => {
    expect(pickCandidate([figures(0.3, 0.7, 0.995), figures(0.3, 0.8, 0.995)])).toBe(1);
  });
});
