import { describe, expect, it } from 'vitest';
import { fitPlatt } from './plattScaling';
import { seededRandom } from './seededRandom';

describe('fitPlatt', () => {
  it('recovers the slope and intercept of logits drawn from a known logistic model', () => {
    const random = seededRandom(5);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const z = random() * 12 - 6;
      logits.push(z);
      labels.push(random() < 1 / (1 + Math.exp(-(0.5 * z - 1))) ? 1 : 0);
    }
    const { a, b } = fitPlatt(logits, labels);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('stays finite on perfectly separated data', () => {
    const { a, b } = fitPlatt([-3, -2, 2, 3], [0, 0, 1, 1]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
  });
});
