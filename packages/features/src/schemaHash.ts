import { createHash } from 'node:crypto';
import { BRAND_MENTIONS, BRANDS, LEET_VOCABULARY, LEXICONS, SHORTENERS, SUSPICIOUS_TLDS } from './lexicons';
import { HOMOGLYPHS, LATIN_TO_CYRILLIC, LEET_MAP } from './normalize';
import {
  CHAR_NGRAM,
  DENSE_FEATURES,
  FEATURE_SCHEMA_VERSION,
  HASH_BITS,
  HASH_SPACE,
  LIMITS,
  MAX_FEATURES,
  SEEDS,
} from './schema';

/**
 * Everything that decides which ids and values a message gets, as data. Code changes that alter the
 * output without touching any of this (a new normalisation rule) must bump FEATURE_SCHEMA_VERSION,
 * which is part of it; the golden-vector test catches a forgotten bump.
 */
export function featureSchemaDescription(): unknown {
  return {
    version: FEATURE_SCHEMA_VERSION,
    hash: { algorithm: 'fnv1a32-utf16+murmur3-fmix32', bits: HASH_BITS, space: HASH_SPACE, seeds: SEEDS },
    row: {
      maxFeatures: MAX_FEATURES,
      padding: { id: 0, value: 0 },
      hashedValue: 'sublinear-tf-l2',
      limits: LIMITS,
    },
    tokens: {
      words: ['unigram', 'bigram'],
      charNgram: CHAR_NGRAM,
      boundary: ' ',
      links: ['domain:', 'tld:'],
    },
    dense: DENSE_FEATURES,
    lexicons: LEXICONS,
    brands: BRANDS,
    brandMentions: BRAND_MENTIONS,
    shorteners: SHORTENERS,
    suspiciousTlds: SUSPICIOUS_TLDS,
    leet: { map: LEET_MAP, vocabulary: LEET_VOCABULARY },
    homoglyphs: HOMOGLYPHS,
    latinToCyrillic: LATIN_TO_CYRILLIC,
    unicode: { normalization: 'NFKC', icu: process.versions.icu ? 'icu' : 'none' },
  };
}

let cached: string | null = null;

/** sha256 hex of the canonical (JSON, stable key order as declared) schema description. */
export function featureSchemaHash(): string {
  if (cached === null) {
    cached = createHash('sha256').update(JSON.stringify(featureSchemaDescription())).digest('hex');
  }
  return cached;
}
