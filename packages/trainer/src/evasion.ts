/**
 * Evasion transforms that spammers use to dodge keyword filters. The features package normalises
 * each of them away; the card reports how far each moves the score of test-split spam.
 */
export type EvasionName =
  | 'homoglyphs'
  | 'zeroWidth'
  | 'leetspeak'
  | 'spacedLetters'
  | 'defangedLinks'
  | 'insertedPunctuation'
  | 'insertedSpaces'
  | 'digitSwaps';

const URL_LIKE = /^(?:https?:\/\/|www\.)|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?#]|$)|@/i;

/** Applies fn to each whitespace-separated word that is not a link or an email address. */
function mapWords(text: string, fn: (word: string, index: number) => string): string {
  let index = 0;
  return text.replace(/\S+/g, (word) => (URL_LIKE.test(word) ? word : fn(word, index++)));
}

// Latin -> Cyrillic / Greek look-alikes.
const HOMOGLYPHS: Record<string, string> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  i: '\u0456',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  A: '\u0391',
  B: '\u0392',
  C: '\u0421',
  E: '\u0415',
  H: '\u041d',
  K: '\u039a',
  M: '\u041c',
  O: '\u041e',
  P: '\u0420',
  T: '\u0422',
  X: '\u0425',
};

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

/**
 * Rewrites the `limit` longest plain words (at least `minLength` letters; links and addresses
 * untouched): the words a filter keys on ("verify", "account", "paypal") are the long ones.
 */
function mapLongestWords(
  text: string,
  limit: number,
  minLength: number,
  fn: (word: string) => string,
): string {
  const candidates: { index: number; length: number }[] = [];
  mapWords(text, (w, index) => {
    if (new RegExp(`^[a-z]{${minLength},}[!?.,:]*$`, 'i').test(w))
      candidates.push({ index, length: w.length });
    return w;
  });
  const chosen = new Set(
    candidates
      .sort((a, b) => b.length - a.length || a.index - b.index)
      .slice(0, limit)
      .map((c) => c.index),
  );
  return mapWords(text, (w, index) => (chosen.has(index) ? fn(w) : w));
}

const splitAt = (word: string, separator: string) => {
  const letters = /^[a-z]+/i.exec(word)?.[0] ?? word;
  const mid = Math.floor(letters.length / 2);
  return `${letters.slice(0, mid)}${separator}${letters.slice(mid)}${word.slice(letters.length)}`;
};

const DIGIT_SWAP: Record<string, string> = { o: '0', l: '1', i: '1', e: '3' };

export const EVASIONS: Record<EvasionName, (text: string) => string> = {
  homoglyphs: (text) => mapWords(text, (w) => w.replace(/[a-zA-Z]/g, (ch) => HOMOGLYPHS[ch] ?? ch)),
  zeroWidth: (text) =>
    mapWords(text, (w) => w.replace(/[a-z]{2,}/gi, (run) => run.replace(/(..)(?=.)/g, '$1\u200b'))),
  leetspeak: (text) =>
    mapWords(text, (w) =>
      w.replace(/[a-z]{4,}/gi, (run) => run.replace(/[aeiost]/gi, (ch) => LEET[ch.toLowerCase()])),
    ),
  spacedLetters: (text) => {
    // Three words, never two in a row: "F R E E  P R I Z E" would be ambiguous even to a human.
    let spaced = 0;
    let last = -2;
    return mapWords(text, (w, index) => {
      if (spaced >= 3 || index === last + 1 || !/^[a-z]{4,12}[!?.,:]*$/i.test(w)) return w;
      spaced++;
      last = index;
      return w.replace(/[a-z]+/i, (run) => run.toUpperCase().split('').join(' '));
    });
  },
  defangedLinks: (text) =>
    text.replace(/\S+/g, (word) => {
      if (!URL_LIKE.test(word) || word.includes('@')) return word;
      const scheme = /^https?:\/\//i.exec(word)?.[0] ?? '';
      const rest = word.slice(scheme.length);
      const slash = rest.search(/[/?#]/);
      const host = slash < 0 ? rest : rest.slice(0, slash);
      const path = slash < 0 ? '' : rest.slice(slash);
      return scheme.replace(/^http/i, 'hxxp') + host.replace(/\./g, '[.]') + path;
    }),
  // "Pay.Pal", "ver-ify", "acc.ount": one separator inside each of the three longest words.
  insertedPunctuation: (text) => {
    let n = 0;
    return mapLongestWords(text, 3, 5, (w) => splitAt(w, n++ % 2 === 0 ? '.' : '-'));
  },
  // "Pay Pal", "acc ount": a space inside each of the two longest words.
  insertedSpaces: (text) => mapLongestWords(text, 2, 5, (w) => splitAt(w, ' ')),
  // "Amaz0n", "Netf1ix", "acc0unt": one letter-digit swap in each of the three longest words.
  digitSwaps: (text) =>
    mapLongestWords(text, 3, 4, (w) => w.replace(/[olie]/i, (ch) => DIGIT_SWAP[ch.toLowerCase()] ?? ch)),
};

export const EVASION_NAMES = Object.keys(EVASIONS) as EvasionName[];
