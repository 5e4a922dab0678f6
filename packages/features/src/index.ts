export { type Analysis, analyze } from './analyze';
export type { EntityCounts } from './entities';
export {
  createFeatureRow,
  type FeatureRow,
  type FeaturizeOptions,
  featurize,
  SHORTENER_LIST_SEED,
} from './featurize';
export { contentFingerprint, fingerprintDistance } from './fingerprint';
export {
  GOLDEN_FILE,
  GOLDEN_FILES,
  type GoldenEntry,
  type GoldenFile,
  loadGoldenFile,
  loadGoldenInputs,
  loadGoldenMessages,
} from './golden';
export { hashString } from './hash';
export { linkDomains } from './links';
export { DEFAULT_EXCERPT_LENGTH, redactExcerpt } from './redact';
export {
  type Channel,
  CONTENT_REASONS,
  type ContentReasonCode,
  channelFamily,
  DENSE_FEATURES,
  type DenseFeature,
  denseCountOf,
  FEATURE_SCHEMA_VERSION,
  FEATURE_SCHEMA_VERSIONS,
  type FeatureSchemaVersion,
  HASH_SPACE,
  LEGACY_FEATURE_SCHEMA_VERSION,
  MAX_FEATURES,
  NUM_FEATURE_IDS,
  numFeatureIdsOf,
  V2_FEATURE_SCHEMA_VERSION,
} from './schema';
export { featureSchemaByHash, featureSchemaDescription, featureSchemaHash } from './schemaHash';
export { registrableDomain, type UrlEntity } from './urlEntity';
