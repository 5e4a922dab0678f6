import { CONTENT_GRAPH, linearReference, readLinearParams } from '@gavel/model';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportLinearOnnx } from './onnxExport';

const weights = Float32Array.from({ length: 1000 }, (_, i) => (i === 0 ? 0 : Math.sin(i)));
const params = { weights, bias: 0.25, plattA: 1.5, plattB: -0.75 };
const meta = { version: 'content-test', featureSchemaHash: 'abc' };

describe('exportLinearOnnx', () => {
  it('produces the same bytes for the same parameters (no timestamps inside)', () => {
    expect(
      Buffer.from(exportLinearOnnx(params, meta)).equals(Buffer.from(exportLinearOnnx(params, meta))),
    ).toBe(true);
  });

  it('round-trips the initializers exactly', () => {
    const read = readLinearParams(exportLinearOnnx(params, meta));
    expect(Buffer.from(read.weights.buffer, read.weights.byteOffset, read.weights.byteLength)).toEqual(
      Buffer.from(weights.buffer),
    );
    expect([read.bias, read.plattA, read.plattB]).toEqual([0.25, 1.5, -0.75]);
  });

  it('runs in onnxruntime with dynamic N and K and matches the TypeScript reference', async () => {
    const session = await ort.InferenceSession.create(exportLinearOnnx(params, meta));
    for (const [n, k] of [
      [1, 1],
      [3, 5],
    ]) {
      const ids = Int32Array.from({ length: n * k }, (_, i) => (i * 37) % 1000);
      const values = Float32Array.from({ length: n * k }, (_, i) => ((i % 7) - 3) / 10);
      const out = await session.run({
        [CONTENT_GRAPH.ids]: new ort.Tensor('int32', ids, [n, k]),
        [CONTENT_GRAPH.values]: new ort.Tensor('float32', values, [n, k]),
      });
      expect(out[CONTENT_GRAPH.score].dims).toEqual([n]);
      for (let r = 0; r < n; r++) {
        const ref = linearReference(params, ids.subarray(r * k), values.subarray(r * k), k);
        expect((out[CONTENT_GRAPH.score].data as Float32Array)[r]).toBeCloseTo(ref.score, 6);
        expect((out[CONTENT_GRAPH.logit].data as Float32Array)[r]).toBeCloseTo(ref.logit, 5);
      }
    }
    await session.release();
  });
});
