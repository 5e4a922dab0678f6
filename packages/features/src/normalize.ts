/**
 * Text normalisation against filter evasion. Stages, in order:
 *  1. scanRaw: raw-text statistics (length, case, digits, "!!!" runs), invisible and bidi control
 *     characters removed, control characters and exotic spaces turned into one space;
 *  2. NFKC (only when the text has non-ASCII characters: fullwidth, math bold, circled letters...);
 *  3. joinSpacedLetters: "F R E E" and "f.r.e.e" become "free" (before lower-casing: case matters);
 *  4. foldWords: lower-case, Latin accents folded to ASCII, Cyrillic/Greek look-alikes folded per word;
 *  5. undefang: hxxp, [.], (dot) ...;
 * then entities are replaced (entities.ts), and finally 6. decodeLeetspeak inside words.
 * Each trick found adds one to the evasion count (dense feature evasion_tricks, OBFUSCATED_TEXT).
 * Stages 1, 4 and 5 are here; the character tables are in charClasses.ts, stage 3 in
 * spacedLetters.ts and stage 6 in leetspeak.ts.
 */
import {
  C_BIDI,
  C_GENUINE_NON_LATIN,
  C_INVISIBLE,
  C_NO_SPACE,
  C_SPACE,
  C_STYLED,
  C_UPPER,
  C_WORD,
  CHAR_CLASS,
  FOLD,
  HOMOGLYPH_TABLE,
  isInvisible,
  isStyledLetter,
  isWordCode,
} from './charClasses';

export interface RawStats {
  /** Characters after removing invisible ones and collapsing spaces (of the analysed prefix). */
  length: number;
  letters: number;
  uppercase: number;
  digits: number;
  nonSpace: number;
  punctuationRuns: number;
  latinLetters: number;
  nonLatinLetters: number;
  /** Cyrillic or Greek letters that look like no Latin letter (и, л, δ): genuine non-Latin text. */
  genuineNonLatin: number;
  /** Text has characters of scripts written without spaces (CJK, Thai, ...). */
  noSpaceScript: boolean;
  nonAscii: boolean;
}

export function createRawStats(): RawStats {
  return {
    length: 0,
    letters: 0,
    uppercase: 0,
    digits: 0,
    nonSpace: 0,
    punctuationRuns: 0,
    latinLetters: 0,
    nonLatinLetters: 0,
    genuineNonLatin: 0,
    noSpaceScript: false,
    nonAscii: false,
  };
}

/** Mutable evasion counter threaded through the stages. */
export interface EvasionCounter {
  count: number;
}

// Scratch buffer for char-by-char stages; every stage writes then converts to a string before the
// next stage runs, so one module-level buffer is enough (featurize is synchronous).
let scratch = new Uint16Array(1024);

export function ensureScratch(size: number): Uint16Array {
  if (scratch.length < size) scratch = new Uint16Array(Math.max(size, scratch.length * 2));
  return scratch;
}

const CHUNK = 4096;

export function codesToString(buf: Uint16Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, length) as unknown as number[]);
  let out = '';
  for (let i = 0; i < length; i += CHUNK) {
    out += String.fromCharCode.apply(
      null,
      buf.subarray(i, Math.min(length, i + CHUNK)) as unknown as number[],
    );
  }
  return out;
}

/**
 * Stage 1. Collects raw statistics and returns the text with invisible characters removed and
 * spacing made single. Zero-width characters count as evasion only inside a word (a ZWJ between two
 * emoji is legitimate); bidi embeddings, overrides and isolates always count.
 */
