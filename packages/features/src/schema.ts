/**
 * The feature layout shared by the trainer, the ONNX graph and the server. Any change to what a
 * message turns into (tokenisation, hashing, lexicons, dense features, limits) must bump
 * FEATURE_SCHEMA_VERSION; featureSchemaHash() changes by itself and the model refuses to load.
 */

export const FEATURE_SCHEMA_VERSION = '2026.12.2';

/**
 * The schema of content-2026.12.1, kept byte for byte (its own golden vectors) so that model can run
 * in shadow. 2026.12.2 is it plus script-boundary splitting and token-shape n-grams (SEEDS_V3).
 */
export const V2_FEATURE_SCHEMA_VERSION = '2026.12.1';

/**
 * The schema of content-2026.11.1, kept byte for byte (its own golden vectors) so that model can still
 * run in shadow next to the current one. Schemas differ only by additions: the legacy schema is the
 * current one without word re-joining, link-shape features, channel-crossed copies and the dense
 * features after LEGACY_DENSE_COUNT.
 */
export const LEGACY_FEATURE_SCHEMA_VERSION = '2026.11.2';

export type FeatureSchemaVersion =
  | typeof FEATURE_SCHEMA_VERSION
  | typeof V2_FEATURE_SCHEMA_VERSION
  | typeof LEGACY_FEATURE_SCHEMA_VERSION;
export const FEATURE_SCHEMA_VERSIONS: readonly FeatureSchemaVersion[] = [
  LEGACY_FEATURE_SCHEMA_VERSION,
  V2_FEATURE_SCHEMA_VERSION,
  FEATURE_SCHEMA_VERSION,
];

/** Whether a schema has the 2026.12.2 additions (script-boundary split, token-shape n-grams). */
export function hasScriptShapes(version: FeatureSchemaVersion): boolean {
  return version === FEATURE_SCHEMA_VERSION;
}

/** The request's channel; the current schema crosses every hashed feature with its family. */
export type Channel = 'sms' | 'mms' | 'whatsapp' | 'email';
export type ChannelFamily = 'text' | 'email';
export function channelFamily(channel: Channel | undefined): ChannelFamily {
  return channel === 'email' ? 'email' : 'text';
}

/**
 * Hashed ids live in [1, HASH_SPACE); id 0 is padding. 2^18: on the deduplicated SMS corpora plus
 * SpamAssassin, the distinct hashed features number ~ see README "hash space"; 2^18 keeps the weight
 * table at 1 MiB of float32 while collisions stay rare among the features with non-zero weight.
 */
export const HASH_BITS = 20;
export const HASH_SPACE = 1 << HASH_BITS;

/** Row capacity. An SMS yields ~300-600 ids; long emails keep their most frequent features. */
export const MAX_FEATURES = 1024;

/** Work bounds so a 64 KiB body costs a bounded, predictable time. */
export const LIMITS = {
  /** Characters of the input that are analysed at all. */
  analyzedChars: 65_536,
  /** Word unigrams and bigrams are taken from this many characters of normalised text. */
  wordFeatureChars: 65_536,
  /** Character n-grams are taken from this many characters of normalised text. */
  charNgramChars: 4_096,
  /** Distinct hashed ids tracked per message before new ones are ignored (scratch table size / 2). */
  distinctIds: 8_192,
} as const;

export const CHAR_NGRAM = { min: 3, max: 5 } as const;

/** Seeds per feature family, so a word and a char n-gram with the same characters get unrelated ids. */
export const SEEDS = {
  unigram: 0x2545f491,
  bigram: 0x6a09e667,
  charNgram: 0x3c6ef372,
  entity: 0x510e527f,
  simhashLow: 0x9b05688c,
  simhashHigh: 0x1f83d9ab,
} as const;

/** Seeds added by schema 2026.12.1 (kept apart so the legacy description stays identical). */
export const SEEDS_V2 = {
  /** Channel-crossed copy of a hashed id: fmix32(id ^ seed). */
  crossText: 0x5be0cd19,
  crossEmail: 0xcbbb9d5d,
  /** Character 3-grams of a link's registrable label. */
  hostNgram: 0x629a292a,
  /** Shape of a link: "path:random", "host:digits", "sub:2", ... */
  linkShape: 0x9159015a,
} as const;

/** Seeds added by schema 2026.12.2. */
export const SEEDS_V3 = {
  /** Token-shape 2- and 3-grams ("x d6 x", "^ <URL>"): script-agnostic, so they carry across languages. */
  tokenShape: 0x1f3d5b79,
} as const;

export type ContentReasonCode =
  | 'SHORTENED_URL'
  | 'PAYMENT_REQUEST'
  | 'CREDENTIAL_REQUEST'
  | 'URGENCY'
  | 'PRIZE_CLAIM'
  | 'PHONE_CALLBACK'
  | 'BRAND_IMPERSONATION'
  | 'SUSPICIOUS_LINK'
  | 'OBFUSCATED_TEXT';

