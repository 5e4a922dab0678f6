/**
 * Entity extraction on the folded, lower-cased text: links, emails, phone numbers, sums of money and
 * one-time codes are replaced by <URL> <EMAIL> <PHONE> <MONEY> <CODE>, so templated spam with varying
 * links and numbers looks the same, and their properties become dense features.
 */

import {
  COUNTRY_TLDS,
  GENERIC_TLDS,
  parseUrl,
  SHORTENER_SET,
  TRAILING_URL_PUNCTUATION,
  type UrlEntity,
  WORD_TLDS,
} from './urlEntity';

export interface EntityCounts {
  urls: UrlEntity[];
  phones: number;
  emails: number;
  money: number;
  otpCodes: number;
  /**
   * Coarse descriptors of the phones, amounts and codes replaced ("phone:087", "money:small"), hashed
   * as features: what kind of number, never the number itself.
   */
  tags: string[];
}

/** ISO codes (and common local abbreviations) written before or after an amount; not "try" or "won". */
const CURRENCY_CODES =
  'usd|gbp|eur|inr|aud|cad|ngn|php|brl|mxn|kes|zar|rp|idr|tl|aed|sar|chf|pln|sek|nok|dkk|kr|jpy|cny|rmb|' +
  'vnd|egp|pkr|bdt|lkr|myr|rm|sgd|hkd|nzd|ghs|ugx|tzs';
const CURRENCY_WORDS =
  'dollars?|pounds?|euros?|rupees?|bucks|pence|reais|pesos?|naira|yuan|lira|zloty|kronor|krona|francs?|yen|' +
  'rupiah|ringgit|dirhams?|riyals?|dinars?|taka|baht|cedis|shillings?|рублей|руб';

// One pass over the text: the first alternative that matches at a position wins, so links come
// before emails before money before phone numbers before codes.
/**
 * Entity patterns, in precedence order: at one position the first that matches wins, so links come
 * before emails before money before phone numbers before codes. The text is lower-case here.
 */
const ENTITY_SOURCES = {
  url: String.raw`\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'\x60]+`,
  email: String.raw`\b[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}\b`,
  ip: String.raw`\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:\/[^\s<>"']*)?`,
  domain: String.raw`\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})(?::\d{2,5})?(?:\/[^\s<>"']*)?`,
  // A number: digits with , or . separators (1,99 / 2,000 / 10.000.000), ending on a digit.
  money: String.raw`(?:[£$€¥₹₦₱₽₺₩₫]|\b(?:rs\.?|r\$|${CURRENCY_CODES}))\s?\d(?:[\d,.]*\d)?(?:\s?(?:k|m|bn|million|billion)(?![a-z0-9]))?|\b\d(?:[\d,.]*\d)?(?:\s?(?:${CURRENCY_CODES}|${CURRENCY_WORDS})(?![a-z0-9а-я])|\s?[€£$₹₽元₺₩₫]|p(?![a-z0-9]))`,
  phone: String.raw`(?<![a-z0-9+])(?:\+|\b00)?\(?\d(?:[\s().-]{0,2}\d){8,14}(?![a-z0-9])`,
  short: String.raw`(?<=\b(?:to|on|call|ring|dial|txt|text|sms|send|reply|at|or)\s)\d{4,6}(?![a-z0-9]|[.,]\d)`,
  code: String.raw`\b[a-z]{1,3}-\d{4,8}\b|(?<![a-z0-9.,:\/])\d{4,8}(?![a-z0-9]|[.,:\/]\d)|\b(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,10}\b`,
} as const;

type EntityKind = keyof typeof ENTITY_SOURCES;

/** All patterns as one alternation: what featureSchemaDescription() records. */
export const ENTITY_PATTERN = new RegExp(
  Object.entries(ENTITY_SOURCES)
    .map(([kind, source]) => `(?<${kind}>${source})`)
    .join('|'),
);

function isAcceptedBareDomain(match: string): boolean {
  const slash = match.indexOf('/');
  const hostPart = slash >= 0 ? match.slice(0, slash) : match;
  const host = hostPart.replace(/:\d+$/, '');
  const labels = host.split('.');
  const tld = labels[labels.length - 1];
  const known = GENERIC_TLDS.has(tld) || COUNTRY_TLDS.has(tld) || tld.startsWith('xn--');
  if (!known) return false;
  const hasPath = slash >= 0 && slash < match.length - 1;
  // "i.ll", "u.k": a one-letter name with no path is text-speak, unless it is a known shortener (t.co).
  if (!hasPath && labels[0].length < 2 && !SHORTENER_SET.has(host)) return false;
  if (!WORD_TLDS.has(tld)) return true;
  // "now.click" reads like a sentence typo; a path, a subdomain or a hyphen/digit makes it a link.
  if (hasPath) return true;
  if (labels.length >= 3) return true;
  return /[-0-9]/.test(labels[0]) || SHORTENER_SET.has(host);
}

