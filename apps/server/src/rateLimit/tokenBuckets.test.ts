import { describe, expect, it } from 'vitest';
import { MemoryTokenBuckets } from './tokenBuckets';

describe('MemoryTokenBuckets', () => {
  it('spends the burst, refills at the rate, and says how long until the next token', async () => {
    let now = 0;
    const buckets = new MemoryTokenBuckets({ ratePerSecond: 2, burst: 3 }, () => now);
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await buckets.take('k', 1));
    expect(taken.map((t) => t.allowed)).toEqual([true, true, true, false]);
    expect(taken[3].retryAfterMs).toBe(500);
    now = 500;
    expect((await buckets.take('k', 1)).allowed).toBe(true);
    expect((await buckets.take('other', 3)).allowed).toBe(true);
  });

  it('lets a batch larger than the burst through a full bucket, then makes the key wait off the debt', async () => {
    let now = 0;
    const buckets = new MemoryTokenBuckets({ ratePerSecond: 10, burst: 10 }, () => now);
    expect((await buckets.take('k', 25)).allowed).toBe(true);
    const next = await buckets.take('k', 1);
    expect(next.allowed).toBe(false);
    // 15 tokens of debt plus the one asked for, at 10 per second.
    expect(next.retryAfterMs).toBe(1_600);
    now = 1_600;
    expect((await buckets.take('k', 1)).allowed).toBe(true);
  });
});
