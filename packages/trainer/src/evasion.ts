/**
 * Evasion transforms that spammers use to dodge keyword filters. The features package normalises
 * each of them away; the card reports how far each moves the score of test-split spam.
 */
export type EvasionName = 'homoglyphs' | 'zeroWidth' | 'leetspeak' | 'spacedLetters' | 'defangedLinks';

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
};

export const EVASION_NAMES = Object.keys(EVASIONS) as EvasionName[];
