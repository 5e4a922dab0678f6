/**
 * What a link looks like, for schema 2026.12.1. Smishing since 2022 mostly links to a fresh,
 * random-looking host on a cheap generic TLD, or to a random token on a free-hosting / link-in-bio
 * host, so the model learns from the shape of the host and path rather than from known domains.
 */

import { hashString } from './hash';
import type { UrlEntity } from './urlEntity';

/**
 * Free hosting, site builders, app previews and link-in-bio hosts: anyone can publish under them in
 * a minute, so a message linking to one is not vouched for by the domain. Matched on the registrable
 * domain, or on the host's last labels for hosts under a shared public suffix (xyz.web.app).
 */
// biome-ignore format: word lists read best packed, several terms per line
export const FREE_HOSTING: readonly string[] = [
  'weebly.com', 'weeblysite.com', 'wixsite.com', 'wix.com', 'webflow.io', 'godaddysites.com', 'square.site',
  'mystrikingly.com', 'strikingly.com', 'jimdosite.com', 'jimdo.com', 'site123.me', 'yolasite.com',
  'wordpress.com', 'blogspot.com', 'sites.google.com', 'firebaseapp.com', 'web.app', 'appspot.com',
  'github.io', 'gitlab.io', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'glitch.me',
  'herokuapp.com', 'onrender.com', 'repl.co', 'replit.app', 'csb.app', 'codesandbox.io', 'surge.sh',
  '000webhostapp.com', 'infinityfreeapp.com', 'epizy.com', 'freehostia.com', 'byethost.com',
  'azurewebsites.net', 'web.core.windows.net', 'blob.core.windows.net', 'amazonaws.com', 'cloudfront.net',
  'r2.dev', 'ipfs.io', 'dweb.link', 'fleek.co', 'notion.site', 'typedream.app', 'carrd.co', 'tilda.ws',
  'linktr.ee', 'beacons.ai', 'bio.link', 'lnk.bio', 'taplink.cc', 'linkin.bio', 'msha.ke', 'flowcode.com',
  'qr-codes.io', 'qrco.de', 'qr.link', 'qrcodes.pro', 'me-qr.com', 'forms.gle', 'docs.google.com',
  'formstack.com', 'jotform.com', 'typeform.com', 'telegra.ph', 'ngrok.io', 'ngrok-free.app',
  'duckdns.org', 'serveo.net', 'lin.ee', 'page.link', 'app.link', 'wa.me',
];

const FREE_HOSTING_SET = new Set(FREE_HOSTING);

export function isFreeHosting(url: UrlEntity): boolean {
  if (FREE_HOSTING_SET.has(url.registrable) || FREE_HOSTING_SET.has(url.domain)) return true;
  // Three-label public suffixes (sites.google.com, web.core.windows.net): check the host's tail.
  let dot = url.domain.indexOf('.');
  while (dot >= 0) {
    const tail = url.domain.slice(dot + 1);
    if (FREE_HOSTING_SET.has(tail)) return true;
    dot = url.domain.indexOf('.', dot + 1);
  }
  return false;
}

const counts = new Int32Array(128);

/** Shannon entropy (bits per character) of an ASCII-ish label. */
export function labelEntropy(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    counts[c < 128 ? c : 0]++;
  }
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const slot = c < 128 ? c : 0;
    const count = counts[slot];
    if (count === 0) continue;
    counts[slot] = 0;
    const p = count / n;
    h -= p * Math.log2(p);
  }
  return h;
}

const VOWELS = /[aeiouy]/;

/**
 * A path segment that reads as a generated token ("x7Hk2pQ", "a8f3e9c1"): 6+ characters mixing
 * letters and digits, or 8+ letters without a vowel run that makes a word. Paths of ordinary shops
 * ("/orders/12345", "/track") are words or plain numbers.
 */