function isCodeLike(match: string): boolean {
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < match.length; i++) {
    const c = match.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c >= 0x61 && c <= 0x7a) letters++;
  }
  if (letters === 0) {
    // A bare 4-digit year is a number, not a code.
    if (digits === 4 && (match.startsWith('19') || match.startsWith('20'))) return false;
    return digits >= 4;
  }
  if (match.includes('-')) return true;
  return digits >= 3;
}

/**
 * Size class of an amount: smishing asks for small fees (1.99), prize spam promises large sums (1000).
 * "1,99" and "1.99" are decimals, "2,000" and "2.000" thousands.
 */
function moneyTag(match: string): string {
  const number = /\d[\d.,]*/.exec(match)?.[0] ?? '0';
  const decimal = /[.,]\d{1,2}$/.exec(number);
  const integerPart = (decimal ? number.slice(0, decimal.index) : number).replace(/[.,]/g, '');
  let amount = Number(integerPart.slice(0, 12));
  if (/\d\s?(k|m|bn|million|billion)$/.test(match)) amount *= 1000;
  if (/\dp$|pence$/.test(match)) amount /= 100;
  if (amount < 10) return 'money:small';
  if (amount < 1000) return 'money:medium';
  return 'money:large';
}

/** International, or the first three digits of a national number (087 premium, 080 freephone, 07 mobile). */
function phoneTag(match: string): string {
  if (match.startsWith('+') || match.startsWith('00')) return 'phone:intl';
  let digits = '';
  for (let i = 0; i < match.length && digits.length < 3; i++) {
    const c = match.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += match[i];
  }
  return `phone:${digits}`;
}

/** Replacement for one match, or null to leave it as it is. */
function replaceEntity(
  match: string,
  kind: EntityKind,
  into: EntityCounts,
  isLeetWord: (word: string) => boolean,
): string | null {
  switch (kind) {
    case 'url':
    case 'domain':
    case 'ip': {
      const bare = kind !== 'url' || match.startsWith('www.');
      if (kind === 'domain' && !isAcceptedBareDomain(match)) return null;
      const trailing = TRAILING_URL_PUNCTUATION.exec(match);
      const url = trailing ? match.slice(0, trailing.index) : match;
      const entity = parseUrl(url, bare);
      if (entity === null) return null;
      into.urls.push(entity);
      return trailing ? `<URL> ${trailing[0]}` : '<URL>';
    }
    case 'email':
      into.emails++;
      return '<EMAIL>';
    case 'money':
      // "570p" is "stop", "73rm" is "term": a number glued to a unit can be a disguised word.
      if (isAsciiAlnumWord(match) && isLeetWord(match)) return null;
      into.money++;
      into.tags.push(moneyTag(match));
      return '<MONEY>';
    case 'phone':
    case 'short':
      into.phones++;
      into.tags.push(kind === 'short' ? 'phone:short' : phoneTag(match));
      return '<PHONE>';
    case 'code':
      // "pa55w0rd" looks like a code but is a disguised word: leave it to the leetspeak stage.
      if (!isCodeLike(match) || isLeetWord(match)) return null;
      into.otpCodes++;
      into.tags.push(/[a-z]/.test(match) ? 'code:alnum' : `code:digits${Math.min(match.length, 9)}`);
      return '<CODE>';
  }
}

function isAsciiAlnumWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!isAsciiAlnum(word.charCodeAt(i))) return false;
  return true;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** $ £ ¥ and the currency-symbol block (€ ₹ ₦ ₱ ₽ ₺ ₩ ₫ ...), as in the money pattern. */
