import type { CounterRing } from './counterRing';

/**
 * Distinct values over a ring's window (`DISTINCT_HOUR_RING`, `DISTINCT_DAY_RING`): each value
 * remembers the bucket it was last seen in and is counted there, so the ring's window total is the
 * number of distinct values in the window. The Redis script keeps the same last-seen buckets as
 * fields of the account's values hash and moves the counts the same way, in the same order.
 */
export class LastSeenValues {
  /** value -> bucket last seen; re-inserted on every move, so the oldest come first. */
  private readonly lastSeen = new Map<string, number>();

  constructor(private readonly maxValues: number) {}

  /**
   * Counts `value` at `bucket` in counter `index` of `ring` (moving it out of its previous bucket).
   * An older sighting changes nothing: the value already counts in a later bucket. Past `maxValues`
   * values a new one is not counted (the distinct count saturates).
   */
  add(ring: CounterRing, index: number, value: string, bucket: number): void {
    const previous = this.lastSeen.get(value);
    if (previous !== undefined && previous >= bucket) return;
    if (previous === undefined && this.lastSeen.size >= this.maxValues) return;
    if (previous !== undefined) {
      ring.add(previous, index, -1);
      this.lastSeen.delete(value);
    }
    ring.add(bucket, index, 1);
    this.lastSeen.set(value, bucket);
  }

  /**
   * Forgets values last seen at or before `bucket`, which no window still to be read includes (the
   * caller passes the clock's bucket minus the window's length). Removing one changes no count: its
   * old bucket has left every window that can be read, so a later -1 there would change nothing.
   */
  forgetUpTo(bucket: number): void {
    for (const [value, seen] of this.lastSeen) {
      if (seen > bucket) break;
      this.lastSeen.delete(value);
    }
  }

  clear(): void {
    this.lastSeen.clear();
  }
}
