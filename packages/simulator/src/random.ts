/**
 * The simulator's only source of randomness (mulberry32): the same seed gives the same traffic,
 * byte for byte. Math.random is never used.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Exponential waiting time with the given mean (a Poisson process's gaps). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  /**
   * A child stream: what one account draws never shifts what another draws. The state and the salt
   * go through a full 32-bit mix (murmur3's finaliser): a plain `state ^ salt` made seed 201's
   * account i the same stream as seed 202's account i ^ 3, so "different" seeds replayed the same
   * accounts in another order.
   */
  fork(salt: number): SeededRandom {
    let h = (mix32(this.state) ^ Math.imul((salt >>> 0) + 1, 0x9e3779b1)) >>> 0;
    h = mix32(h);
    return new SeededRandom(h);
  }
}

function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
