import { describe, expect, it } from 'vitest';
import { loadGoldenFile, loadGoldenMessages } from './golden';
import { computeGolden } from './golden.update';
import { FEATURE_SCHEMA_VERSION } from './schema';
import { featureSchemaHash } from './schemaHash';

const HOW_TO =
  'Feature output changed. If intended: bump FEATURE_SCHEMA_VERSION in packages/features/src/schema.ts, ' +
  'run `pnpm tsx packages/features/src/golden.update.ts`, and retrain the model (`pnpm train`).';

describe('golden vectors', () => {
  const committed = loadGoldenFile();
  const current = computeGolden();

  it('holds about fifty varied messages', () => {
    expect(committed.entries.length).toBeGreaterThanOrEqual(50);
    expect(loadGoldenMessages()).toEqual(committed.entries.map((e) => e.text));
  });

  it('matches the committed schema version and hash', () => {
    if (
      committed.featureSchemaHash !== featureSchemaHash() &&
      committed.featureSchemaVersion === FEATURE_SCHEMA_VERSION
    ) {
      throw new Error(`featureSchemaHash changed but FEATURE_SCHEMA_VERSION did not. ${HOW_TO}`);
    }
    expect(committed.featureSchemaVersion, HOW_TO).toBe(FEATURE_SCHEMA_VERSION);
    expect(committed.featureSchemaHash, HOW_TO).toBe(featureSchemaHash());
  });

  it('reproduces every committed id and value exactly', () => {
    expect(
      current.entries.map((e) => e.text),
      HOW_TO,
    ).toEqual(committed.entries.map((e) => e.text));
    committed.entries.forEach((entry, i) => {
      const got = current.entries[i];
      const label = `${HOW_TO}\nmessage #${i}: ${JSON.stringify(entry.text.slice(0, 60))}`;
      expect(got.ids, label).toEqual(entry.ids);
      // Stored values are float32 values printed exactly; compare as float32.
      expect(Array.from(Float32Array.from(got.values)), label).toEqual(
        Array.from(Float32Array.from(entry.values)),
      );
    });
  });
});