export function scanRaw(text: string, maxChars: number, stats: RawStats, evasion: EvasionCounter): string {
  const n = Math.min(text.length, maxChars);
  const buf = ensureScratch(n + 1);
  let out = 0;
  let changed = n !== text.length;
  let lastWasSpace = true;
  let bangRun = 0;
  let inStyledRun = false;
  let prevKept = 0x20;
  // A local: V8 reloads a module-level table at every access in a loop.
  const charClass = CHAR_CLASS;
  // Length counts what a reader sees: invisible characters and runs of spaces do not add to it.
  stats.length = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21 || c === 0x3f) {
      bangRun++;
      if (bangRun === 2) stats.punctuationRuns++;
    } else {
      bangRun = 0;
    }
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) {
        stats.letters++;
        stats.uppercase++;
        stats.latinLetters++;
      } else if (c >= 0x61 && c <= 0x7a) {
        stats.letters++;
        stats.latinLetters++;
      } else if (c >= 0x30 && c <= 0x39) {
        stats.digits++;
      }
    } else {
      stats.nonAscii = true;
      const cls = charClass[c];
      if ((cls & C_INVISIBLE) !== 0) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0x20;
        if ((cls & C_BIDI) !== 0) {
          // Embeddings, overrides and isolates reorder what the reader sees ("‮exe.tab"): always a trick.
          evasion.count++;
        } else if (isWordCode(prevKept) && (isWordCode(next) || isInvisible(next))) {
          // Count a run once: only when the next char is not itself invisible.
          if (!isInvisible(next)) evasion.count++;
        }
        changed = true;
        continue;
      }
      const styled = (cls & C_STYLED) !== 0 || ((c === 0xd835 || c === 0xd83c) && isStyledLetter(text, i, c));
      if (styled && !inStyledRun) evasion.count++;
      inStyledRun = styled || (inStyledRun && (c & 0xfc00) === 0xdc00);
      if ((cls & C_NO_SPACE) !== 0) stats.noSpaceScript = true;
      if ((cls & C_GENUINE_NON_LATIN) !== 0) stats.genuineNonLatin++;
      if (c >= 0xc0 && (cls & C_WORD) !== 0) {
        stats.letters++;
        if (c <= 0x24f) stats.latinLetters++;
        else stats.nonLatinLetters++;
        if ((cls & C_UPPER) !== 0) stats.uppercase++;
      }
    }
    if (c <= 0x20 || (charClass[c] & C_SPACE) !== 0) {
      if (c !== 0x20 || lastWasSpace) changed = true;
      if (!lastWasSpace) {
        buf[out++] = 0x20;
        lastWasSpace = true;
        prevKept = 0x20;
      }
      continue;
    }
    stats.nonSpace++;
    buf[out++] = c;
    lastWasSpace = false;
    prevKept = c;
  }
  if (out > 0 && buf[out - 1] === 0x20) {
    out--;
    changed = true;
  }
  stats.length = out;
  if (!changed) return text;
  return codesToString(buf, out);
}

/** Latin letters dropped into a Cyrillic word to dodge Russian-language filters. */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  y: 'у',
  x: 'х',
  k: 'к',
};
const LATIN_TO_CYRILLIC_TABLE = new Uint16Array(0x80);
for (const [from, to] of Object.entries(LATIN_TO_CYRILLIC))
  LATIN_TO_CYRILLIC_TABLE[from.charCodeAt(0)] = to.charCodeAt(0);

