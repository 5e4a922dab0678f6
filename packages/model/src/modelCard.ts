import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadError } from './errors';

export interface ThresholdPair {
  review: number;
  block: number;
}

/** Platt scaling folded into the graph: calibratedLogit = a * rawLogit + b. */
export interface PlattCalibration {
  a: number;
  b: number;
  [key: string]: unknown;
}

/**
 * The model card written by the trainer next to the ONNX file. Only the fields the runtime needs
 * are typed strictly; the rest (data hashes, metrics, evasion, ...) is documentation.
 */
export interface ModelCard {
  name: string;
  version: string;
  onnxFile: string;
  onnxSha256: string;
  featureSchemaHash: string;
  featureSchemaVersion?: string;
  thresholds: ThresholdPair;
  calibration?: PlattCalibration;
  /**
   * Which content graph the ONNX file holds: 'linear' (absent in cards before content-2026.12.3) or
   * 'stacked-trees' (linear logit + dense features -> tree ensemble -> calibration).
   */
  kind?: ContentModelKind;
  [key: string]: unknown;
}

export type ContentModelKind = 'linear' | 'stacked-trees';

export type ModelManifest = Record<string, string>;

export function readManifest(modelDir: string): ModelManifest {
  const file = join(modelDir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ModelLoadError(`Cannot read model manifest ${file}; run \`pnpm train\` to create it`, {
      cause,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ModelLoadError(
      `Model manifest ${file} must be a JSON object like { "content": "content-<version>" }`,
    );
  }
  return parsed as ModelManifest;
}

/** Resolves the version to load: an explicit one wins, else the manifest entry for the model name. */
export function resolveModelVersion(modelDir: string, name: string, version?: string): string {
  if (version) return version;
  const entry = readManifest(modelDir)[name];
  if (typeof entry !== 'string' || entry.length === 0) {
    throw new ModelLoadError(`Model manifest in ${modelDir} has no entry for "${name}"`);
  }
  return entry;
}

export function readModelCard(file: string): ModelCard {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ModelLoadError(`Cannot read model card ${file}`, { cause });
  }
  const card = parsed as Partial<ModelCard> | null;
  const ok =
    card !== null &&
    typeof card === 'object' &&
    typeof card.name === 'string' &&
    typeof card.version === 'string' &&
    typeof card.onnxFile === 'string' &&
    typeof card.onnxSha256 === 'string' &&
    typeof card.featureSchemaHash === 'string' &&
    typeof card.thresholds?.review === 'number' &&
    typeof card.thresholds?.block === 'number';
  if (!ok) {
    throw new ModelLoadError(
      `Model card ${file} lacks name, version, onnxFile, onnxSha256, featureSchemaHash or thresholds`,
    );
  }
  return card as ModelCard;
}
