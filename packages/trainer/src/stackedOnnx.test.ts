import { DENSE_FEATURES, HASH_SPACE, NUM_FEATURE_IDS } from '@gavel/features';
import {
  CONTENT_GRAPH,
  fillDenseInput,
  isStackedGraph,
  rawLinearLogit,
  readStackedParams,
  STACK_DENSE_WIDTH,
  STACK_FEATURE_COUNT,
  STACKED_GRAPH,
  stackedReference,
} from '@gavel/model';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { trainGbdt } from './gradientBoosting';
import { exportLinearOnnx, exportStackedOnnx } from './onnxExport';
import { seededRandom } from './seededRandom';

const K = 12;

/** Rows of K ids: hashed ids, then a few dense ids (HASH_SPACE + i) with values in [0, 1]. */
function rows(n: number, seed: number) {
  const random = seededRandom(seed);
  const ids = new Int32Array(n * K);
  const values = new Float32Array(n * K);
  const email = Array.from({ length: n }, () => random() < 0.3);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < K; j++) {
      const dense = j >= 8;
      ids[r * K + j] = dense
        ? HASH_SPACE + ((r * 7 + j * 5) % DENSE_FEATURES.length)
        : 1 + Math.floor(random() * (HASH_SPACE - 1));
      values[r * K + j] = dense ? random() : random() * 0.3;
    }
  }
  return { n, ids, values, email };
}

function stackedParams() {
  const random = seededRandom(3);
  const weights = Float32Array.from({ length: NUM_FEATURE_IDS }, (_, i) => (i === 0 ? 0 : random() * 2 - 1));
  const linear = { weights, bias: -0.4, plattA: 0.9, plattB: -0.2 };
  const train = rows(1500, 5);
  const x = new Float32Array(train.n * STACK_FEATURE_COUNT);
  const labels = new Uint8Array(train.n);
  for (let r = 0; r < train.n; r++) {
    const at = r * K;
    const ids = train.ids.subarray(at);
    const values = train.values.subarray(at);
    fillDenseInput(ids, values, K, train.email[r], x, r * STACK_FEATURE_COUNT);
    const z = rawLinearLogit(linear, ids, values, K);
    x[r * STACK_FEATURE_COUNT + STACK_DENSE_WIDTH] = z;
    // A label the trees must learn from the logit and one dense feature together.
    labels[r] = Number(z > 0 !== x[r * STACK_FEATURE_COUNT + 3] > 0.5);
  }
  const trees = trainGbdt(
    { n: train.n, featureCount: STACK_FEATURE_COUNT, x },
    Int32Array.from({ length: train.n }, (_, i) => i),
    labels,
    new Float32Array(train.n).fill(1),
    { trees: 20, depth: 2, learningRate: 0.3, lambda: 1, minChildHessian: 1, bins: 32 },
  );
  return { linear, trees, stackA: 1.1, stackB: -0.3 };
}

const meta = { version: 'content-test', featureSchemaHash: 'abc' };

describe('the stacked content graph (linear logit + dense features -> trees -> calibration)', () => {
  const params = stackedParams();
  const bytes = exportStackedOnnx(params, meta);

  it('is deterministic, tells itself apart from the linear graph and round-trips every parameter', () => {
    expect(Buffer.from(exportStackedOnnx(params, meta)).equals(Buffer.from(bytes))).toBe(true);
    expect(isStackedGraph(bytes)).toBe(true);
    expect(isStackedGraph(exportLinearOnnx(params.linear, meta))).toBe(false);
    const read = readStackedParams(bytes);
    const bytesOf = (w: Float32Array) => Buffer.from(w.buffer, w.byteOffset, w.byteLength);
    expect(bytesOf(read.linear.weights).equals(bytesOf(params.linear.weights))).toBe(true);
    expect(read.trees.base).toBeCloseTo(params.trees.base, 6);
    expect(read.trees.trees).toEqual(params.trees.trees);
    expect([read.stackA, read.stackB]).toEqual([Math.fround(1.1), Math.fround(-0.3)]);
  });

  it('scores in ONNX Runtime like the TypeScript reference, and outputs the linear part on its own', async () => {
    const session = await ort.InferenceSession.create(bytes);
    try {
      const test = rows(300, 9);
      const dense = new Float32Array(test.n * STACK_DENSE_WIDTH);
      for (let r = 0; r < test.n; r++) {
        const at = r * K;
        fillDenseInput(
          test.ids.subarray(at),
          test.values.subarray(at),
          K,
          test.email[r],
          dense,
          r * STACK_DENSE_WIDTH,
        );
      }
      const out = await session.run({
        [CONTENT_GRAPH.ids]: new ort.Tensor('int32', test.ids, [test.n, K]),
        [CONTENT_GRAPH.values]: new ort.Tensor('float32', test.values, [test.n, K]),
        [STACKED_GRAPH.dense]: new ort.Tensor('float32', dense, [test.n, STACK_DENSE_WIDTH]),
      });
      expect(out[CONTENT_GRAPH.score].dims).toEqual([test.n]);
      const scores = out[CONTENT_GRAPH.score].data as Float32Array;
      const linearLogits = out[STACKED_GRAPH.linearLogit].data as Float32Array;
      const read = readStackedParams(bytes);
      let distinct = 0;
      for (let r = 0; r < test.n; r++) {
        const at = r * K;
        const args = [test.ids.subarray(at), test.values.subarray(at), K] as const;
        const ref = stackedReference(read, ...args, test.email[r]);
        expect(Math.abs(scores[r] - ref.score)).toBeLessThan(1e-5);
        const linear = rawLinearLogit(params.linear, ...args) * 0.9 - 0.2;
        expect(linearLogits[r]).toBeCloseTo(linear, 4);
        if (Math.abs(ref.score - scores[0]) > 1e-3) distinct++;
      }
      expect(distinct).toBeGreaterThan(50);
    } finally {
      await session.release();
    }
  });
});
