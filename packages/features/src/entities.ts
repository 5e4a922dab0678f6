/**
 * Entity extraction on the folded, lower-cased text: links, emails, phone numbers, sums of money and
 * one-time codes are replaced by <URL> <EMAIL> <PHONE> <MONEY> <CODE>, so templated spam with varying
 * links and numbers looks the same, and their properties become dense features.
 */

import {
  BRANDS,
  COUNTRY_TLDS as COUNTRY_TLD_LIST,
  GENERIC_TLDS as GENERIC_TLD_LIST,
  SECOND_LEVEL_LABELS,
  SHORTENERS,
  SUSPICIOUS_TLDS,
  WORD_TLDS as WORD_TLD_LIST,
} from './lexicons';
import { hasRandomToken } from './linkShape';

export interface UrlEntity {
  /** Host name, lower-case, without "www." and port. */
  domain: string;
  tld: string;
  shortener: boolean;
  ipHost: boolean;
  punycode: boolean;
  /** Shannon entropy (bits per character) of the path and query. */
  pathEntropy: number;
  /** Written without a scheme ("usps-redelivery.info/abc"). */
  bare: boolean;
  suspiciousTld: boolean;
  /** Brand name inside a domain that is not the brand's own. */
  brandImpersonation: boolean;
  /** Registrable part of the domain ("evil.co.uk" of "a.b.evil.co.uk"). */
  registrable: string;
  /** A path segment that looks like a generated token (schema 2026.12.1 link features). */
  randomPath: boolean;
  /** Words of the host and path ("secure", "login", "track"): the <URL> token hides them from the text. */
  words: string[];
}

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

const SHORTENER_SET = new Set(SHORTENERS);
const SUSPICIOUS_TLD_SET = new Set(SUSPICIOUS_TLDS);
const SECOND_LEVEL = new Set(SECOND_LEVEL_LABELS);
const GENERIC_TLDS = new Set(GENERIC_TLD_LIST);
const COUNTRY_TLDS = new Set(COUNTRY_TLD_LIST);
const WORD_TLDS = new Set(WORD_TLD_LIST);

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

const TRAILING_URL_PUNCTUATION = /[.,;:!?)\]}'"*]+$/;

function isIpv4(host: string): boolean {
  const first = host.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39)) return false;
  const parts = host.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return false;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return false;
    }
    if (Number(p) > 255) return false;
  }
  return true;
}

export function registrableDomain(host: string): string {
  if (isIpv4(host)) return host;
  const last = host.lastIndexOf('.');
  if (last <= 0) return host;
  const second = host.lastIndexOf('.', last - 1);
  if (second < 0) return host;
  // example.co.uk, example.com.au: a two-letter ccTLD under a registry second level takes three labels.
  if (host.length - last - 1 === 2 && SECOND_LEVEL.has(host.slice(second + 1, last))) {
    const third = host.lastIndexOf('.', second - 1);
    return third < 0 ? host : host.slice(third + 1);
  }
  return host.slice(second + 1);
}

const entropyCounts = new Int32Array(128);

function shannonEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  // Paths are ASCII after normalisation but for rare symbols; those share one bucket (bounded work).
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    entropyCounts[c < 128 ? c : 0]++;
  }
  // Visit each distinct character once (its count is reset on the way), so no table-wide pass.
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const slot = c < 128 ? c : 0;
    const count = entropyCounts[slot];
    if (count === 0) continue;
    entropyCounts[slot] = 0;
    const p = count / n;
    h -= p * Math.log2(p);
  }
  return h;
}

function isOfficialFor(brand: (typeof BRANDS)[number], registrable: string, host: string): boolean {
  if (brand.official?.includes(registrable)) return true;
  const firstLabel = registrable.slice(0, registrable.indexOf('.') >>> 0);
  if (firstLabel === brand.token) return true;
  // Government brands: anything under a government TLD or second level.
  if (['gov', 'irs', 'hmrc', 'dvla', 'govuk'].includes(brand.token)) {
    return (
      host.endsWith('.gov') || host.includes('.gov.') || host.endsWith('.gouv.fr') || host.endsWith('.gob.es')
    );
  }
  return false;
}

// Longest first, so "appleid" is found rather than "apple" inside it.
const BRAND_TOKENS = new RegExp(
  BRANDS.map((b) => b.token)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .join('|'),
  'g',
);
const BRAND_BY_TOKEN = new Map(BRANDS.map((b) => [b.token, b]));
const HOST_DIGITS = /[013457]/g;
export const HOST_LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
};