function isCurrencySign(c: number): boolean {
  return c === 0x24 || c === 0xa3 || c === 0xa5 || (c >= 0x20a0 && c <= 0x20cf);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const KIND_ORDER = Object.keys(ENTITY_SOURCES) as EntityKind[];
/** One sticky regex per kind (same order), tried only where the token can hold that kind. */
const ENTITY_AT = KIND_ORDER.map((kind) => new RegExp(ENTITY_SOURCES[kind], 'y'));
// Plain constants rather than a lookup object: entityCandidates runs at every word start.
const BIT_URL = 1 << KIND_ORDER.indexOf('url');
const BIT_EMAIL = 1 << KIND_ORDER.indexOf('email');
const BIT_IP = 1 << KIND_ORDER.indexOf('ip');
const BIT_DOMAIN = 1 << KIND_ORDER.indexOf('domain');
const BIT_MONEY = 1 << KIND_ORDER.indexOf('money');
const BIT_PHONE = 1 << KIND_ORDER.indexOf('phone');
const BIT_SHORT = 1 << KIND_ORDER.indexOf('short');
const BIT_CODE = 1 << KIND_ORDER.indexOf('code');

/**
 * Bit set (BIT_*) of the kinds that can match at i, from one scan of the token (up to the next
 * space): each pattern is tried only where a necessary condition holds (an email needs an @, a host
 * an inner dot, a phone a digit, + or parenthesis first...). Trying them in ENTITY_SOURCES order keeps
 * the precedence of a single alternation, at a fraction of the regex work.
 */
function entityCandidates(text: string, i: number): number {
  const n = text.length;
  let hasAt = false;
  let hasInnerDot = false;
  let digits = 0;
  let j = i;
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x20) break;
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x40) hasAt = true;
    else if (c === 0x2e && j + 1 < n && isAsciiAlnum(text.charCodeAt(j + 1))) hasInnerDot = true;
  }
  const first = text.charCodeAt(i);
  const firstIsDigit = first >= 0x30 && first <= 0x39;
  // "rs 500", "usd 100": a short currency word followed by a number.
  const currencyWord = !firstIsDigit && j - i <= 4 && j + 1 < n && isDigitCode(text.charCodeAt(j + 1));
  let mask = 0;
  if (first === 0x68 || first === 0x66 || first === 0x77) {
    if (text.startsWith('http', i) || text.startsWith('ftp', i) || text.startsWith('www.', i))
      mask |= BIT_URL;
  }
  if (hasAt) mask |= BIT_EMAIL;
  if (hasInnerDot) mask |= firstIsDigit ? BIT_IP | BIT_DOMAIN : BIT_DOMAIN;
  if (isCurrencySign(first) || digits > 0 || currencyWord) mask |= BIT_MONEY;
  if ((firstIsDigit || first === 0x2b || first === 0x28) && phoneDigitsFrom(text, i) >= 9) mask |= BIT_PHONE;
  // A short code is a token of 4-6 digits (possibly followed by punctuation).
  if (firstIsDigit && digits >= 4 && digits <= 6) mask |= BIT_SHORT;
  // Every code isCodeLike accepts has at least three digits.
  if (digits >= 3) mask |= BIT_CODE;
  return mask;
}

/** Digits in the run of phone-number characters (digits, space, + ( ) . -) starting at i, up to 9. */
function phoneDigitsFrom(text: string, i: number): number {
  let digits = 0;
  for (let j = i; j < text.length && digits < 9; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c !== 0x20 && c !== 0x2b && c !== 0x28 && c !== 0x29 && c !== 0x2e && c !== 0x2d) break;
  }
  return digits;
}

/**
 * Replaces entities by tokens and records them. Returns the new text (tokens upper-case, separated
 * from their neighbours by single spaces). Patterns run sticky, only at positions where an entity can
 * start (after a non-alphanumeric) and only those the token can hold (entityCandidates): the same
 * matches as a global replace with ENTITY_PATTERN, at a fraction of the regex work.
 */
export function extractEntities(
  text: string,
  into: EntityCounts,
  isLeetWord: (word: string) => boolean,
): string {
  const n = text.length;
  let pieces: string[] | null = null;
  let copiedUpTo = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const startable =
      isCurrencySign(c) ||
      ((isAsciiAlnum(c) || c === 0x2b || c === 0x28) && (i === 0 || !isAsciiAlnum(text.charCodeAt(i - 1))));
    if (!startable) {
      i++;
      continue;
    }
    const mask = entityCandidates(text, i);
    if (mask === 0) {
      // A plain word: nothing can start inside it either.
      i++;
      while (i < n && isAsciiAlnum(text.charCodeAt(i))) i++;
      continue;
    }
    let match: RegExpExecArray | null = null;
    let kind: EntityKind = 'url';
    for (let k = 0; k < KIND_ORDER.length; k++) {
      if ((mask & (1 << k)) === 0) continue;
      const pattern = ENTITY_AT[k];
      pattern.lastIndex = i;
      match = pattern.exec(text);
      if (match !== null) {
        kind = KIND_ORDER[k];
        break;
      }
    }
    if (match === null) {
      i++;
      continue;
    }
    const replacement = replaceEntity(match[0], kind, into, isLeetWord);
    const end = i + match[0].length;
    if (replacement !== null) {
      if (pieces === null) pieces = [];
      // Pad the token with a space only where the text has none, so no re-collapsing is needed.
      const before = i > 0 && text.charCodeAt(i - 1) !== 0x20 ? ' ' : '';
      const after = end < n && text.charCodeAt(end) !== 0x20 ? ' ' : '';
      pieces.push(text.slice(copiedUpTo, i), before, replacement, after);
      copiedUpTo = end;
    }
    i = end;
  }
  if (pieces === null) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}
