/**
 * Regenerates golden.json from GOLDEN_MESSAGES with the current features code.
 * Run: pnpm tsx packages/features/src/golden.update.ts
 * Only after a deliberate feature change: bump FEATURE_SCHEMA_VERSION and retrain the model too. It
 * refuses to overwrite vectors of the same version with a different schema hash (unless --force).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createFeatureRow, featurize } from './featurize';
import { GOLDEN_FILE, type GoldenFile, loadGoldenFile } from './golden';
import { GOLDEN_MESSAGES } from './golden.messages';
import { FEATURE_SCHEMA_VERSION } from './schema';
import { featureSchemaHash } from './schemaHash';

export function computeGolden(): GoldenFile {
  const row = createFeatureRow();
  return {
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    featureSchemaHash: featureSchemaHash(),
    entries: GOLDEN_MESSAGES.map((text) => {
      featurize(text, row);
      // Values are float32; their shortest double representation round-trips exactly.
      return {
        text,
        ids: Array.from(row.ids.subarray(0, row.count)),
        values: Array.from(row.values.subarray(0, row.count)),
      };
    }),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const golden = computeGolden();
  if (existsSync(GOLDEN_FILE) && !process.argv.includes('--force')) {
    const committed = loadGoldenFile();
    if (
      committed.featureSchemaVersion === golden.featureSchemaVersion &&
      committed.featureSchemaHash !== golden.featureSchemaHash
    ) {
      console.error(
        `The feature schema changed but FEATURE_SCHEMA_VERSION is still ${golden.featureSchemaVersion}. ` +
          'Bump it in packages/features/src/schema.ts (models trained on the old schema must be retrained), ' +
          'then run this again (or pass --force for a schema that no model has used yet).',
      );
      process.exit(1);
    }
  }
  // One entry per line keeps diffs readable.
  const body = golden.entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  writeFileSync(
    GOLDEN_FILE,
    `{\n  "featureSchemaVersion": ${JSON.stringify(golden.featureSchemaVersion)},\n  "featureSchemaHash": ${JSON.stringify(golden.featureSchemaHash)},\n  "entries": [\n${body}\n  ]\n}\n`,
  );
  // The repo's formatter owns the layout of every JSON file; format now so `pnpm lint` stays clean.
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', GOLDEN_FILE], { stdio: 'ignore' });
  console.log(`wrote ${golden.entries.length} golden vectors to ${GOLDEN_FILE}`);
}