function isCombiningMark(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

function isCyrillicOrGreek(c: number): boolean {
  return c >= 0x370 && c <= 0x52f;
}

/**
 * Stage 4. Lower-cases, folds accents, strips decorative combining marks (strike-through "f̶r̶e̶e̶"),
 * and resolves mixed-script words: a word of Latin letters with Cyrillic/Greek look-alikes ("Pаypal")
 * becomes all Latin; a Cyrillic word with Latin look-alikes ("привeт") becomes all Cyrillic; a word
 * made only of look-alikes ("РАУРАL") becomes Latin when the message is mostly Latin.
 */
export function foldWords(text: string, stats: RawStats, evasion: EvasionCounter): string {
  // ASCII text has no accents, look-alikes or combining marks: the native lower-casing is all it needs.
  if (!stats.nonAscii) return text.toLowerCase();
  const n = text.length;
  const buf = ensureScratch(n + 1);
  // A word made only of look-alikes ("АСЕ") is Latin in disguise when the message has no genuinely
  // Cyrillic or Greek letter (и, л, δ, ...) or is mostly Latin anyway.
  const latinDominant = stats.genuineNonLatin === 0 || stats.latinLetters >= stats.nonLatinLetters;
  let out = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordCode(c) && !isCombiningMark(c)) {
      buf[out++] = c < 0x80 ? c : FOLD[c];
      i++;
      continue;
    }
    // A word: emit it folded and lower-cased while classifying its letters; only a mixed-script
    // word (rare) is emitted a second time with its look-alikes resolved.
    const wordStart = out;
    let end = i;
    let latin = 0;
    let lookalike = 0;
    let otherScript = 0;
    let marks = 0;
    while (end < n) {
      const w = text.charCodeAt(end);
      if (w < 0x80) {
        if (w >= 0x61 && w <= 0x7a) latin++;
        else if (w >= 0x41 && w <= 0x5a) latin++;
        else if (!(w >= 0x30 && w <= 0x39)) break;
        buf[out++] = w >= 0x41 && w <= 0x5a ? w + 32 : w;
        end++;
        continue;
      }
      if (isCombiningMark(w)) {
        marks++;
        end++;
        continue;
      }
      if (!isWordCode(w)) break;
      const f = FOLD[w];
      if (f < 0x80) latin++;
      else if (isCyrillicOrGreek(f)) {
        if (HOMOGLYPH_TABLE[f] !== 0) lookalike++;
        else otherScript++;
      } else otherScript++;
      buf[out++] = f;
      end++;
    }
    let mode = 0; // 0 keep, 1 fold look-alikes to Latin, 2 fold Latin look-alikes to Cyrillic
    if (lookalike > 0 && otherScript === 0 && (latin > 0 || latinDominant)) mode = 1;
    else if (latin > 0 && otherScript > 0 && latin <= otherScript + lookalike) mode = 2;
    if (mode !== 0 && (latin > 0 || mode === 1)) evasion.count++;
    if (marks > 0 && latin > 0) evasion.count++;
    if (mode !== 0) {
      for (let j = wordStart; j < out; j++) {
        const f = buf[j];
        if (mode === 1 && f < HOMOGLYPH_TABLE.length && HOMOGLYPH_TABLE[f] !== 0) buf[j] = HOMOGLYPH_TABLE[f];
        else if (mode === 2 && f < 0x80 && LATIN_TO_CYRILLIC_TABLE[f] !== 0)
          buf[j] = LATIN_TO_CYRILLIC_TABLE[f];
      }
    }
    i = end;
  }
  return codesToString(buf, out);
}

// ---------------------------------------------------------------------------------------------
// Stage 5: defanged links.

const DEFANG =
  /hxxps?|h\*\*ps?|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}| dot (?=(?:com|net|org|info|co|uk|top|xyz|ly)\b)|\[:\]|\[:\/\/\]|\[\/\]/g;

export function undefang(text: string, evasion: EvasionCounter): string {
  // Cheap pre-check: most messages contain none of the markers.
  if (
    text.indexOf('[') < 0 &&
    text.indexOf('(') < 0 &&
    text.indexOf('{') < 0 &&
    text.indexOf('xxp') < 0 &&
    text.indexOf('**p') < 0 &&
    text.indexOf(' dot ') < 0
  ) {
    return text;
  }
  return text.replace(DEFANG, (m) => {
    evasion.count++;
    if (m.charCodeAt(0) === 0x68) return m.length === 5 || m.length === 4 ? 'http' : 'https';
    if (m === '[:]') return ':';
    if (m === '[://]') return '://';
    if (m === '[/]') return '/';
    return '.';
  });
}
