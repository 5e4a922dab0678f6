import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { type DenseMatrix, predictMargin, trainGbdt } from './gradientBoosting';
import { seededRandom } from './seededRandom';
import { exportTreeEnsembleOnnx } from './treeOnnxExport';

/** y = 1 when x0 is inside a band and x1 > 0.5 (no linear model separates it); x2 is noise. */
function bandData(n: number, seed: number) {
  const random = seededRandom(seed);
  const x = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 3; f++) x[i * 3 + f] = random();
    y[i] = Number(x[i * 3] > 0.3 && x[i * 3] < 0.7 && x[i * 3 + 1] > 0.5);
  }
  return { m: { n, featureCount: 3, x } as DenseMatrix, y };
}

const config = { trees: 30, depth: 2, learningRate: 0.3, lambda: 1, minChildHessian: 1, bins: 32 };

describe('gradient-boosted trees', () => {
  it('learn an interaction a linear model cannot, deterministically', () => {
    const { m, y } = bandData(2000, 7);
    const rows = Int32Array.from({ length: m.n }, (_, i) => i);
    const weights = new Float32Array(m.n).fill(1);
    const a = trainGbdt(m, rows, y, weights, config);
    const b = trainGbdt(m, rows, y, weights, config);
    expect(b).toEqual(a);
    const test = bandData(500, 8);
    let correct = 0;
    for (let i = 0; i < test.m.n; i++)
      correct += Number(predictMargin(a, test.m.x, i * 3) > 0 === (test.y[i] === 1));
    expect(correct / test.m.n).toBeGreaterThan(0.95);
  });

  it('export as an ONNX TreeEnsembleRegressor that ONNX Runtime scores exactly like the TypeScript trees', async () => {
    const { m, y } = bandData(1000, 11);
    const model = trainGbdt(
      m,
      Int32Array.from({ length: m.n }, (_, i) => i),
      y,
      new Float32Array(m.n).fill(1),
      config,
    );
    const session = await ort.InferenceSession.create(exportTreeEnsembleOnnx(model, { name: 'test_trees' }));
    try {
      const test = bandData(300, 12);
      const out = await session.run({ features: new ort.Tensor('float32', test.m.x, [test.m.n, 3]) });
      const margins = out.margin.data as Float32Array;
      const scores = out.score.data as Float32Array;
      for (let i = 0; i < test.m.n; i++) {
        const ref = predictMargin(model, test.m.x, i * 3);
        expect(Math.abs(margins[i] - ref)).toBeLessThan(1e-5);
        expect(Math.abs(scores[i] - 1 / (1 + Math.exp(-ref)))).toBeLessThan(1e-6);
      }
    } finally {
      await session.release();
    }
  });
});
