/**
 * `pnpm train [--seed N] [--version content-YYYY.MM.N] [--out DIR] [--quiet] [--check]`
 * Trains the content model on ../shared/data + SpamAssassin and writes models/<version>.{onnx,json,report.md}
 * and models/manifest.json. Progress goes to stderr. `--check` trains into a temporary directory and
 * exits 1 unless the ONNX file is byte-identical to the committed one and the card and report equal the
 * committed ones but for the training time.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from './progress';
import { findRepoRoot, invokedFromDir, modelsDir, sharedDataDir } from './repoRoot';
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
  const checkDir = values.check ? mkdtempSync(join(tmpdir(), 'gavel-train-check-')) : null;
  const outDir = checkDir ?? (values.out ? resolve(invokedFrom, values.out) : modelsDir(repoRoot));
  const result = await trainContentModel({
    repoRoot,
    dataDir: sharedDataDir(repoRoot),
    outDir,
    version,
    seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
    progress: createProgress(process.stderr, values.quiet),
    syntheticCheckFile: 'packages/trainer/fixtures/recent-smishing.tsv',
    a2pCheckFile: 'packages/trainer/fixtures/a2p-ham.tsv',
  });
  if (checkDir) {
    const committed = modelsDir(repoRoot);
    const differences = reproductionDifferences(committed, checkDir, version);
    rmSync(checkDir, { recursive: true, force: true });
    if (differences.length > 0) {
      process.stderr.write(`check FAILED: ${differences.join('; ')}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `check ok: ${version} reproduced byte for byte (card and report equal but for training time)\n`,
    );
    return;
  }
  process.stderr.write(
    `done: ${result.card.version} thresholds ${JSON.stringify(result.card.thresholds)}\n${JSON.stringify(result.card.goals, null, 1)}\n`,
  );
}

/** What differs between the committed model files and a fresh training run's. */
function reproductionDifferences(committedDir: string, freshDir: string, version: string): string[] {
  const out: string[] = [];
  const read = (dir: string, file: string) => readFileSync(join(dir, file));
  if (!read(committedDir, `${version}.onnx`).equals(read(freshDir, `${version}.onnx`)))
    out.push(`${version}.onnx differs`);
  const card = (dir: string) => {
    const parsed = JSON.parse(read(dir, `${version}.json`).toString('utf8'));
    delete parsed.training;
    return JSON.stringify(parsed);
  };
  if (card(committedDir) !== card(freshDir)) out.push(`${version}.json differs beyond "training"`);
  if (!read(committedDir, `${version}.report.md`).equals(read(freshDir, `${version}.report.md`)))
    out.push(`${version}.report.md differs`);
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `train failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
