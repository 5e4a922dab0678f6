/**
 * analyze(): normalise a message and extract what the features need. Pure and deterministic; never
 * throws (every stage works on UTF-16 code units and tolerates lone surrogates and control chars).
 */
import { type EntityCounts, extractEntities } from './entities';
import { decodeLeetspeak, type LeetVocabulary, leetDecoding } from './leetspeak';
import {
  BRAND_MENTIONS,
  BRANDS,
  LEET_VOCABULARY,
  LEXICON_NAMES,
  LEXICON_V2_NAMES,
  LEXICONS,
  LEXICONS_V2,
  type LexiconName,
  type LexiconV2Name,
} from './lexicons';
import { linkShape } from './linkShape';
import {
  createRawStats,
  type EvasionCounter,
  foldWords,
  type RawStats,
  scanRaw,
  undefang,
} from './normalize';
import {
  DENSE_FEATURES,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  hasScriptShapes,
  LEGACY_DENSE_COUNT,
  LEGACY_FEATURE_SCHEMA_VERSION,
  LIMITS,
} from './schema';
import { splitScripts } from './scriptSplit';
import { joinSpacedLetters } from './spacedLetters';
import { compileTerms, matchTerms } from './terms';
import type { UrlEntity } from './urlEntity';
import { joinSplitWords } from './wordJoining';

export type { UrlEntity } from './urlEntity';