function findBrands(host: string): (typeof BRANDS)[number][] {
  const found: (typeof BRANDS)[number][] = [];
  // The TLD is not a brand position ("post" the TLD, "gov" the TLD).
  const tldStart = host.lastIndexOf('.');
  let labels: string[] | null = null;
  BRAND_TOKENS.lastIndex = 0;
  for (let m = BRAND_TOKENS.exec(host); m !== null; m = BRAND_TOKENS.exec(host)) {
    if (m.index > tldStart) break;
    const brand = BRAND_BY_TOKEN.get(m[0]);
    if (brand === undefined || found.includes(brand)) continue;
    if (brand.exact) {
      if (labels === null) labels = host.slice(0, Math.max(tldStart, 0)).split(/[.-]/);
      if (!labels.includes(brand.token)) continue;
    }
    found.push(brand);
  }
  return found;
}

/** Brand tokens found in the host, whether or not the host is official. */
export function brandsInHost(host: string): (typeof BRANDS)[number][] {
  const found = findBrands(host);
  if (found.length > 0) return found;
  // "amaz0n-security.com", "paypa1.com": brands spelt with digits in the host.
  if (!/\d/.test(host)) return found;
  const decoded = host.replace(HOST_DIGITS, (d) => HOST_LEET[d] ?? d);
  const withI = findBrands(decoded);
  if (withI.length > 0) return withI;
  return findBrands(host.replace(/1/g, 'l').replace(HOST_DIGITS, (d) => HOST_LEET[d] ?? d));
}

export function parseUrl(raw: string, bare: boolean): UrlEntity | null {
  let rest = raw;
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  let hostEnd = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x2f || c === 0x3f || c === 0x23) {
      hostEnd = i;
      break;
    }
  }
  let host = rest.slice(0, hostEnd);
  const path = rest.slice(hostEnd);
  // "paypal.com@evil.top/": the real host is after the last @.
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.startsWith('www.')) host = host.slice(4);
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0) return null;
  const firstCode = host.charCodeAt(0);
  const ipHost =
    (firstCode >= 0x30 && firstCode <= 0x39 && (isIpv4(host) || /^\d{8,10}$/.test(host))) ||
    firstCode === 0x5b;
  const lastDot = host.lastIndexOf('.');
  const tld = ipHost ? '' : host.slice(lastDot + 1);
  const registrable = registrableDomain(host);
  const shortener = SHORTENER_SET.has(host) || SHORTENER_SET.has(registrable);
  let punycode = host.includes('xn--');
  for (let i = 0; i < host.length && !punycode; i++) if (host.charCodeAt(i) >= 0x80) punycode = true;
  let brandImpersonation = false;
  if (!ipHost && !shortener) {
    for (const brand of brandsInHost(host)) {
      if (!isOfficialFor(brand, registrable, host)) {
        brandImpersonation = true;
        break;
      }
    }
  }
  const pathText = path.length > 1 ? path.slice(1) : '';
  const words: string[] = [];
  if (!ipHost) collectUrlWords(host.slice(0, host.length - tld.length), words);
  collectUrlWords(pathText.length > 256 ? pathText.slice(0, 256) : pathText, words);
  return {
    domain: host,
    tld,
    shortener,
    ipHost,
    punycode,
    pathEntropy: shannonEntropy(pathText.length > 512 ? pathText.slice(0, 512) : pathText),
    randomPath: hasRandomToken(pathText.length > 256 ? pathText.slice(0, 256) : pathText),
    bare,
    suspiciousTld: SUSPICIOUS_TLD_SET.has(tld),
    brandImpersonation,
    registrable,
    words,
  };
}

const MAX_URL_WORDS = 8;

/** Letter-only runs of 3-20 characters ("paypal-secure" -> paypal, secure), at most MAX_URL_WORDS. */
function collectUrlWords(text: string, into: string[]): void {
  let start = -1;
  for (let i = 0; i <= text.length && into.length < MAX_URL_WORDS; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const letter = c >= 0x61 && c <= 0x7a;
    if (letter && start < 0) start = i;
    else if (!letter && start >= 0) {
      const length = i - start;
      // Followed by a digit, it is part of a token ("x7hk2"), not a word.
      if (length >= 3 && length <= 20 && !(c >= 0x30 && c <= 0x39)) into.push(text.slice(start, i));
      start = -1;
    }
  }
}

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
