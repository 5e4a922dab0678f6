export { type Analysis, analyze } from './analyze';
export type { EntityCounts, UrlEntity } from './entities';
export { createFeatureRow, type FeatureRow, featurize } from './featurize';
export { contentFingerprint, fingerprintDistance } from './fingerprint';
export { GOLDEN_FILE, type GoldenEntry, type GoldenFile, loadGoldenFile, loadGoldenMessages } from './golden';
export { linkDomains } from './links';
export { DEFAULT_EXCERPT_LENGTH, redactExcerpt } from './redact';
export {
  CONTENT_REASONS,
  type ContentReasonCode,
  DENSE_FEATURES,
  type DenseFeature,
  FEATURE_SCHEMA_VERSION,
  HASH_SPACE,
  MAX_FEATURES,
  NUM_FEATURE_IDS,
} from './schema';
export { featureSchemaDescription, featureSchemaHash } from './schemaHash';
