import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Committed golden vectors: the exact ids and values of ~50 hand-written messages. */
export const GOLDEN_FILE = fileURLToPath(new URL('./golden.json', import.meta.url));

export interface GoldenEntry {
  text: string;
  ids: number[];
  values: number[];
}

export interface GoldenFile {
  featureSchemaVersion: string;
  featureSchemaHash: string;
  entries: GoldenEntry[];
}

export function loadGoldenFile(): GoldenFile {
  return JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as GoldenFile;
}

/** The golden messages, for parity tests elsewhere (ONNX vs reference on the same inputs). */
export function loadGoldenMessages(): string[] {
  return loadGoldenFile().entries.map((e) => e.text);
}
