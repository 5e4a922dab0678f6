import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Channel } from './schema';
import {
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  LEGACY_FEATURE_SCHEMA_VERSION,
  V2_FEATURE_SCHEMA_VERSION,
} from './schema';

/**
 * Committed golden vectors, one file per feature schema this code implements: the exact ids and values
 * of ~50 hand-written messages (the current schema adds channel variants and link/evasion messages).
 * The legacy file is the one content-2026.11.1 was trained against, unchanged, so that model can run
 * in shadow.
 */
export const GOLDEN_FILES: Record<FeatureSchemaVersion, string> = {
  [LEGACY_FEATURE_SCHEMA_VERSION]: fileURLToPath(new URL('./golden.json', import.meta.url)),
  [V2_FEATURE_SCHEMA_VERSION]: fileURLToPath(
    new URL(`./golden.${V2_FEATURE_SCHEMA_VERSION}.json`, import.meta.url),
  ),
  [FEATURE_SCHEMA_VERSION]: fileURLToPath(
    new URL(`./golden.${FEATURE_SCHEMA_VERSION}.json`, import.meta.url),
  ),
};
export const GOLDEN_FILE = GOLDEN_FILES[FEATURE_SCHEMA_VERSION];

export interface GoldenEntry {
  text: string;
  /** Current schema only: the channel the row was featurized for (legacy rows have none). */
  channel?: Channel;
  ids: number[];
  values: number[];
}

export interface GoldenFile {
  featureSchemaVersion: string;
  featureSchemaHash: string;
  entries: GoldenEntry[];
}

export function loadGoldenFile(version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): GoldenFile {
  return JSON.parse(readFileSync(GOLDEN_FILES[version], 'utf8')) as GoldenFile;
}

/** The golden messages with their channels, for parity tests elsewhere (ONNX vs reference on the same inputs). */
export function loadGoldenInputs(
  version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION,
): { text: string; channel?: Channel }[] {
  return loadGoldenFile(version).entries.map((e) => ({ text: e.text, channel: e.channel }));
}

/** The golden texts (each once), for tests that need varied messages. */
export function loadGoldenMessages(version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): string[] {
  return [...new Set(loadGoldenFile(version).entries.map((e) => e.text))];
}
