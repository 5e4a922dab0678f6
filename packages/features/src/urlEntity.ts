/**
 * One link found in a message, parsed into what the link features read: host, registrable domain,
 * TLD, shortener, IP or punycode host, brand names in a host that is not the brand's own, path
 * entropy and random-token path, and the words of host and path. Used by entities.ts.
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

export const SHORTENER_SET = new Set(SHORTENERS);
export const SUSPICIOUS_TLD_SET = new Set(SUSPICIOUS_TLDS);
export const SECOND_LEVEL = new Set(SECOND_LEVEL_LABELS);
export const GENERIC_TLDS = new Set(GENERIC_TLD_LIST);
export const COUNTRY_TLDS = new Set(COUNTRY_TLD_LIST);
export const WORD_TLDS = new Set(WORD_TLD_LIST);

export const TRAILING_URL_PUNCTUATION = /[.,;:!?)\]}'"*]+$/;

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
