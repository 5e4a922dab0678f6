/**
 * `pnpm train:account [--content-model content-YYYY.MM.N] [--accounts N] [--eval-accounts N] [--out DIR]
 * [--quiet] [--check]`
 * Trains the account model on simulator traffic replayed through the in-process signal store and
 * scored by one content model (default: the manifest's), exports
 * models/account-<version>.{onnx,json,report.md} with that content model's version and ONNX sha256 in
 * the card, evaluates it on unseen seeds and unseen profile variants, and sets the manifest entry.
 * Same arguments, same bytes: `--check` trains into a temporary directory and exits 1 unless the
 * ONNX file, card and report equal the committed ones byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentModel, readManifest } from '@gavel/model';
import { formatSummaryTable, loadRealHam } from '@gavel/simulator';
import { trainAccountModel } from './accountTraining';
import { createProgress } from './progress';
import { findRepoRoot, invokedFromDir, modelsDir, sharedDataDir } from './repoRoot';
import { checkReproduction } from './reproduction';

export const ACCOUNT_VERSION = 'account-2026.12.5';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'content-model': { type: 'string' },
      accounts: { type: 'string', default: '2000' },
      'eval-accounts': { type: 'string', default: '6000' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const repoRoot = findRepoRoot();
  const dataDir = sharedDataDir(repoRoot);
  const hamFile = join(dataDir, 'sms-spam-collection', 'SMSSpamCollection');
  let realHamSource: { file: string; sha256: string } | null = null;
  try {
    realHamSource = {
      file: '../shared/data/sms-spam-collection/SMSSpamCollection',
      sha256: createHash('sha256').update(readFileSync(hamFile)).digest('hex'),
    };
  } catch {
    // person-to-person bodies fall back to templates
  }
  const committedDir = modelsDir(repoRoot);
  const servedContent = readManifest(committedDir).content;
  const contentVersion = values['content-model'] ?? servedContent;
  if (contentVersion !== servedContent)
    process.stderr.write(
      `note: scoring with ${contentVersion}; the manifest serves ${servedContent}, so this pairing is not the served one\n`,
    );
  // ContentModel.load checks the ONNX file against the card's sha256, which the account card records.
  const content = await ContentModel.load({ modelDir: committedDir, version: contentVersion });
  const realHam = loadRealHam(dataDir);
  const train = (outDir: string) =>
    trainAccountModel({
      content,
      outDir,
      version: ACCOUNT_VERSION,
      trainSeeds: [101, 102, 103],
      evalSeeds: [201, 202],
      accountsPerSeed: Number(values.accounts),
      evalAccounts: Number(values['eval-accounts']),
      realHam,
      realHamSource,
      progress: createProgress(process.stderr, values.quiet),
    });
  try {
    if (values.check) {
      const differences = await checkReproduction({
        committedDir,
        version: ACCOUNT_VERSION,
        ignoredCardKeys: [],
        train,
      });
      if (differences.length > 0) {
        process.stderr.write(`check FAILED: ${differences.join('; ')}\n`);
        process.exitCode = 1;
        return;
      }
      process.stderr.write(
        `check ok: ${ACCOUNT_VERSION} with ${contentVersion} reproduced byte for byte (onnx, card, report)\n`,
      );
      return;
    }
    const result = await train(values.out ? resolve(invokedFromDir(), values.out) : committedDir);
    process.stdout.write(`unseen seeds\n${formatSummaryTable(result.evaluation.unseenSeeds)}\n\n`);
    process.stdout.write(`unseen variants\n${formatSummaryTable(result.evaluation.unseenVariants)}\n`);
  } finally {
    await content.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `train:account failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
