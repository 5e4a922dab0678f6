/** Stage 6 of the normaliser (see normalize.ts): leetspeak inside words. */
import { isWordCode } from './charClasses';
import type { EvasionCounter } from './normalize';

export const LEET_MAP: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'g',
  '7': 't',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};
const LEET_TABLE = new Uint16Array(0x80);
for (const [from, to] of Object.entries(LEET_MAP)) LEET_TABLE[from.charCodeAt(0)] = to.charCodeAt(0);

function isLeetSymbol(c: number): boolean {
  return c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export interface LeetVocabulary {
  words: ReadonlySet<string>;
  /** Stems (>= 4 chars) a decoded word may start with. */
  stems: readonly string[];
}

export function decodeCore(text: string, start: number, end: number, oneAs: number): string {
  let s = '';
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    const mapped = c === 0x31 ? oneAs : c < 0x80 && LEET_TABLE[c] !== 0 ? LEET_TABLE[c] : c;
    s += String.fromCharCode(mapped);
  }
  return s;
}

/** Inflections stripped before a vocabulary lookup: "guys", "tones", "locked", "winning", "winner". */
const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'ly'] as const;

interface StemIndex {
  /** Stems by their first four letters a-z (as one number): a word is tested only against those. */
  byPrefix: Map<number, string[]>;
  /** Stems not indexable that way (shorter, or not starting with four letters): always tested. */
  other: string[];
}

function lowerPrefixCode(word: string): number {
  if (word.length < 4) return -1;
  let code = 0;
  for (let i = 0; i < 4; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return -1;
    code = (code << 5) | (c - 0x61);
  }
  return code;
}

// inVocabulary runs for every leetspeak candidate (and spaced-letter run): one Map probe instead of
// a startsWith per stem (57 of them), which was ~1 % of featurize's time on the golden SMS.
const stemIndexes = new WeakMap<LeetVocabulary, StemIndex>();
function stemIndexOf(vocab: LeetVocabulary): StemIndex {
  let index = stemIndexes.get(vocab);
  if (!index) {
    index = { byPrefix: new Map(), other: [] };
    for (const stem of vocab.stems) {
      const code = lowerPrefixCode(stem);
      if (code < 0) {
        index.other.push(stem);
        continue;
      }
      const list = index.byPrefix.get(code);
      if (list) list.push(stem);
      else index.byPrefix.set(code, [stem]);
    }
    stemIndexes.set(vocab, index);
  }
  return index;
}

function startsWithStem(word: string, vocab: LeetVocabulary): boolean {
  const index = stemIndexOf(vocab);
  for (const stem of index.other) if (word.startsWith(stem)) return true;
  const code = lowerPrefixCode(word);
  // A word without four leading letters a-z starts with no indexed stem (those begin with four).
  if (code < 0) return false;
  const stems = index.byPrefix.get(code);
  if (stems) for (const stem of stems) if (word.startsWith(stem)) return true;
  return false;
}

export function inVocabulary(word: string, vocab: LeetVocabulary): boolean {
  if (vocab.words.has(word)) return true;
  if (startsWithStem(word, vocab)) return true;
  for (const suffix of SUFFIXES) {
    if (
      word.length > suffix.length + 2 &&
      word.endsWith(suffix) &&
      vocab.words.has(word.slice(0, -suffix.length))
    ) {
      return true;
    }
  }
  return false;
}

function isLowerLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isVowel(c: number): boolean {
  return c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79;
}

/**
 * Whether a decoded token is shaped like a word: a vowel per seven letters ("flights"), no four consonants
 * at the start and no five in a row ("xthkam" from the code "x7hk4m" is not).
 */
function looksLikeWord(word: string): boolean {
  let vowels = 0;
  let run = 0;
  let leading = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isVowel(c)) {
      vowels++;
      run = 0;
      leading = false;
    } else {
      run++;
      if (run >= 5 || (leading && run >= 4)) return false;
    }
  }
  return vowels * 7 >= word.length;
}

/**
 * The decoding of text[s, e) if it is leetspeak, else null. The token holds only a-z, digits and
 * @ $ ! |, with at least one letter and one substitution.
 *  - A known word after decoding ("fr33", "pa55w0rd", "570p") is always accepted.
 *  - 2 and 8 are not substitutions (text-speak "2nite", "gr8"): a token holding one is left alone.
 *  - Substitutions between letters ("h3llo", "4cc0un7", "53rv1c3") are decoded when the result is
 *    shaped like a word (looksLikeWord: leetspeak hides vowels, random codes have few).
 *  - Substitutions only after the letters ("d473", "r473") need two digits starting 0, 3 or 4 in a
 *    word of four or more ("covid19", "mp3", "win10" stay); only before the letters ("4ward", "3rd",
 *    "5mins") need the vocabulary.
 *  - "!" and "|" are mostly punctuation ("dead!Well"): vocabulary only.
 */