export function hasRandomToken(path: string): boolean {
  const segments = path.split(/[/?&=#._-]+/);
  for (const s of segments) {
    if (s.length < 6 || s.length > 64) continue;
    let digits = 0;
    let letters = 0;
    let upper = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) digits++;
      else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
        letters++;
        if (c <= 0x5a) upper++;
      }
    }
    if (letters + digits !== s.length) continue;
    if (digits > 0 && letters > 0) return true;
    if (upper > 0 && upper < letters && letters >= 6) return true;
    if (digits === 0 && s.length >= 8 && !VOWELS.test(s.slice(0, 4).toLowerCase())) return true;
  }
  return false;
}

/** The registrable label without its TLD ("usps-redelivery" of "usps-redelivery.info"). */
export function registrableLabel(url: UrlEntity): string {
  const dot = url.registrable.indexOf('.');
  return dot > 0 ? url.registrable.slice(0, dot) : url.registrable;
}

export function subdomainDepth(url: UrlEntity): number {
  if (url.ipHost || url.domain.length <= url.registrable.length) return 0;
  let depth = 0;
  const sub = url.domain.slice(0, url.domain.length - url.registrable.length - 1);
  for (let i = 0; i < sub.length; i++) if (sub.charCodeAt(i) === 0x2e) depth++;
  return depth + 1;
}

export interface LinkShape {
  hostLength: number;
  digitShare: number;
  hyphens: number;
  entropy: number;
  subdomainDepth: number;
  randomTokenPath: number;
  freeHosting: number;
}

/** Per message: the largest value of each link-shape measure over its links. */
export function linkShape(urls: readonly UrlEntity[]): LinkShape {
  const shape: LinkShape = {
    hostLength: 0,
    digitShare: 0,
    hyphens: 0,
    entropy: 0,
    subdomainDepth: 0,
    randomTokenPath: 0,
    freeHosting: 0,
  };
  for (const u of urls) {
    const label = registrableLabel(u);
    if (!u.ipHost) {
      let digits = 0;
      let hyphens = 0;
      for (let i = 0; i < label.length; i++) {
        const c = label.charCodeAt(i);
        if (c >= 0x30 && c <= 0x39) digits++;
        else if (c === 0x2d) hyphens++;
      }
      shape.hostLength = Math.max(shape.hostLength, u.domain.length);
      if (label.length > 0) shape.digitShare = Math.max(shape.digitShare, digits / label.length);
      shape.hyphens = Math.max(shape.hyphens, hyphens);
      shape.entropy = Math.max(shape.entropy, labelEntropy(label));
      shape.subdomainDepth = Math.max(shape.subdomainDepth, subdomainDepth(u));
    }
    if (u.randomPath) shape.randomTokenPath = 1;
    if (isFreeHosting(u)) shape.freeHosting = 1;
  }
  return shape;
}

/**
 * Hashed link-shape tokens: character 3-grams of the registrable label (what phishing hosts look
 * like, learnt from the phishing URL list), and coarse shape words crossed with the TLD.
 */
export function linkShapeHashes(url: UrlEntity, seedNgram: number, seedShape: number, out: number[]): void {
  if (url.ipHost) {
    out.push(hashString('host:ip', seedShape));
    return;
  }
  const label = registrableLabel(url);
  const padded = ` ${label.length > 40 ? label.slice(0, 40) : label} `;
  for (let i = 0; i + 3 <= padded.length; i++) out.push(hashString(padded.slice(i, i + 3), seedNgram));
  const depth = subdomainDepth(url);
  out.push(hashString(`sub:${Math.min(depth, 3)}`, seedShape));
  out.push(hashString(`len:${Math.min(Math.floor(label.length / 5), 6)}|${url.tld}`, seedShape));
  if (/\d/.test(label)) out.push(hashString(`digits|${url.tld}`, seedShape));
  if (label.includes('-')) out.push(hashString(`hyphen|${url.tld}`, seedShape));
  if (url.randomPath) out.push(hashString(`path:random|${url.tld}`, seedShape));
  if (isFreeHosting(url)) out.push(hashString('host:free', seedShape));
}
