/**
 * Regenerates the golden vectors of every feature schema with the current features code.
 * Run: pnpm tsx packages/features/src/golden.update.ts
 * Only after a deliberate feature change: bump FEATURE_SCHEMA_VERSION and retrain the model too. It
 * refuses to overwrite vectors of the same version with a different schema hash (unless --force).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createFeatureRow, featurize, SHORTENER_LIST_SEED } from './featurize';
import { GOLDEN_FILES, type GoldenEntry, type GoldenFile, loadGoldenFile } from './golden';
import {
  GOLDEN_EMAIL_MESSAGES,
  GOLDEN_MESSAGES,
  GOLDEN_MESSAGES_V2,
  GOLDEN_MESSAGES_V3,
  GOLDEN_SHORTENER_DOMAINS,
} from './golden.messages';
import { hashString } from './hash';
import {
  type Channel,
  FEATURE_SCHEMA_VERSION,
  FEATURE_SCHEMA_VERSIONS,
  type FeatureSchemaVersion,
  hasScriptShapes,
  LEGACY_FEATURE_SCHEMA_VERSION,
} from './schema';
import { featureSchemaHash } from './schemaHash';

export const GOLDEN_SHORTENERS: ReadonlySet<number> = new Set(
  GOLDEN_SHORTENER_DOMAINS.map((d) => hashString(d, SHORTENER_LIST_SEED)),
);

export function computeGolden(version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION): GoldenFile {
  const row = createFeatureRow();
  const legacy = version === LEGACY_FEATURE_SCHEMA_VERSION;
  const inputs: { text: string; channel?: Channel }[] = legacy
    ? GOLDEN_MESSAGES.map((text) => ({ text }))
    : [
        ...[...GOLDEN_MESSAGES, ...GOLDEN_MESSAGES_V2].map((text) => ({ text, channel: 'sms' as const })),
        ...GOLDEN_EMAIL_MESSAGES.map((text) => ({ text, channel: 'email' as const })),
        ...(hasScriptShapes(version)
          ? GOLDEN_MESSAGES_V3.map((text) => ({ text, channel: 'sms' as const }))
          : []),
      ];
  return {
    featureSchemaVersion: version,
    featureSchemaHash: featureSchemaHash(version),
    entries: inputs.map(({ text, channel }): GoldenEntry => {
      featurize(text, row, legacy ? { version } : { version, channel, shortenerDomains: GOLDEN_SHORTENERS });
      // Values are float32; their shortest double representation round-trips exactly.
      return {
        text,
        ...(channel ? { channel } : {}),
        ids: Array.from(row.ids.subarray(0, row.count)),
        values: Array.from(row.values.subarray(0, row.count)),
      };
    }),
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  for (const version of FEATURE_SCHEMA_VERSIONS) {
    const file = GOLDEN_FILES[version];
    const golden = computeGolden(version);
    if (existsSync(file) && !process.argv.includes('--force')) {
      const committed = loadGoldenFile(version);
      if (committed.featureSchemaHash !== golden.featureSchemaHash) {
        console.error(
          `The feature schema ${version} changed but its version did not. Bump FEATURE_SCHEMA_VERSION in ` +
            'packages/features/src/schema.ts (models trained on the old schema must be retrained), ' +
            'then run this again (or pass --force for a schema that no model has used yet).',
        );
        process.exit(1);
      }
    }
    // One entry per line keeps diffs readable.
    const body = golden.entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
    writeFileSync(
      file,
      `{\n  "featureSchemaVersion": ${JSON.stringify(golden.featureSchemaVersion)},\n  "featureSchemaHash": ${JSON.stringify(golden.featureSchemaHash)},\n  "entries": [\n${body}\n  ]\n}\n`,
    );
    // The repo's formatter owns the layout of every JSON file; format now so `pnpm lint` stays clean.
    execFileSync('pnpm', ['exec', 'biome', 'format', '--write', file], { stdio: 'ignore' });
    console.log(`wrote ${golden.entries.length} golden vectors to ${file}`);
  }
}