function decodeLeetToken(text: string, s: number, e: number, vocab: LeetVocabulary): string | null {
  let letters = 0;
  let firstLetter = -1;
  let lastLetter = -1;
  let firstSub = -1;
  let lastSub = -1;
  let hasOne = false;
  let punctuationSub = false;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (isLowerLetter(c)) {
      letters++;
      if (firstLetter < 0) firstLetter = k;
      lastLetter = k;
      continue;
    }
    if (c === 0x32 || c === 0x38) return null;
    if (c === 0x31) hasOne = true;
    if (c === 0x21 || c === 0x7c) punctuationSub = true;
    if (firstSub < 0) firstSub = k;
    lastSub = k;
  }
  if (letters === 0 || firstSub < 0) return null;
  const subsOnlyAfter = firstSub > lastLetter;
  const subsOnlyBefore = lastSub < firstLetter;
  // Digits before a word are mostly text-speak ("4ward", "2day"): only an exact known word counts.
  const decoded = decodeCore(text, s, e, 0x69);
  if (isKnownDecoding(decoded, subsOnlyBefore, vocab)) return decoded;
  if (hasOne) {
    const withL = decodeCore(text, s, e, 0x6c);
    if (isKnownDecoding(withL, subsOnlyBefore, vocab)) return withL;
  }
  if (punctuationSub) return null;
  // A number glued to a disguised word ("6m0n7h5", "3m1n5"): keep the number, decode the word.
  if (firstSub === s && firstLetter > s && !subsOnlyBefore) {
    const rest = decodeCore(text, firstLetter, e, 0x69);
    if (inVocabulary(rest, vocab)) return text.slice(s, firstLetter) + rest;
  }
  // Short text-speak abbreviations have no vowels at all ("m5g5" msgs, "7x75" txts).
  if (!looksLikeWord(decoded) && !(e - s <= 5 && !subsOnlyAfter && !subsOnlyBefore)) return null;
  if (!subsOnlyAfter && !subsOnlyBefore) return decoded;
  if (subsOnlyAfter) {
    const first = text.charCodeAt(firstSub);
    if (e - s >= 4 && e - firstSub >= 2 && (first === 0x30 || first === 0x33 || first === 0x34))
      return decoded;
  }
  return null;
}

// A function, not a closure per call: under tsx (keepNames) a closure also costs a __name() call.
function isKnownDecoding(word: string, exactOnly: boolean, vocab: LeetVocabulary): boolean {
  return exactOnly ? vocab.words.has(word) : inVocabulary(word, vocab);
}

function isLeetUnit(c: number): boolean {
  return isLowerLetter(c) || isDigit(c) || isLeetSymbol(c);
}

/** The decoding of a whole token if it is leetspeak ("pa55w0rd"), so entity extraction leaves it. */
export function leetDecoding(word: string, vocab: LeetVocabulary): string | null {
  if (word.length < 3 || word.length > 24) return null;
  for (let i = 0; i < word.length; i++) if (!isLeetUnit(word.charCodeAt(i))) return null;
  return decodeLeetToken(word, 0, word.length, vocab);
}

const LEET_CANDIDATE = /[a-z][0-9@$!|]|[0-9@$!|][a-z]/;

/**
 * Stage 6: rewrites words that mix letters with digits or @ $ ! | ("fr33", "v1agra", "c@sh",
 * "4cc0un7") by the rules of decodeLeetToken. Numbers, prices and codes have no letters, or were
 * already replaced by entity tokens, and are never touched.
 */
export function decodeLeetspeak(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  // A substitution always touches a letter; one native regex test skips most messages.
  if (!LEET_CANDIDATE.test(text)) return text;
  const n = text.length;
  let pieces: string[] | null = null;
  let copiedUpTo = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isLeetUnit(c) || (i > 0 && isWordCode(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let end = i;
    let hasSubstitution = false;
    while (end < n) {
      const u = text.charCodeAt(end);
      if (isLowerLetter(u)) end++;
      else if (isDigit(u) || isLeetSymbol(u)) {
        hasSubstitution = true;
        end++;
      } else break;
    }
    if (!hasSubstitution) {
      i = end;
      continue;
    }
    // Symbols at the ends are punctuation ("free!", "@john"), not substitutions.
    let s = i;
    let e = end;
    while (s < e && isLeetSymbol(text.charCodeAt(s))) s++;
    while (e > s && isLeetSymbol(text.charCodeAt(e - 1))) e--;
    const followedByWord = end < n && isWordCode(text.charCodeAt(end));
    if (e - s >= 3 && e - s <= 24 && !followedByWord) {
      const decoded = decodeLeetToken(text, s, e, vocab);
      if (decoded !== null) {
        if (pieces === null) pieces = [];
        pieces.push(text.slice(copiedUpTo, s), decoded);
        copiedUpTo = e;
        evasion.count++;
      }
    }
    i = end;
  }
  if (pieces === null) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}
