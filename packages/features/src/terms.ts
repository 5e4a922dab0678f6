/**
 * Multi-word term matching over normalised text without a regex per term: terms are bucketed by a
 * hash of the first (up to) four characters of their first word, so each word of the message costs
 * one hash and one map lookup, then a startsWith per candidate.
 */
import { isWordCode } from './charClasses';

export interface Term {
  /** Term text without the trailing `*`. */
  text: string;
  prefix: boolean;
  /** Index of the list the term belongs to. */
  list: number;
  /** Optional payload (the brand of a brand mention). */
  tag?: string;
}

const KEY_CHARS = 4;

/** Bucket key of text[start, end): a cheap polynomial of at most KEY_CHARS code units and the length. */
function bucketKey(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = (Math.imul(key, 0x01000193) + text.charCodeAt(i)) | 0;
  return finishKey(key, end - start);
}

function finishKey(key: number, length: number): number {
  const k = (key + Math.imul(length, 0x9e3779b1)) | 0;
  return (k ^ (k >>> 15)) & 0xffff;
}

function isWordChar(c: number): boolean {
  return c < 0x80
    ? (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)
    : isWordCode(c);
}

export interface TermMatcher {
  buckets: Map<number, Term[]>;
  /**
   * The same buckets as an array indexed by key (holes where no term is): an element load instead of
   * a Map lookup for every word whose filter bit is set (~1 % of featurize's time).
   */
  bucketByKey: (Term[] | undefined)[];
  /** One bit per bucket key: most words have no bucket and skip the Map lookup. */
  filter: Uint8Array;
  /** Terms in scripts written without spaces: matched anywhere with indexOf. */
  anywhere: Term[];
}

function isNoSpaceScriptText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff)) return true;
  }
  return false;
}

export function compileTerms(
  lists: readonly (readonly (string | { text: string; tag: string })[])[],
): TermMatcher {
  const buckets = new Map<number, Term[]>();
  const filter = new Uint8Array(1 << 13);
  const anywhere: Term[] = [];
  lists.forEach((list, listIndex) => {
    for (const entry of list) {
      const raw = typeof entry === 'string' ? entry : entry.text;
      const tag = typeof entry === 'string' ? undefined : entry.tag;
      const prefix = raw.endsWith('*');
      const text = prefix ? raw.slice(0, -1) : raw;
      const term: Term =
        tag === undefined ? { text, prefix, list: listIndex } : { text, prefix, list: listIndex, tag };
      if (isNoSpaceScriptText(text)) {
        anywhere.push(term);
        continue;
      }
      // The key is taken exactly as matchTerms takes it from the message: up to the first non-word char.
      let firstWordEnd = 0;
      while (firstWordEnd < text.length && isWordCode(text.charCodeAt(firstWordEnd))) firstWordEnd++;
      if (prefix && firstWordEnd < KEY_CHARS) {
        throw new Error(`lexicon stem "${raw}" is shorter than ${KEY_CHARS} characters`);
      }
      const key = bucketKey(text, 0, Math.min(KEY_CHARS, firstWordEnd));
      filter[key >>> 3] |= 1 << (key & 7);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(term);
      else buckets.set(key, [term]);
    }
  });
  const bucketByKey: (Term[] | undefined)[] = new Array(1 << 16).fill(undefined);
  for (const [key, bucket] of buckets) bucketByKey[key] = bucket;
  return { buckets, bucketByKey, filter, anywhere };
}

function isTokenChar(c: number): boolean {
  return isWordCode(c) || c === 0x3c || c === 0x3e;
}

/**
 * text.startsWith(term, at), compared code by code: the builtin call was most of matchTerms' time
 * (a message makes ~25 of them, mostly failing within a few characters: "your parcel" vs "your account").
 */
function matchesAt(text: string, at: number, term: string): boolean {
  const length = term.length;
  if (at + length > text.length) return false;
  for (let k = 0; k < length; k++) if (text.charCodeAt(at + k) !== term.charCodeAt(k)) return false;
  return true;
}

/**
 * Calls onHit(term) for every term occurrence. Words start after a non-word character; an exact term
 * must end at a word boundary, a prefix term may continue.
 */
export function matchTerms(
  text: string,
  matcher: TermMatcher,
  noSpaceScript: boolean,
  onHit: (term: Term) => void,
): void {
  const n = text.length;
  const filter = matcher.filter;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    // Word end and bucket key in one pass (the key covers the first KEY_CHARS characters).
    let key = 0;
    let end = i;
    while (end < n) {
      const w = text.charCodeAt(end);
      if (!isWordChar(w)) break;
      if (end - i < KEY_CHARS) key = (Math.imul(key, 0x01000193) + w) | 0;
      end++;
    }
    key = finishKey(key, Math.min(KEY_CHARS, end - i));
    if ((filter[key >>> 3] & (1 << (key & 7))) === 0) {
      i = end;
      continue;
    }
    const bucket = matcher.bucketByKey[key];
    if (bucket !== undefined) {
      for (let b = 0; b < bucket.length; b++) {
        const term = bucket[b];
        if (!matchesAt(text, i, term.text)) continue;
        const after = i + term.text.length;
        if (!term.prefix && after < n && isTokenChar(text.charCodeAt(after))) continue;
        onHit(term);
      }
    }
    i = end;
  }
  if (noSpaceScript) {
    for (const term of matcher.anywhere) {
      let at = text.indexOf(term.text);
      while (at >= 0) {
        onHit(term);
        at = text.indexOf(term.text, at + term.text.length);
      }
    }
  }
}
