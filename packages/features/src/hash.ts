/**
 * Hashing for the sparse feature space.
 *
 * Written by hand rather than taken from a library because featurize runs on every scored message:
 * FNV-1a works directly on UTF-16 char codes of the normalised text (no substring, no TextEncoder,
 * no allocation) and is incremental, so one pass from a start position yields the 3-, 4- and 5-gram
 * hashes at once. FNV's low bits mix poorly, and we keep only the low bits (mask into HASH_SPACE), so
 * every emitted hash goes through MurmurHash3's 32-bit finaliser, which avalanches all bits.
 */

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// A code below 0x100 (code >>> 8 is 0; shapeNgrams also feeds 32-bit values, so not `code < 0x100`)
// has a zero high byte, whose step is a bare multiply: two multiplies by the prime are one by its
// square (mod 2^32), the same bits at half the multiplies for Latin text.
const FNV_PRIME_SQUARED = Math.imul(FNV_PRIME, FNV_PRIME);

/** One FNV-1a step over a UTF-16 code unit (both bytes, so non-Latin scripts hash well). */
export function fnvStep(hash: number, code: number): number {
  if (code >>> 8 === 0) return Math.imul(hash ^ code, FNV_PRIME_SQUARED);
  let h = Math.imul(hash ^ (code & 0xff), FNV_PRIME);
  h = Math.imul(h ^ (code >>> 8), FNV_PRIME);
  return h;
}

/** MurmurHash3 fmix32: full avalanche of a 32-bit value, returned unsigned. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of text[start, end) seeded by xoring the offset basis, then finalised. */
export function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = start; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  return fmix32(h);
}

export function hashString(text: string, seed: number): number {
  return hashRange(text, 0, text.length, seed);
}

/** Order-dependent combination of two finalised hashes (word bigrams, shingles). */
export function combineHashes(a: number, b: number, seed: number): number {
  return fmix32(Math.imul(a ^ seed, 0x9e3779b1) + b);
}
