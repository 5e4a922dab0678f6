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
 */

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

function ensureScratch(size: number): Uint16Array {
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

/** Zero-width, joiners, bidi embeddings/overrides/isolates, BOM, soft hyphen, variation selectors. */
function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x180e ||
    c === 0x034f ||
    c === 0x061c ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}

function isBidiOverride(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * Latin small capitals ("ᴄʟᴀɪᴍ ʏᴏᴜʀ ᴘʀɪᴢᴇ"), a favourite of "fancy text" generators. NFKC leaves
 * them alone, so they are folded here.
 */
export const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
};
const SMALL_CAPITAL_CODES = new Set(Object.keys(SMALL_CAPITALS).map((k) => k.charCodeAt(0)));

/** Latin letters with no Unicode decomposition that still read as a plain letter (Turkish ı, Polish ł). */
export const EXTRA_LATIN_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ø: 'o',
  Ø: 'o',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ŀ: 'l',
  Ŀ: 'l',
};

function isSpaceLike(c: number): boolean {
  return (
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x1680
  );
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Letters and digits of any script (coarse: everything from U+00C0 that isn't punctuation or symbol). */
function isWordCodeSlow(c: number): boolean {
  if (c < 0x80) return isAsciiAlnum(c);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xf8ff) return false;
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff65) return false;
  if (c === 0xfffd || c === 0xfffc) return false;
  return true;
}

function isNoSpaceScript(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x0e00 && c <= 0x0eff) ||
    (c >= 0x1000 && c <= 0x109f) ||
    (c >= 0x1780 && c <= 0x17ff)
  );
}

/**
 * Characters NFKC turns into plain letters that only an evader would type: fullwidth forms,
 * enclosed (circled) alphanumerics, and (as surrogate pairs) mathematical alphanumerics and
 * squared/negative-circled Latin letters. Counted once per run.
 */
function isStyledLetter(text: string, i: number, c: number): boolean {
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || (c >= 0xff10 && c <= 0xff19))
    return true;
  if (c >= 0x2460 && c <= 0x24ff) return true;
  if (SMALL_CAPITAL_CODES.has(c)) return true;
  if (c === 0xd835) {
    const low = text.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff;
  }
  if (c === 0xd83c) {
    const low = text.charCodeAt(i + 1);
    return low >= 0xdd30 && low <= 0xdd89;
  }
  return false;
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
      const cls = CHAR_CLASS[c];
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
    if (c <= 0x20 || (CHAR_CLASS[c] & C_SPACE) !== 0) {
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

// ---------------------------------------------------------------------------------------------
// Stage 3 tables, built once at module load (~5 ms).

/** Lower-case with Latin accents folded to their ASCII base letter; identity when not single-char. */
const FOLD = new Uint16Array(0x10000);
(() => {
  for (let c = 0; c < 0x10000; c++) {
    FOLD[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) {
      const base = s.normalize('NFD').charCodeAt(0);
      if (base < 0x80 && isAsciiAlnum(base)) {
        FOLD[c] = base >= 0x41 && base <= 0x5a ? base + 32 : base;
        continue;
      }
    }
    const lower = s.toLowerCase();
    if (lower.length === 1) FOLD[c] = lower.charCodeAt(0);
  }
  for (const [from, to] of Object.entries({ ...SMALL_CAPITALS, ...EXTRA_LATIN_FOLDS })) {
    FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
  }
})();

/**
 * Lower-case Cyrillic and Greek letters that look like a Latin letter (after lower-casing, so the
 * upper-case look-alikes "АВЕКМНОРСТХ" are covered through their lower-case forms).
 */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ɡ: 'g',
  ь: 'b',
  ո: 'n',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
  ω: 'w',
  γ: 'y',
};

const HOMOGLYPH_TABLE = new Uint8Array(0x600);
for (const [from, to] of Object.entries(HOMOGLYPHS)) {
  const code = from.charCodeAt(0);
  if (code < HOMOGLYPH_TABLE.length) HOMOGLYPH_TABLE[code] = to.charCodeAt(0);
}

