/**
 * `pnpm train [--seed N] [--version content-YYYY.MM.N] [--out DIR] [--quiet] [--check]`
 * Trains the content model on ../shared/data + SpamAssassin and writes models/<version>.{onnx,json,report.md}
 * and models/manifest.json. Progress goes to stderr. `--check` trains into a temporary directory and
 * exits 1 unless the ONNX file is byte-identical to the committed one and the card and report equal the
 * committed ones but for the training time.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from './progress';
import { findRepoRoot, invokedFromDir, modelsDir, sharedDataDir } from './repoRoot';
import { checkReproduction } from './reproduction';
import { trainContentModel } from './trainContentModel';

export const DEFAULT_VERSION = 'content-2026.12.3';
export const DEFAULT_SEED = 20261129;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const repoRoot = findRepoRoot();
  const invokedFrom = invokedFromDir();
  const version = values.version ?? DEFAULT_VERSION;
  if (!/^content-[0-9A-Za-z.-]+$/.test(version))
    throw new Error(`--version must look like content-2026.11.1`);
  const train = (outDir: string) =>
    trainContentModel({
      repoRoot,
      dataDir: sharedDataDir(repoRoot),
      outDir,
      version,
      seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
      progress: createProgress(process.stderr, values.quiet),
      syntheticCheckFile: 'packages/trainer/fixtures/recent-smishing.tsv',
      a2pCheckFile: 'packages/trainer/fixtures/a2p-ham.tsv',
    });
  if (values.check) {
    const differences = await checkReproduction({
      committedDir: modelsDir(repoRoot),
      version,
      ignoredCardKeys: ['training'],
      train,
    });
    if (differences.length > 0) {
      process.stderr.write(`check FAILED: ${differences.join('; ')}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `check ok: ${version} reproduced byte for byte (card and report equal but for training time)\n`,
    );
    return;
  }
  const result = await train(values.out ? resolve(invokedFrom, values.out) : modelsDir(repoRoot));
  process.stderr.write(
    `done: ${result.card.version} thresholds ${JSON.stringify(result.card.thresholds)}\n${JSON.stringify(result.card.goals, null, 1)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `train failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
