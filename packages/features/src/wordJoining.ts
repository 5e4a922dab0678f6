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
const WORD = /[a-z0-9]+/g;
const SPANS = [3, 2] as const;

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

// First four letters of every vocabulary word and stem: a joined candidate whose start is not among
// them cannot be known (letters only; a candidate with digits goes through the full check).
const prefixIndex = new WeakMap<LeetVocabulary, Set<string>>();
function couldBeKnown(word: string, vocab: LeetVocabulary): boolean {
  let prefixes = prefixIndex.get(vocab);
  if (!prefixes) {
    prefixes = new Set();
    for (const w of vocab.words) if (w.length >= 4) prefixes.add(w.slice(0, 4));
    for (const stem of vocab.stems) prefixes.add(stem.slice(0, 4));
    prefixIndex.set(vocab, prefixes);
  }
  return prefixes.has(word.slice(0, 4)) || NOT_LETTER.test(word);
}

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

function joinSeparated(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
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

function joinSpaced(text: string, vocab: LeetVocabulary, evasion: EvasionCounter): string {
  const words: { start: number; end: number; text: string }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  if (words.length < 2) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < words.length) {
    let joinedCount = 0;
    for (const span of SPANS) {
      if (i + span > words.length) continue;
      // Only a single space between the pieces, and short pieces: "pay pal", "ama zon", "ver if y".
      let adjacent = words[i].text.length <= 10;
      let joined = words[i].text;
      for (let k = i + 1; k < i + span && adjacent; k++) {
        if (words[k].start !== words[k - 1].end + 1 || text.charCodeAt(words[k - 1].end) !== 0x20)
          adjacent = false;
        if (words[k].text.length > 10) adjacent = false;
        joined += words[k].text;
      }
      if (!adjacent || !couldBeKnown(joined, vocab)) continue;
      if (letters(joined) < 5 || !isKnown(joined, vocab)) continue;
      const group = words.slice(i, i + span);
      if (group.some((g) => isKnown(g.text, vocab))) continue;
      joinedCount = span;
      out += text.slice(copied, group[0].start) + joined;
      copied = group[span - 1].end;
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
