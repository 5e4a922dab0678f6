/**
 * Schema 2026.12.1: re-joins trigger words and brand names split by an inserted separator
 * ("pay.pal", "ver-ify", "acc_ount", "pay pal", "amaz on"). A split word is joined only when the
 * joined form (or its leetspeak decoding, "paypa1") is a lexicon term or a brand, and no piece
 * is a word of that vocabulary by itself ("parcel is" stays two words): without a dictionary this keeps
 * ordinary text unchanged while the words filters look for cannot be broken up.
 */
import { type LeetVocabulary, leetDecoding } from './leetspeak';
import type { EvasionCounter } from './normalize';

// A match starts only at the start of a letter/digit run: the same matches as without the lookbehind
// (a run that is not followed by a separator fails from any of its positions), but linear instead of
// quadratic on one long run (a 64 KiB "xxxx..." body took ~6 s).
const SEPARATED = /(?<![a-z0-9])[a-z0-9]+(?:[.\-_*·][a-z0-9]+)+/g;
const SEPARATORS = /[.\-_*·]/;
// Three pieces joined are tried before two ("ver if y" before "ver if").
const MAX_SPAN = 3;

// Stems are at least four characters long: index them by their first four, so a lookup is one probe
// instead of a pass over every stem (this runs for every adjacent word pair of every message).
const stemIndex = new WeakMap<LeetVocabulary, Map<string, string[]>>();
function stemsFor(vocab: LeetVocabulary, word: string): readonly string[] | undefined {
  let index = stemIndex.get(vocab);
  if (!index) {
    index = new Map();
    for (const stem of vocab.stems) {
      const key = stem.slice(0, 4);
      const list = index.get(key);
      if (list) list.push(stem);
      else index.set(key, [stem]);
    }
    stemIndex.set(vocab, index);
  }
  return index.get(word.slice(0, 4));
}

const NOT_LETTER = /[^a-z]/;

function isKnown(word: string, vocab: LeetVocabulary): boolean {
  if (word.length < 4) return false;
  if (vocab.words.has(word)) return true;
  const stems = stemsFor(vocab, word);
  if (stems)
    for (const stem of stems) if (word.startsWith(stem) && word.length <= stem.length + 4) return true;
  // Only a word with a digit or symbol has a leetspeak decoding.
  if (!NOT_LETTER.test(word)) return false;
  const decoded = leetDecoding(word, vocab);
  return decoded !== null && decoded !== word && isKnown(decoded, vocab);
}

function letters(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n;
}

function isRunCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function isSeparatorCode(c: number): boolean {
  return c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a || c === 0xb7;
}

/** Whether SEPARATED can match: a letter or digit, a separator, a letter or digit. */
function hasSeparatedRun(text: string): boolean {
  for (let i = 1; i + 1 < text.length; i++) {
    if (
      isSeparatorCode(text.charCodeAt(i)) &&
      isRunCode(text.charCodeAt(i - 1)) &&
      isRunCode(text.charCodeAt(i + 1))
    )
      return true;
  }
  return false;
}

function joinSeparated(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  // Most messages have no separator inside a word: one scan instead of a regex replace.
  if (!hasSeparatedRun(text)) return text;
  SEPARATED.lastIndex = 0;
  return text.replace(SEPARATED, (match, offset: number) => {
    // Part of an entity token or a longer run ("<url>"-adjacent text, "a.b.c.d" IPs): leave it.
    const before = offset > 0 ? text.charCodeAt(offset - 1) : 0x20;
    if (before === 0x40 || before === 0x2f) return match;
    const pieces = match.split(SEPARATORS);
    const joined = pieces.join('');
    if (letters(joined) < 4 || !isKnown(joined, vocab)) return match;
    if (pieces.some((p) => isKnown(p, vocab))) return match;
    evasion.count++;
    return joined;
  });
}

function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** The first four letters a-z of a word as one number below 2^20. */
function prefixCode(c0: number, c1: number, c2: number, c3: number): number {
  return ((c0 - 0x61) << 15) | ((c1 - 0x61) << 10) | ((c2 - 0x61) << 5) | (c3 - 0x61);
}

// joinSpaced asks for every adjacent word pair and triple of every message whether the joined form
// is known (~7 % of featurize's time when it built the joined string each time). A joined form of
// letters only is known (isKnown) only if a vocabulary word has its first four letters and its
// length, or a stem its first four letters and a length up to four more than the stem's: that
// necessary condition is one probe of a small open-addressing table (first four letters -> bit set
// of lengths; a JS Set of numbers was still ~3 %), and only the rare candidate that passes builds
// strings. It implies the earlier first-four-letters test, so the joins are exactly as before.
const MAX_SHAPE_LENGTH = 30;
interface KnownShapes {
  /** prefixCode + 1 per slot, 0 for an empty slot. */
  keys: Int32Array;
  /** Bit L set: some known word with that prefix has length L (L <= MAX_SHAPE_LENGTH). */
  lengths: Int32Array;
  shift: number;
  mask: number;
}
const knownShapes = new WeakMap<LeetVocabulary, KnownShapes>();
function knownShapesOf(vocab: LeetVocabulary): KnownShapes {
  let shapes = knownShapes.get(vocab);
  if (!shapes) {
    const bits = Math.max(6, Math.ceil(Math.log2((vocab.words.size + vocab.stems.length) * 2)));
    shapes = {
      keys: new Int32Array(1 << bits),
      lengths: new Int32Array(1 << bits),
      shift: 32 - bits,
      mask: (1 << bits) - 1,
    };
    for (const w of vocab.words) if (w.length >= 4) addKnownShape(w, w.length, w.length, shapes);
    for (const stem of vocab.stems) addKnownShape(stem, stem.length, stem.length + 4, shapes);
    knownShapes.set(vocab, shapes);
  }
  return shapes;
}

