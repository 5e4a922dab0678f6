/**
 * `pnpm train [--seed N] [--version content-YYYY.MM.N] [--out DIR] [--quiet]`
 * Trains the content model on ../shared/data + SpamAssassin and writes models/<version>.{onnx,json,report.md}
 * and models/manifest.json. Progress goes to stderr.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from './progress';
import { findRepoRoot, modelsDir, sharedDataDir } from './repoRoot';
import { trainContentModel } from './trainContentModel';

export const DEFAULT_VERSION = 'content-2026.11.1';
export const DEFAULT_SEED = 20261129;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const repoRoot = findRepoRoot();
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const version = values.version ?? DEFAULT_VERSION;
  if (!/^content-[0-9A-Za-z.-]+$/.test(version))
    throw new Error(`--version must look like content-2026.11.1`);
  const result = await trainContentModel({
    repoRoot,
    dataDir: sharedDataDir(repoRoot),
    outDir: values.out ? resolve(invokedFrom, values.out) : modelsDir(repoRoot),
    version,
    seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
    progress: createProgress(process.stderr, values.quiet),
    syntheticCheckFile: 'packages/trainer/fixtures/recent-smishing.tsv',
  });
  const metrics = result.card.metrics as { sms: { auc: number; f1: number }; email: { auc: number } };
  process.stderr.write(
    `done: ${result.card.version} thresholds ${JSON.stringify(result.card.thresholds)} ` +
      `SMS AUC ${metrics.sms.auc} F1 ${metrics.sms.f1}, email AUC ${metrics.email.auc}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `train failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