// Character classes of the BMP, one table lookup per character in the hot loops (~2 ms at load).
const C_WORD = 1;
const C_INVISIBLE = 2;
const C_BIDI = 4;
const C_SPACE = 8;
const C_STYLED = 16;
const C_NO_SPACE = 32;
const C_GENUINE_NON_LATIN = 64;
const C_UPPER = 128;
const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  let cls = 0;
  if (isWordCodeSlow(c)) cls |= C_WORD;
  if (isInvisible(c)) cls |= C_INVISIBLE;
  if (isBidiOverride(c)) cls |= C_BIDI;
  if (isSpaceLike(c)) cls |= C_SPACE;
  // Surrogate pairs are checked in place (isStyledLetter); here the single-unit styled letters.
  if (c < 0xd800 || c > 0xdfff) {
    if (isStyledLetter('', 0, c)) cls |= C_STYLED;
  }
  if (isNoSpaceScript(c)) cls |= C_NO_SPACE;
  if (c >= 0x370 && c <= 0x52f && HOMOGLYPH_TABLE[FOLD[c]] === 0 && isWordCodeSlow(FOLD[c]))
    cls |= C_GENUINE_NON_LATIN;
  if ((c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x391 && c <= 0x3a9) || (c >= 0x400 && c <= 0x42f)) {
    cls |= C_UPPER;
  }
  CHAR_CLASS[c] = cls;
}

/** Letters and digits of any script (table lookup of isWordCodeSlow). */
export function isWordCode(c: number): boolean {
  return (CHAR_CLASS[c] & C_WORD) !== 0;
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
 * Stage 3. Lower-cases, folds accents, strips decorative combining marks (strike-through "f̶r̶e̶e̶"),
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
// Stage 4: defanged links.

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

// ---------------------------------------------------------------------------------------------
// Stage 5: spaced-out letters.

/** Single letters common in text-speak ("u r a star"): a run made only of these is left alone. */
const TEXTSPEAK_SINGLES = new Set(['a', 'i', 'u', 'r', 'y', 'n', 'c', 'b', 'k', 'o', 'x', 'd']);

function isSpacedUnit(c: number): boolean {
  return isLetterCode(c) || (c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24;
}

/** ASCII letter of either case: this stage runs before lower-casing, so case can split runs. */
function isLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

const SEPARATED_UNITS = /^[a-z0-9@$]([.\-_*])[a-z0-9@$](?:\1[a-z0-9@$])+\.?$/i;

function isSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a;
}

function isTrailingPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x3b;
}

/**
 * Joins runs of single characters separated by spaces ("f r e e") or by one of . - _ * inside a
 * token ("f.r.e.e", "f-r-e-e"). Needs at least two letters, so spaced phone digits stay digits, and a
 * run made only of text-speak singles ("u r a star") must be five long.
 */