/** Slot of a prefix code in the table (its own, or the empty one where it would go). */
function shapeSlot(shapes: KnownShapes, code: number): number {
  let slot = Math.imul(code, 0x9e3779b1) >>> shapes.shift;
  for (;;) {
    const key = shapes.keys[slot];
    if (key === 0 || key === code + 1) return slot;
    slot = (slot + 1) & shapes.mask;
  }
}

function addKnownShape(word: string, from: number, to: number, into: KnownShapes): void {
  const c0 = word.charCodeAt(0);
  const c1 = word.charCodeAt(1);
  const c2 = word.charCodeAt(2);
  const c3 = word.charCodeAt(3);
  if (!(isLowerAscii(c0) && isLowerAscii(c1) && isLowerAscii(c2) && isLowerAscii(c3))) return;
  const code = prefixCode(c0, c1, c2, c3);
  const slot = shapeSlot(into, code);
  into.keys[slot] = code + 1;
  for (let length = from; length <= to && length <= MAX_SHAPE_LENGTH; length++)
    into.lengths[slot] |= 1 << length;
}

// Runs of [a-z0-9] of the current text (what /[a-z0-9]+/g finds), with their letter counts; reused.
let runStarts: Int32Array = new Int32Array(256);
let runEnds: Int32Array = new Int32Array(256);
let runLetters: Int32Array = new Int32Array(256);

function findRuns(text: string): number {
  // Locals: V8 reloads a module-level array at every access in a loop.
  let starts = runStarts;
  let ends = runEnds;
  let letterCounts = runLetters;
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isRunCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let letterCount = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isLowerAscii(c)) letterCount++;
      else if (!(c >= 0x30 && c <= 0x39)) break;
    }
    if (count === starts.length) {
      starts = grownCopy(starts);
      ends = grownCopy(ends);
      letterCounts = grownCopy(letterCounts);
      runStarts = starts;
      runEnds = ends;
      runLetters = letterCounts;
    }
    starts[count] = start;
    ends[count] = i;
    letterCounts[count] = letterCount;
    count++;
  }
  return count;
}

function grownCopy(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Whether the runs [first, first + span) joined could be known, without building the string: true
 * when a run holds a digit (a leetspeak decoding may be known: the full isKnown decides) or the
 * joined form is longer than the table tracks, else when its first four letters and length match
 * the vocabulary (knownShapesOf).
 */
function couldBeKnownRuns(text: string, first: number, span: number, shapes: KnownShapes): boolean {
  const starts = runStarts;
  const ends = runEnds;
  const letterCounts = runLetters;
  let length = 0;
  for (let k = first; k < first + span; k++) {
    const runLength = ends[k] - starts[k];
    if (letterCounts[k] !== runLength) return true;
    length += runLength;
  }
  if (length < 4) return false;
  if (length > MAX_SHAPE_LENGTH) return true;
  // The first four letters of the joined form, which may span runs ("ama zon").
  let code = 0;
  let got = 0;
  for (let k = first; got < 4; k++) {
    for (let p = starts[k]; p < ends[k] && got < 4; p++, got++)
      code = (code << 5) | (text.charCodeAt(p) - 0x61);
  }
  const slot = shapeSlot(shapes, code);
  return shapes.keys[slot] !== 0 && (shapes.lengths[slot] & (1 << length)) !== 0;
}

function joinSpaced(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  const count = findRuns(text);
  if (count < 2) return text;
  const shapes = knownShapesOf(vocab);
  // Locals: V8 reloads a module-level array at every access in a loop.
  const starts = runStarts;
  const ends = runEnds;
  const letterCounts = runLetters;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < count) {
    let joinedCount = 0;
    for (let span = MAX_SPAN; span >= 2; span--) {
      if (i + span > count) continue;
      // Only a single space between the pieces, and short pieces: "pay pal", "ama zon", "ver if y".
      let adjacent = ends[i] - starts[i] <= 10;
      let totalLetters = letterCounts[i];
      for (let k = i + 1; k < i + span && adjacent; k++) {
        if (starts[k] !== ends[k - 1] + 1 || text.charCodeAt(ends[k - 1]) !== 0x20) adjacent = false;
        if (ends[k] - starts[k] > 10) adjacent = false;
        totalLetters += letterCounts[k];
      }
      if (!adjacent || !couldBeKnownRuns(text, i, span, shapes)) continue;
      if (totalLetters < 5) continue;
      let joined = '';
      for (let k = i; k < i + span; k++) joined += text.slice(starts[k], ends[k]);
      if (!isKnown(joined, vocab)) continue;
      let pieceKnown = false;
      for (let k = i; k < i + span && !pieceKnown; k++)
        pieceKnown = isKnown(text.slice(starts[k], ends[k]), vocab);
      if (pieceKnown) continue;
      joinedCount = span;
      out += text.slice(copied, starts[i]) + joined;
      copied = ends[i + span - 1];
      evasion.count++;
      break;
    }
    i += joinedCount > 0 ? joinedCount : 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export function joinSplitWords(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  return joinSpaced(joinSeparated(text, vocab, evasion), vocab, evasion);
}
