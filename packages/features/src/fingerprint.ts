/**
 * Content fingerprint: a 64-bit SimHash over 3-word shingles of the normalised text. Entities are
 * already tokens (<URL>, <PHONE>, ...), so the same template sent with different links, names of
 * amounts or codes gets the same or a near fingerprint (few differing bits), which the signal store
 * uses to spot one text blasted from many accounts.
 */
import { type Analysis, analyze } from './analyze';
import { tokenEnd, tokenize, tokenStart } from './featurize';
import { combineHashes, fmix32, hashRange } from './hash';
import { LIMITS, SEEDS } from './schema';

const SHINGLE = 3;
const votes = new Int32Array(64);
const recent = new Int32Array(SHINGLE);

function vote(hash: number): void {
  const low = fmix32(hash ^ SEEDS.simhashLow);
  const high = fmix32(hash ^ SEEDS.simhashHigh);
  for (let b = 0; b < 32; b++) {
    votes[b] += (low >>> b) & 1 ? 1 : -1;
    votes[32 + b] += (high >>> b) & 1 ? 1 : -1;
  }
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

export function contentFingerprint(input: string | Analysis): string {
  const analysis =
    typeof input === 'string' || input === null || input === undefined ? analyze(input) : input;
  const text = analysis.normalized;
  const tokens = tokenize(text, LIMITS.wordFeatureChars);
  votes.fill(0);
  if (tokens === 0) return '0000000000000000';
  if (tokens < SHINGLE) {
    for (let t = 0; t < tokens; t++) vote(hashRange(text, tokenStart(t), tokenEnd(t), SEEDS.unigram));
  } else {
    for (let t = 0; t < tokens; t++) {
      recent[t % SHINGLE] = hashRange(text, tokenStart(t), tokenEnd(t), SEEDS.unigram);
      if (t + 1 < SHINGLE) continue;
      let h = recent[(t + 1) % SHINGLE];
      for (let k = 2; k <= SHINGLE; k++) h = combineHashes(h, recent[(t + k) % SHINGLE], SEEDS.simhashLow);
      vote(h);
    }
  }
  let low = 0;
  let high = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b] > 0) low |= 1 << b;
    if (votes[32 + b] > 0) high |= 1 << b;
  }
  return hex32(high) + hex32(low);
}

/** Number of differing bits between two fingerprints (0..64). */
export function fingerprintDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}
