/**
 * A bounded LRU of first answers by messageId. The in-process fallback for idempotency when Redis is
 * down, and a fast path for repeats that reach the same replica. Map keeps insertion order, so the
 * oldest entry is the first key.
 */
export class AnswerCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** First writer wins: a repeat never replaces the first answer. */
  setIfAbsent(key: string, value: V): void {
    if (this.entries.has(key)) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
