import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './microBatcher';

function recordingBatcher(windowMs: number, maxBatch: number) {
  const batches: number[][] = [];
  const batcher = new MicroBatcher<number, number>({
    windowMs,
    maxBatch,
    run: async (inputs) => {
      batches.push([...inputs]);
      await new Promise((r) => setTimeout(r, 2));
      return inputs.map((x) => x * 2);
    },
  });
  return { batcher, batches };
}

describe('MicroBatcher', () => {
  it('runs calls made in the same window as one batch, answering each caller in order', async () => {
    const { batcher, batches } = recordingBatcher(5, 100);
    const results = await Promise.all([1, 2, 3, 4].map((x) => batcher.submit(x)));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('flushes on setImmediate with a zero window', async () => {
    const { batcher, batches } = recordingBatcher(0, 100);
    const results = await Promise.all([1, 2].map((x) => batcher.submit(x)));
    expect(results).toEqual([2, 4]);
    expect(batches.length).toBe(1);
  });

  it('splits at maxBatch and batches what arrives while a batch runs', async () => {
    const { batcher, batches } = recordingBatcher(1000, 3);
    const results = await Promise.all([1, 2, 3, 4, 5].map((x) => batcher.submit(x)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    // The full batch goes at once; the remainder waits only for the running batch, not the 1 s window.
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('rejects every caller of a failed batch and keeps serving later ones', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>({
      windowMs: 0,
      maxBatch: 10,
      run: async (inputs) => {
        if (fail) throw new Error('boom');
        return [...inputs];
      },
    });
    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('close() answers queued callers before resolving, then refuses new work', async () => {
    const { batcher } = recordingBatcher(50, 100);
    const pending = batcher.submit(7);
    await batcher.close();
    await expect(pending).resolves.toBe(14);
    await expect(batcher.submit(1)).rejects.toThrow(/closed/);
  });
});
