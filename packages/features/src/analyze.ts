/**
 * analyze(): normalise a message and extract what the features need. Pure and deterministic; never
 * throws (every stage works on UTF-16 code units and tolerates lone surrogates and control chars).
 */
import { type EntityCounts, extractEntities, type UrlEntity } from './entities';
import {
  BRAND_MENTIONS,
  BRANDS,
  LEET_VOCABULARY,
  LEXICON_NAMES,
  LEXICONS,
  type LexiconName,
} from './lexicons';
import {
  createRawStats,
  decodeLeetspeak,
  type EvasionCounter,
  foldWords,
  isLeetWord,
  joinSpacedLetters,
  type LeetVocabulary,
  type RawStats,
  scanRaw,
  undefang,
} from './normalize';
import { DENSE_FEATURES, LIMITS } from './schema';
import { compileTerms, matchTerms } from './terms';

export type { UrlEntity } from './entities';

export interface Analysis {
  /** Lower-case normalised text with entity tokens <URL> <PHONE> <EMAIL> <MONEY> <CODE>. */
  normalized: string;
  entities: EntityCounts;
  /** Occurrences of each lexicon's terms in the normalised text. */
  lexiconHits: Record<LexiconName, number>;
  /** Brands named in the text (brand tokens as in BRANDS). */
  brandMentions: string[];
  /** Evasion tricks undone while normalising. */
  evasions: number;
  stats: RawStats;
  /** Scaled dense features, index i is DENSE_FEATURES[i] (id HASH_SPACE + i). */
  dense: Float32Array;
}

const BRAND_LIST_INDEX = LEXICON_NAMES.length;
const TERM_MATCHER = compileTerms([
  ...LEXICON_NAMES.map((name) => LEXICONS[name] as readonly string[]),
  BRAND_MENTIONS.map((m) => ({ text: m.text, tag: m.brand })),
]);

function buildLeetVocabulary(): LeetVocabulary {
  const words = new Set<string>(LEET_VOCABULARY);
  const stems: string[] = [];
  for (const name of LEXICON_NAMES) {
    for (const term of LEXICONS[name] as readonly string[]) {
      if (term.includes(' ') || term.includes('<')) continue;
      if (term.endsWith('*')) stems.push(term.slice(0, -1));
      else words.add(term);
    }
  }
  for (const brand of BRANDS) words.add(brand.token);
  return { words, stems };
}

const LEET_VOCAB = buildLeetVocabulary();
const isLeetCandidate = (word: string): boolean => isLeetWord(word, LEET_VOCAB);

const BRAND_BY_TOKEN = new Map(BRANDS.map((b) => [b.token, b]));

const MULTI_SPACE = / {2,}/g;

function collapseSpaces(text: string): string {
  if (text.indexOf('  ') < 0 && text.charCodeAt(0) !== 0x20 && text.charCodeAt(text.length - 1) !== 0x20) {
    return text;
  }
  return text.replace(MULTI_SPACE, ' ').trim();
}

function scale(index: number, raw: number): number {
  const f = DENSE_FEATURES[index];
  if (!(raw > 0)) return 0;
  const v = f.scale === 'log' ? Math.log1p(raw) / Math.log1p(f.cap) : raw / f.cap;
  return Math.min(v, 1);
}

function mentionWithForeignLink(mentions: string[], urls: UrlEntity[]): number {
  if (mentions.length === 0 || urls.length === 0) return 0;
  let count = 0;
  for (const token of mentions) {
    const brand = BRAND_BY_TOKEN.get(token);
    const foreign = urls.some((u) => {
      if (u.registrable.slice(0, u.registrable.indexOf('.') >>> 0) === token) return false;
      if (brand?.official?.includes(u.registrable)) return false;
      return true;
    });
    if (foreign) count++;
  }
  return count;
}

/** Dense features in DENSE_FEATURES order; raw values then scaled. */
function denseFeatures(analysis: Omit<Analysis, 'dense'>): Float32Array {
  const { stats, entities, lexiconHits } = analysis;
  const urls = entities.urls;
  let shortened = 0;
  let ipHost = 0;
  let punycode = 0;
  let suspiciousTld = 0;
  let maxEntropy = 0;
  let bare = 0;
  let brandInDomain = 0;
  for (const u of urls) {
    if (u.shortener) shortened++;
    if (u.ipHost) ipHost++;
    if (u.punycode) punycode++;
    if (u.suspiciousTld) suspiciousTld++;
    if (u.pathEntropy > maxEntropy) maxEntropy = u.pathEntropy;
    if (u.bare) bare++;
    if (u.brandImpersonation) brandInDomain++;
  }
  const raw = [
    stats.length,
    stats.letters > 0 ? stats.uppercase / stats.letters : 0,
    stats.nonSpace > 0 ? stats.digits / stats.nonSpace : 0,
    stats.punctuationRuns,
    urls.length,
    shortened,
    ipHost,
    punycode,
    suspiciousTld,
    maxEntropy,
    bare,
    brandInDomain,
    mentionWithForeignLink(analysis.brandMentions, urls),
    entities.phones,
    entities.emails,
    entities.money,
    entities.otpCodes,
    lexiconHits.urgency,
    lexiconHits.credential,
    lexiconHits.payment,
    lexiconHits.prize,
    lexiconHits.callback,
    lexiconHits.delivery,
    analysis.evasions,
  ];
  const dense = new Float32Array(DENSE_FEATURES.length);
  for (let i = 0; i < dense.length; i++) dense[i] = scale(i, raw[i]);
  return dense;
}

export function analyze(text: string): Analysis {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const stats = createRawStats();
  const evasion: EvasionCounter = { count: 0 };
  let s = scanRaw(input, LIMITS.analyzedChars, stats, evasion);
  if (stats.nonAscii) s = s.normalize('NFKC');
  s = foldWords(s, stats, evasion);
  s = undefang(s, evasion);
  s = collapseSpaces(s);
  s = joinSpacedLetters(s, LEET_VOCAB, evasion);
  const entities: EntityCounts = { urls: [], phones: 0, emails: 0, money: 0, otpCodes: 0 };
  s = extractEntities(s, entities, isLeetCandidate);
  s = decodeLeetspeak(s, LEET_VOCAB, evasion);
  s = collapseSpaces(s);

  const lexiconHits = { urgency: 0, credential: 0, payment: 0, prize: 0, callback: 0, delivery: 0 } as Record<
    LexiconName,
    number
  >;
  const brandMentions: string[] = [];
  matchTerms(s, TERM_MATCHER, stats.noSpaceScript, (term) => {
    if (term.list === BRAND_LIST_INDEX) {
      if (term.tag !== undefined && !brandMentions.includes(term.tag)) brandMentions.push(term.tag);
    } else {
      lexiconHits[LEXICON_NAMES[term.list]]++;
    }
  });
  const partial = { normalized: s, entities, lexiconHits, brandMentions, evasions: evasion.count, stats };
  return { ...partial, dense: denseFeatures(partial) };
}
