import { describe, expect, it } from 'vitest';
import { rawLogits, type TrainConfig, trainLogisticRegression } from './logisticRegression';
import { rocAuc } from './metrics';
import { seededRandom } from './seededRandom';
import { SparseDatasetBuilder } from './sparseDataset';

/** Sparse rows where ids 1-10 lean abusive and 11-20 lean benign, plus noise ids. */
function syntheticData(n: number, seed: number) {
  const random = seededRandom(seed);
  const builder = new SparseDatasetBuilder(1024);
  for (let i = 0; i < n; i++) {
    const abusive = random() < 0.3;
    const ids = new Set<number>();
    for (let j = 0; j < 5; j++) ids.add((abusive ? 1 : 11) + Math.floor(random() * 10));
    for (let j = 0; j < 5; j++) ids.add(21 + Math.floor(random() * 80));
    const list = [...ids];
    builder.push({ ids: list, values: list.map(() => 1), count: list.length }, abusive);
  }
  return builder.build();
}

const base: TrainConfig = {
  algorithm: 'adagrad',
  epochs: 3,
  learningRate: 0.1,
  l2: 1e-6,
  l1: 0,
  beta: 1,
  positiveWeight: 1,
  emailWeight: 1,
  monotoneReasons: false,
  seed: 9,
};

describe('trainLogisticRegression', () => {
  const data = syntheticData(2000, 1);
  const all = Int32Array.from({ length: data.n }, (_, i) => i);

  for (const algorithm of ['adagrad', 'ftrl'] as const) {
    it(`${algorithm} learns a separable signal`, () => {
      const model = trainLogisticRegression(data, all, 128, { ...base, algorithm });
      expect(rocAuc(rawLogits(model, data, all), data.labels)).toBeGreaterThan(0.99);
      expect(model.weights[5]).toBeGreaterThan(0);
      expect(model.weights[15]).toBeLessThan(0);
    });

    it(`${algorithm} keeps weights marked non-negative at or above zero`, () => {
      const nonNegative = new Uint8Array(128);
      nonNegative[15] = 1; // id 15 is a benign signal: unconstrained it goes negative
      const model = trainLogisticRegression(data, all, 128, { ...base, algorithm }, { nonNegative });
      expect(model.weights[15]).toBe(0);
      expect(model.weights[16]).toBeLessThan(0);
    });

    it(`${algorithm} gives bit-identical weights for the same seed`, () => {
      const a = trainLogisticRegression(data, all, 128, { ...base, algorithm });
      const b = trainLogisticRegression(data, all, 128, { ...base, algorithm });
      expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
      expect(a.bias).toBe(b.bias);
    });
  }
});