export interface Analysis {
  /** Lower-case normalised text with entity tokens <URL> <PHONE> <EMAIL> <MONEY> <CODE>. */
  normalized: string;
  entities: EntityCounts;
  /** The feature schema this analysis follows (normalisation differs between schemas). */
  schemaVersion: FeatureSchemaVersion;
  /** Occurrences of each lexicon's terms in the normalised text (schema 2026.12.1 lexicons 0 in legacy). */
  lexiconHits: Record<LexiconName | LexiconV2Name, number>;
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
// The current schema matches the legacy lists plus its own in one pass; the legacy schema keeps its
// own matcher so its output cannot drift.
const V2_LIST_BASE = BRAND_LIST_INDEX + 1;
const TERM_MATCHER_V2 = compileTerms([
  ...LEXICON_NAMES.map((name) => LEXICONS[name] as readonly string[]),
  BRAND_MENTIONS.map((m) => ({ text: m.text, tag: m.brand })),
  ...LEXICON_V2_NAMES.map((name) => LEXICONS_V2[name] as readonly string[]),
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
const isLeetCandidate = (word: string): boolean => leetDecoding(word, LEET_VOCAB) !== null;

const BRAND_BY_TOKEN = new Map(BRANDS.map((b) => [b.token, b]));

const MULTI_SPACE = / {2,}/g;

function collapseSpaces(text: string): string {
  if (text.indexOf('  ') < 0 && text.charCodeAt(0) !== 0x20 && text.charCodeAt(text.length - 1) !== 0x20) {
    return text;
  }
  return text.replace(MULTI_SPACE, ' ').trim();
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

/** Dense features in DENSE_FEATURES order, scaled (the order below is the schema order). */
function fillDenseFeatures(analysis: Analysis): void {
  const { stats, entities, lexiconHits, dense } = analysis;
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
  let i = 0;
  dense[i] = scale(i++, stats.length);
  dense[i] = scale(i++, stats.letters > 0 ? stats.uppercase / stats.letters : 0);
  dense[i] = scale(i++, stats.nonSpace > 0 ? stats.digits / stats.nonSpace : 0);
  dense[i] = scale(i++, stats.punctuationRuns);
  dense[i] = scale(i++, urls.length);
  dense[i] = scale(i++, shortened);
  dense[i] = scale(i++, ipHost);
  dense[i] = scale(i++, punycode);
  dense[i] = scale(i++, suspiciousTld);
  dense[i] = scale(i++, maxEntropy);
  dense[i] = scale(i++, bare);
  dense[i] = scale(i++, brandInDomain);
  dense[i] = scale(i++, mentionWithForeignLink(analysis.brandMentions, urls));
  dense[i] = scale(i++, entities.phones);
  dense[i] = scale(i++, entities.emails);
  dense[i] = scale(i++, entities.money);
  dense[i] = scale(i++, entities.otpCodes);
  dense[i] = scale(i++, lexiconHits.urgency);
  dense[i] = scale(i++, lexiconHits.credential);
  dense[i] = scale(i++, lexiconHits.payment);
  dense[i] = scale(i++, lexiconHits.prize);
  dense[i] = scale(i++, lexiconHits.callback);
  dense[i] = scale(i++, lexiconHits.delivery);
  dense[i] = scale(i++, analysis.evasions);
  if (i !== LEGACY_DENSE_COUNT) throw new Error('legacy dense features moved');
  if (analysis.schemaVersion === LEGACY_FEATURE_SCHEMA_VERSION) return;
  const shape = linkShape(urls);
  dense[i] = scale(i++, shape.hostLength);
  dense[i] = scale(i++, shape.digitShare);
  dense[i] = scale(i++, shape.hyphens);
  dense[i] = scale(i++, shape.entropy);
  dense[i] = scale(i++, shape.subdomainDepth);
  dense[i] = scale(i++, shape.randomTokenPath);
  dense[i] = scale(i++, shape.freeHosting);
  // link_shortener_listed depends on the model's link lists: featurize() sets it.
  dense[i] = 0;
  i++;
  const personalLink = urls.length > 0 && lexiconHits.personal > 0 && analysis.brandMentions.length === 0;
  dense[i] = scale(i++, personalLink ? 1 : 0);
  dense[i] = scale(i++, lexiconHits.stranger);
  dense[i] = scale(i++, lexiconHits.notice);
  if (i !== DENSE_FEATURES.length) throw new Error('dense feature list and fillDenseFeatures disagree');
}

// Each analysis's dense vector is a view into a shared, never reused slab: a Float32Array of its own
// (140 bytes, over V8's 64-byte limit for on-heap typed arrays) is an off-heap allocation, which was
// ~1.7 % of featurize's time. A slab is used up front to back and then left to the GC with its views.
const DENSE_SLAB_VECTORS = 256;
let denseSlab = new ArrayBuffer(DENSE_SLAB_VECTORS * DENSE_FEATURES.length * 4);
let denseSlabUsed = 0;

function newDenseVector(): Float32Array {
  if (denseSlabUsed === DENSE_SLAB_VECTORS) {
    denseSlab = new ArrayBuffer(DENSE_SLAB_VECTORS * DENSE_FEATURES.length * 4);
    denseSlabUsed = 0;
  }
  const offset = denseSlabUsed * DENSE_FEATURES.length * 4;
  denseSlabUsed++;
  return new Float32Array(denseSlab, offset, DENSE_FEATURES.length);
}

const LOG_CAPS = DENSE_FEATURES.map((f) => Math.log1p(f.cap));

function scale(index: number, raw: number): number {
  if (!(raw > 0)) return 0;
  const f = DENSE_FEATURES[index];
  const v = f.scale === 'log' ? Math.log1p(raw) / LOG_CAPS[index] : raw / f.cap;
  return Math.min(v, 1);
}

/**
 * Normalises `text` and extracts its entities and dense features under a feature schema (the current
 * one unless a model trained on an older schema asks for that).
 */
export function analyze(text: string, version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): Analysis {
  const current = version !== LEGACY_FEATURE_SCHEMA_VERSION;
  const input = typeof text === 'string' ? text : String(text ?? '');
  const stats = createRawStats();
  const evasion: EvasionCounter = { count: 0 };
  let s = scanRaw(input, LIMITS.analyzedChars, stats, evasion);
  if (stats.nonAscii) s = s.normalize('NFKC');
  // Before lower-casing: the case of spaced letters tells where a spaced-out word starts.
  s = joinSpacedLetters(s, LEET_VOCAB, evasion);
  // 2026.12.2: "ทางtiktokชวน" -> "ทาง tiktok ชวน", so the Latin word is a word (and is not folded to Cyrillic).
  if (stats.nonAscii && hasScriptShapes(version)) s = splitScripts(s);
  s = foldWords(s, stats, evasion);
  s = undefang(s, evasion);
  s = collapseSpaces(s);
  const entities: EntityCounts = { urls: [], phones: 0, emails: 0, money: 0, otpCodes: 0, tags: [] };
  s = extractEntities(s, entities, isLeetCandidate);
  if (current) s = joinSplitWords(s, LEET_VOCAB, evasion);
  s = decodeLeetspeak(s, LEET_VOCAB, evasion);
  s = collapseSpaces(s);

  const lexiconHits = {
    urgency: 0,
    credential: 0,
    payment: 0,
    prize: 0,
    callback: 0,
    delivery: 0,
    notice: 0,
    stranger: 0,
    personal: 0,
  } as Record<LexiconName | LexiconV2Name, number>;
  const brandMentions: string[] = [];
  matchTerms(s, current ? TERM_MATCHER_V2 : TERM_MATCHER, stats.noSpaceScript, (term) => {
    if (term.list === BRAND_LIST_INDEX) {
      if (term.tag !== undefined && !brandMentions.includes(term.tag)) brandMentions.push(term.tag);
    } else if (term.list > BRAND_LIST_INDEX) {
      lexiconHits[LEXICON_V2_NAMES[term.list - V2_LIST_BASE]]++;
    } else {
      lexiconHits[LEXICON_NAMES[term.list]]++;
    }
  });
  const analysis: Analysis = {
    normalized: s,
    schemaVersion: version,
    entities,
    lexiconHits,
    brandMentions,
    evasions: evasion.count,
    stats,
    dense: newDenseVector(),
  };
  fillDenseFeatures(analysis);
  return analysis;
}
