import type { RingGroup } from './windows';

/**
 * Bucketed counters over a sliding window with running totals: the window's totals are kept up
 * to date as the head bucket advances, so a read costs O(buckets advanced since the last write)
 * (usually none) instead of O(slots). The Redis script implements the same algorithm (same
 * fields, same edge cases); the contract and the cross-store property test hold them together.
 *
 * Invariant: totals = sum of the slots whose bucket lies in (head - slots, head].
 * A read at a bucket before the head (a future-dated message moved the head) reads the window
 * ending at the head.
 */
export class CounterRing {
  head = 0;
  readonly totals: number[];
  private readonly stamps: number[];
  private readonly counts: number[][];

  constructor(private readonly group: RingGroup) {
    this.totals = new Array(group.counters.length).fill(0);
    this.stamps = new Array(group.slots).fill(-1);
    this.counts = Array.from({ length: group.slots }, () => new Array(group.counters.length).fill(0));
  }

  /** The totals of the window ending at `bucket` (or at the head, if later). */
  totalsAt(bucket: number): number[] {
    const totals = [...this.totals];
    this.expire(totals, bucket);
    return totals;
  }

  add(bucket: number, index: number, by: number): void {
    if (bucket > this.head) {
      this.expire(this.totals, bucket);
      this.head = bucket;
    }
    const { slots } = this.group;
    if (bucket <= this.head - slots) return; // already out of the window
    const slot = bucket % slots;
    if (this.stamps[slot] > bucket) return; // cannot happen while the head moves first; defensive
    if (this.stamps[slot] < bucket) {
      this.stamps[slot] = bucket;
      this.counts[slot].fill(0);
    }
    this.counts[slot][index] += by;
    this.totals[index] += by;
  }

  /** Sets one counter to 0 in every slot (a reviewer reset the account's risk). */
  zero(index: number): void {
    for (const counts of this.counts) counts[index] = 0;
    this.totals[index] = 0;
  }

  /** Subtracts from `totals` the slots that leave the window when the head moves to `bucket`. */
  private expire(totals: number[], bucket: number): void {
    if (bucket <= this.head) return;
    const { slots } = this.group;
    if (bucket - this.head >= slots) {
      totals.fill(0);
      return;
    }
    for (let b = this.head + 1; b <= bucket; b++) {
      const slot = b % slots;
      if (this.stamps[slot] === b - slots)
        for (let i = 0; i < totals.length; i++) totals[i] -= this.counts[slot][i];
    }
  }
}
