import { describe, expect, it } from 'vitest';
import { bootstrapInterval, curves, partialAuc, ratesAt, rocAuc, wilson } from './metrics';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for all ties, and counts ties half', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.1, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBeCloseTo(0.875);
  });
});

describe('ratesAt', () => {
  it('treats score >= threshold as flagged', () => {
    const r = ratesAt([0.1, 0.5, 0.6, 0.4], [0, 0, 1, 1], 0.5);
    expect(r.confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(r.precision).toBe(0.5);
    expect(r.fpr).toBe(0.5);
  });
});

describe('wilson', () => {
  it('gives a non-zero upper bound for zero events (about 3.8/n)', () => {
    const i = wilson(0, 1000);
    expect(i.low).toBe(0);
    expect(i.high).toBeGreaterThan(0.003);
    expect(i.high).toBeLessThan(0.0045);
  });
});

describe('bootstrapInterval', () => {
  it('is deterministic for a seed and brackets the point estimate', () => {
    const scores = Array.from({ length: 200 }, (_, i) => (i % 2) * 0.3 + (i % 7) / 10);
    const labels = Array.from({ length: 200 }, (_, i) => i % 2);
    const a = bootstrapInterval(scores, labels, rocAuc, { seed: 3, resamples: 100 });
    const b = bootstrapInterval(scores, labels, rocAuc, { seed: 3, resamples: 100 });
    expect(a).toEqual(b);
    const auc = rocAuc(scores, labels);
    expect(a.low).toBeLessThanOrEqual(auc);
    expect(a.high).toBeGreaterThanOrEqual(auc);
  });
});

describe('curves and partialAuc', () => {
  it('end ROC at (1, 1) and give a partial AUC of 1 for a perfect ranking', () => {
    const { roc } = curves([0.9, 0.8, 0.2], [1, 1, 0]);
    expect(roc.at(-1)).toEqual({ x: 1, y: 1 });
    expect(partialAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], 0.1)).toBeCloseTo(1);
    expect(partialAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0], 0.5)).toBeCloseTo(0);
  });
});