export const CONTENT_REASONS: Record<ContentReasonCode, string> = {
  SHORTENED_URL: 'Link through a URL shortener',
  PAYMENT_REQUEST: 'Asks for a payment, or mentions a fee, fine or amount owed',
  CREDENTIAL_REQUEST: 'Asks to verify an account or to enter login, password, PIN or card details',
  URGENCY: 'Pressures the reader to act urgently or threatens a lock-out',
  PRIZE_CLAIM: 'Says the reader has won a prize, reward or free gift to claim',
  PHONE_CALLBACK: 'Asks the reader to call or text a phone number',
  BRAND_IMPERSONATION: 'Names a well-known company or agency but links to a website that is not theirs',
  SUSPICIOUS_LINK:
    'Link to an unusual web address (raw IP address, look-alike characters or a high-risk domain)',
  OBFUSCATED_TEXT:
    'Text disguised to slip past filters (hidden or look-alike characters, spaced or digit-swapped letters)',
};

export interface DenseFeature {
  name: string;
  reason?: ContentReasonCode;
  /** How the raw value becomes ~[0, 1]: `log` = log1p(x)/log1p(cap), `ratio` = min(x/cap, 1). */
  scale: 'log' | 'ratio';
  cap: number;
}

/** Dense feature i has id HASH_SPACE + i. Order is part of the schema. */
export const DENSE_FEATURES: readonly DenseFeature[] = [
  { name: 'length', scale: 'log', cap: 4096 },
  { name: 'uppercase_ratio', scale: 'ratio', cap: 1 },
  { name: 'digit_ratio', scale: 'ratio', cap: 1 },
  { name: 'punctuation_runs', scale: 'ratio', cap: 3 },
  { name: 'url_count', scale: 'log', cap: 5 },
  { name: 'shortened_url', reason: 'SHORTENED_URL', scale: 'ratio', cap: 1 },
  { name: 'ip_host_url', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  { name: 'punycode_url', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  { name: 'suspicious_tld', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  { name: 'url_path_entropy', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 5 },
  { name: 'bare_domain_url', scale: 'ratio', cap: 1 },
  { name: 'brand_in_link_domain', reason: 'BRAND_IMPERSONATION', scale: 'ratio', cap: 1 },
  { name: 'brand_mention_with_link', reason: 'BRAND_IMPERSONATION', scale: 'ratio', cap: 1 },
  { name: 'phone_count', reason: 'PHONE_CALLBACK', scale: 'log', cap: 3 },
  { name: 'email_count', scale: 'log', cap: 3 },
  { name: 'money_count', reason: 'PAYMENT_REQUEST', scale: 'log', cap: 3 },
  { name: 'otp_code_count', scale: 'log', cap: 3 },
  { name: 'urgency_terms', reason: 'URGENCY', scale: 'log', cap: 5 },
  { name: 'credential_terms', reason: 'CREDENTIAL_REQUEST', scale: 'log', cap: 5 },
  { name: 'payment_terms', reason: 'PAYMENT_REQUEST', scale: 'log', cap: 5 },
  { name: 'prize_terms', reason: 'PRIZE_CLAIM', scale: 'log', cap: 5 },
  { name: 'callback_terms', reason: 'PHONE_CALLBACK', scale: 'log', cap: 5 },
  { name: 'delivery_terms', scale: 'log', cap: 5 },
  { name: 'evasion_tricks', reason: 'OBFUSCATED_TEXT', scale: 'log', cap: 8 },
  // Schema 2026.12.1: what a link looks like (the longest or most suspicious host of the message).
  { name: 'link_host_length', scale: 'ratio', cap: 40 },
  { name: 'link_host_digit_share', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 0.5 },
  { name: 'link_host_hyphens', scale: 'log', cap: 4 },
  { name: 'link_host_entropy', scale: 'ratio', cap: 4.5 },
  { name: 'link_subdomain_depth', scale: 'log', cap: 4 },
  { name: 'link_random_token_path', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  { name: 'link_free_hosting', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  /** Registrable domain on the shared shortener/QR list (set by featurize from the model's link lists). */
  { name: 'link_shortener_listed', reason: 'SHORTENED_URL', scale: 'ratio', cap: 1 },
  { name: 'link_in_personal_message', reason: 'SUSPICIOUS_LINK', scale: 'ratio', cap: 1 },
  { name: 'stranger_opener_terms', scale: 'log', cap: 3 },
  /** One-time codes, delivery, appointment and account notices: benign application-to-person cues. */
  { name: 'notice_terms', scale: 'log', cap: 5 },
];

/** Dense features of the legacy schema: the first LEGACY_DENSE_COUNT entries. */
export const LEGACY_DENSE_COUNT = 24;

export function denseCountOf(version: FeatureSchemaVersion): number {
  return version === LEGACY_FEATURE_SCHEMA_VERSION ? LEGACY_DENSE_COUNT : DENSE_FEATURES.length;
}

/** Size of the weight table a model trained on `version` has. */
export function numFeatureIdsOf(version: FeatureSchemaVersion): number {
  return HASH_SPACE + denseCountOf(version);
}

export const NUM_FEATURE_IDS = HASH_SPACE + DENSE_FEATURES.length;

/** Index of each dense feature by name, for code that fills them. */
export const DENSE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  DENSE_FEATURES.map((f, i) => [f.name, i]),
);