export function joinSpacedLetters(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  const n = text.length;
  let pieces: string[] | null = null;
  let copiedUpTo = 0;
  let i = 0;
  while (i < n) {
    let tokenEnd = text.indexOf(' ', i);
    if (tokenEnd < 0) tokenEnd = n;
    const c = text.charCodeAt(i);
    if (isSpacedUnit(c) && tokenEnd - i === 1) {
      // Space-separated single characters; the last may carry punctuation ("f r e e!"). A change of
      // case ends the run: in "in 2 a W K L Y" only "W K L Y" was spaced out.
      let joined = '';
      let letters = 0;
      let onlyTextspeak = true;
      let runCase = 0; // 0 none yet, 1 lower, 2 upper
      let j = i;
      let runEnd = i;
      while (j < n) {
        const u = text.charCodeAt(j);
        if (!isSpacedUnit(u)) break;
        const after = j + 1 < n ? text.charCodeAt(j + 1) : 0x20;
        let unitEnd = j + 1;
        while (unitEnd < n && isTrailingPunctuation(text.charCodeAt(unitEnd))) unitEnd++;
        const punctuated = unitEnd > j + 1 && (unitEnd >= n || text.charCodeAt(unitEnd) === 0x20);
        if (after !== 0x20 && !punctuated) break;
        if (isLetterCode(u)) {
          const unitCase = u >= 0x61 ? 1 : 2;
          if (runCase !== 0 && unitCase !== runCase) break;
          runCase = unitCase;
          letters++;
          if (!TEXTSPEAK_SINGLES.has(text[j].toLowerCase())) onlyTextspeak = false;
        }
        joined += text[j];
        runEnd = j + 1;
        if (punctuated) break;
        j += 2;
      }
      // A digit at either end is a word of its own ("been 3 weeks", "1 year"), not a spaced letter,
      // unless the whole run spells a known word in leetspeak ("F R 3 3").
      const leetWord =
        /\d/.test(joined) && inVocabulary(decodeCore(joined.toLowerCase(), 0, joined.length, 0x69), vocab);
      while (!leetWord && joined.length > 0 && isDigit(joined.charCodeAt(joined.length - 1))) {
        joined = joined.slice(0, -1);
        // Units are one character apart ("a b 3"): the previous unit ends two characters earlier.
        runEnd -= 2;
      }
      if (!leetWord && joined.length > 0 && isDigit(joined.charCodeAt(0))) {
        // Leave the run from its first letter to the next pass: skip this token only.
        i = tokenEnd + 1;
        continue;
      }
      const known = joined.length >= 3 && vocab.words.has(joined.toLowerCase());
      if ((known || joined.length >= (onlyTextspeak ? 4 : 3)) && letters >= 2) {
        if (pieces === null) pieces = [];
        pieces.push(text.slice(copiedUpTo, i), joined);
        copiedUpTo = runEnd;
        evasion.count++;
        i = runEnd;
        while (i < n && text.charCodeAt(i) !== 0x20) i++;
        i++;
        continue;
      }
      // A rejected run cannot contain an accepted one (fewer letters, fewer units): skip it whole,
      // which keeps "1 1 1 1 ..." linear.
      if (runEnd > i) {
        i = runEnd;
        while (i < n && text.charCodeAt(i) !== 0x20) i++;
        i++;
        continue;
      }
    } else if (tokenEnd - i >= 5 && isSpacedUnit(c) && isSeparator(text.charCodeAt(i + 1))) {
      const token = text.slice(i, tokenEnd);
      if (SEPARATED_UNITS.test(token)) {
        let joined = '';
        let letters = 0;
        for (let k = 0; k < token.length; k += 2) {
          const u = token.charCodeAt(k);
          if (isSpacedUnit(u)) {
            joined += token[k];
            if (isLetterCode(u)) letters++;
          }
        }
        if (letters >= 2) {
          if (pieces === null) pieces = [];
          pieces.push(text.slice(copiedUpTo, i), joined);
          copiedUpTo = token.endsWith('.') && token.length % 2 === 0 ? tokenEnd - 1 : tokenEnd;
          // "u.s.a." is an abbreviation, "f.r.e.e" four units long is a trick.
          if (joined.length >= 4) evasion.count++;
        }
      }
    }
    i = tokenEnd + 1;
  }
  if (pieces === null) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}

// ---------------------------------------------------------------------------------------------
// Stage 6: leetspeak inside words.

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

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export interface LeetVocabulary {
  words: ReadonlySet<string>;
  /** Stems (>= 4 chars) a decoded word may start with. */
  stems: readonly string[];
}

function decodeCore(text: string, start: number, end: number, oneAs: number): string {
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

function inVocabulary(word: string, vocab: LeetVocabulary): boolean {
  if (vocab.words.has(word)) return true;
  for (const stem of vocab.stems) if (word.startsWith(stem)) return true;
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
  const known = subsOnlyBefore ? (w: string) => vocab.words.has(w) : (w: string) => inVocabulary(w, vocab);
  const decoded = decodeCore(text, s, e, 0x69);
  if (known(decoded)) return decoded;
  if (hasOne) {
    const withL = decodeCore(text, s, e, 0x6c);
    if (known(withL)) return withL;
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
