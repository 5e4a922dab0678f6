import { createHash } from 'node:crypto';
import { EXTRA_LATIN_FOLDS, HOMOGLYPHS, SMALL_CAPITALS } from './charClasses';
import { ENTITY_PATTERN } from './entities';
import { LEET_MAP } from './leetspeak';
import {
  BRAND_MENTIONS,
  BRANDS,
  COUNTRY_TLDS,
  GENERIC_TLDS,
  LEET_VOCABULARY,
  LEXICONS,
  LEXICONS_V2,
  SECOND_LEVEL_LABELS,
  SHORTENERS,
  SUSPICIOUS_TLDS,
  WORD_TLDS,
} from './lexicons';
import { FREE_HOSTING } from './linkShape';
import { LATIN_TO_CYRILLIC } from './normalize';
import {
  CHAR_NGRAM,
  DENSE_FEATURES,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  HASH_BITS,
  HASH_SPACE,
  LEGACY_DENSE_COUNT,
  LEGACY_FEATURE_SCHEMA_VERSION,
  LIMITS,
  MAX_FEATURES,
  SEEDS,
  SEEDS_V2,
  SEEDS_V3,
  V2_FEATURE_SCHEMA_VERSION,
} from './schema';
import { HOST_LEET } from './urlEntity';

/**
 * Everything that decides which ids and values a message gets, as data. Code changes that alter the
 * output without touching any of this (a new normalisation rule) must bump FEATURE_SCHEMA_VERSION,
 * which is part of it; the golden-vector test catches a forgotten bump.
 */
export function featureSchemaDescription(version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): unknown {
  const legacy = legacyDescription();
  if (version === LEGACY_FEATURE_SCHEMA_VERSION) return legacy;
  const v2 = v2Description(legacy);
  if (version === V2_FEATURE_SCHEMA_VERSION) return v2;
  return {
    ...v2,
    version: FEATURE_SCHEMA_VERSION,
    additionsV3: {
      seeds: SEEDS_V3,
      scriptSplit:
        'a space between an ASCII letter or digit and a letter of a script other than Latin, Cyrillic or Greek, before folding',
      tokenShapes:
        'token shapes (a, A<len>, d<len>, c, x, m, entity, symbol; ^ and $ ends) as hashed 2- and 3-grams',
    },
  };
}

/** The schema of content-2026.12.1, exactly as it was hashed then. */
function v2Description(legacy: Record<string, unknown>): Record<string, unknown> {
  return {
    ...legacy,
    version: V2_FEATURE_SCHEMA_VERSION,
    dense: DENSE_FEATURES,
    additions: {
      seeds: SEEDS_V2,
      normalisation: 'joinSplitWords: separator- or space-split lexicon terms and brands re-joined',
      joinedUnigram: 'two letter runs split by one of . - _ * middle-dot also hashed as the joined unigram',
      links:
        'registrable-label char 3-grams, shape words x TLD, dense link shape, shortener list from the model',
      channelCross: 'every hashed id also as fmix32(id ^ crossText|crossEmail), same value',
      lexicons: LEXICONS_V2,
      freeHosting: FREE_HOSTING,
    },
  };
}

/** The schema of content-2026.11.1, exactly as it was hashed then. */
function legacyDescription(): Record<string, unknown> {
  return {
    version: LEGACY_FEATURE_SCHEMA_VERSION,
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
      entities: {
        url: [
          'registrable (seed entity^1)',
          'tld (seed entity^2)',
          'word of 3-20 letters, max 8 (seed entity^3)',
        ],
        phone: ['phone:intl', 'phone:<first 3 digits>', 'phone:short'],
        money: ['money:small <10', 'money:medium <1000', 'money:large'],
        code: ['code:alnum', 'code:digits<n, max 9>'],
      },
    },
    entityPattern: ENTITY_PATTERN.source,
    dense: DENSE_FEATURES.slice(0, LEGACY_DENSE_COUNT),
    lexicons: LEXICONS,
    brands: BRANDS,
    brandMentions: BRAND_MENTIONS,
    shorteners: SHORTENERS,
    suspiciousTlds: SUSPICIOUS_TLDS,
    tlds: { generic: GENERIC_TLDS, country: COUNTRY_TLDS, word: WORD_TLDS, secondLevel: SECOND_LEVEL_LABELS },
    leet: { map: LEET_MAP, vocabulary: LEET_VOCABULARY, host: HOST_LEET },
    homoglyphs: HOMOGLYPHS,
    latinToCyrillic: LATIN_TO_CYRILLIC,
    smallCapitals: SMALL_CAPITALS,
    extraLatinFolds: EXTRA_LATIN_FOLDS,
    // Runtime-independent on purpose: the golden vectors catch a Node/ICU upgrade that changes output.
    unicode: { normalization: 'NFKC', accents: 'NFD base letter for U+00C0-024F, U+1E00-1EFF' },
  };
}

const cached = new Map<FeatureSchemaVersion, string>();

/** sha256 hex of the canonical (JSON, stable key order as declared) schema description. */
export function featureSchemaHash(version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): string {
  let hash = cached.get(version);
  if (hash === undefined) {
    hash = createHash('sha256')
      .update(JSON.stringify(featureSchemaDescription(version)))
      .digest('hex');
    cached.set(version, hash);
  }
  return hash;
}

/** The schema a model card's featureSchemaHash names, or null when this code knows none by that hash. */
export function featureSchemaByHash(hash: string): FeatureSchemaVersion | null {
  for (const version of [
    FEATURE_SCHEMA_VERSION,
    V2_FEATURE_SCHEMA_VERSION,
    LEGACY_FEATURE_SCHEMA_VERSION,
  ] as const) {
    if (featureSchemaHash(version) === hash) return version;
  }
  return null;
}
