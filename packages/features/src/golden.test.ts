import { describe, expect, it } from 'vitest';
import { loadGoldenFile, loadGoldenMessages } from './golden';
import { computeGolden } from './golden.update';
import { FEATURE_SCHEMA_VERSIONS, LEGACY_FEATURE_SCHEMA_VERSION } from './schema';
import { featureSchemaHash } from './schemaHash';

const HOW_TO =
  'Feature output changed. If intended: bump FEATURE_SCHEMA_VERSION in packages/features/src/schema.ts, ' +
  'run `pnpm tsx packages/features/src/golden.update.ts`, and retrain the model (`pnpm train`). The legacy ' +
  `schema ${LEGACY_FEATURE_SCHEMA_VERSION} must never change: the previous model runs in shadow on it.`;

describe.each(FEATURE_SCHEMA_VERSIONS)('golden vectors of schema %s', (version) => {
  const committed = loadGoldenFile(version);
  const current = computeGolden(version);

  it('holds about fifty varied messages', () => {
    expect(committed.entries.length).toBeGreaterThanOrEqual(50);
    expect(loadGoldenMessages(version)).toEqual([...new Set(committed.entries.map((e) => e.text))]);
  });

  it('matches the committed schema version and hash', () => {
    expect(committed.featureSchemaVersion, HOW_TO).toBe(version);
    expect(committed.featureSchemaHash, HOW_TO).toBe(featureSchemaHash(version));
  });

  it('reproduces every committed id and value exactly', () => {
    expect(
      current.entries.map((e) => [e.text, e.channel]),
      HOW_TO,
    ).toEqual(committed.entries.map((e) => [e.text, e.channel]));
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
