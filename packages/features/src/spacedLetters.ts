/** Stage 3 of the normaliser (see normalize.ts): spaced-out letters. */
import { decodeCore, inVocabulary, isDigit, type LeetVocabulary } from './leetspeak';
import type { EvasionCounter } from './normalize';

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
