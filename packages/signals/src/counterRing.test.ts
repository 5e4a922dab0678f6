import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterRing } from './counterRing';
import type { RingGroup } from './windows';

const group: RingGroup = { name: 'T', bucketMs: 1, slots: 5, counters: ['a', 'b'] };

describe('CounterRing', () => {
  it('keeps running totals equal to the sum of the window, for any sequence of adds and reads', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            step: fc.integer({ min: -7, max: 4 }),
            index: fc.integer({ min: 0, max: 1 }),
            by: fc.nat(3),
          }),
          {
            maxLength: 60,
          },
        ),
        fc.integer({ min: 0, max: 12 }),
        (adds, readAhead) => {
          const ring = new CounterRing(group);
          const accepted: { bucket: number; index: number; by: number }[] = [];
          let clock = 100;
          for (const { step, index, by } of adds) {
            clock = Math.max(clock, clock + step);
            const bucket = clock + Math.min(step, 0); // negative steps write late
            const headAfter = Math.max(ring.head, bucket);
            if (bucket > headAfter - group.slots) accepted.push({ bucket, index, by });
            ring.add(bucket, index, by);
          }
          const end = Math.max(ring.head, clock + readAhead);
          const expected = [0, 1].map((i) =>
            accepted
              .filter((a) => a.index === i && a.bucket > end - group.slots && a.bucket <= end)
              .reduce((sum, a) => sum + a.by, 0),
          );
          expect(ring.totalsAt(clock + readAhead)).toEqual(expected);
        },
      ),
    );
  });

  it('zeroes one counter everywhere', () => {
    const ring = new CounterRing(group);
    ring.add(10, 0, 2);
    ring.add(11, 1, 3);
    ring.zero(0);
    expect(ring.totalsAt(11)).toEqual([0, 3]);
    ring.add(12, 0, 1);
    expect(ring.totalsAt(14)).toEqual([1, 3]);
    expect(ring.totalsAt(16)).toEqual([1, 0]); // the window (11, 16] keeps bucket 12 only
    expect(ring.totalsAt(17)).toEqual([0, 0]);
  });
});
