import type { LabelledMessage } from './labelledFile';
import { type Random, seededRandom, shuffleInPlace } from './seededRandom';

export interface DedupStats {
  input: number;
  unique: number;
  /** Copies of an earlier message with the same normalised text and the same label. */
  duplicatesDropped: number;
  /** Normalised texts seen with both an abusive and a benign label: all copies are dropped. */
  conflictingTextsDropped: number;
  conflictingRowsDropped: number;
  /** Duplicates per source, e.g. { 'mendeley-sms': 5100 }. */
  duplicatesBySource: Record<string, number>;
}

/**
 * Keeps the first message of each normalised text (corpora are passed oldest/primary first), so
 * an evaluation split can never contain a message the model trained on under another spelling.
 */
export function deduplicate<T extends LabelledMessage>(
  messages: readonly T[],
  normalizedOf: (m: T, i: number) => string,
) {
  const first = new Map<string, number>();
  const conflicted = new Set<string>();
  const keys: string[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const key = normalizedOf(messages[i], i);
    keys[i] = key;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, i);
    else if (messages[seen].abusive !== messages[i].abusive) conflicted.add(key);
  }
  const kept: number[] = [];
  const duplicatesBySource: Record<string, number> = {};
  let duplicatesDropped = 0;
  let conflictingRowsDropped = 0;
  for (let i = 0; i < messages.length; i++) {
    if (conflicted.has(keys[i])) conflictingRowsDropped++;
    else if (first.get(keys[i]) === i) kept.push(i);
    else {
      duplicatesDropped++;
      duplicatesBySource[messages[i].source] = (duplicatesBySource[messages[i].source] ?? 0) + 1;
    }
  }
  const stats: DedupStats = {
    input: messages.length,
    unique: kept.length,
    duplicatesDropped,
    conflictingTextsDropped: conflicted.size,
    conflictingRowsDropped,
    duplicatesBySource,
  };
  return { kept, stats };
}

/**
 * Stratified split: within each stratum (e.g. source + label) a seeded shuffle, then the first
 * `fractions[0]` go to part 0 and so on. Returns the part of each item.
 */
export function stratifiedSplit(
  strata: readonly string[],
  fractions: readonly number[],
  seed: number,
): Uint8Array {
  const random: Random = seededRandom(seed);
  const byStratum = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const list = byStratum.get(s);
    if (list) list.push(i);
    else byStratum.set(s, [i]);
  });
  const part = new Uint8Array(strata.length);
  for (const key of [...byStratum.keys()].sort()) {
    const items = shuffleInPlace(byStratum.get(key)!, random);
    let start = 0;
    let cumulative = 0;
    fractions.forEach((f, p) => {
      cumulative += f;
      const end = p === fractions.length - 1 ? items.length : Math.round(cumulative * items.length);
      for (let i = start; i < end; i++) part[items[i]] = p;
      start = end;
    });
  }
  return part;
}

/** Stratified k-fold assignment (fold of each item), used for out-of-fold predictions. */
export function stratifiedFolds(strata: readonly string[], k: number, seed: number): Uint8Array {
  return stratifiedSplit(
    strata,
    Array.from({ length: k }, () => 1 / k),
    seed,
  );
}
