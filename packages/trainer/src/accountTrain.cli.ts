/**
 * `pnpm train:account [--accounts N] [--eval-accounts N] [--out DIR] [--quiet]`
 * Trains the account model on simulator traffic replayed through the in-process signal store,
 * exports models/account-<version>.{onnx,json,report.md}, evaluates it on unseen seeds and unseen
 * profile variants, and sets the manifest entry. Same arguments, same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentModel } from '@gavel/model';
import { formatSummaryTable, loadRealHam } from '@gavel/simulator';
import { trainAccountModel } from './accountTraining';
import { createProgress } from './progress';
import { findRepoRoot, invokedFromDir, modelsDir, sharedDataDir } from './repoRoot';

export const ACCOUNT_VERSION = 'account-2026.12.2';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '2000' },
      'eval-accounts': { type: 'string', default: '6000' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
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
  const outDir = values.out ? resolve(invokedFromDir(), values.out) : modelsDir(repoRoot);
  const content = await ContentModel.load({ modelDir: modelsDir(repoRoot) });
  const result = await trainAccountModel({
    content,
    outDir,
    version: ACCOUNT_VERSION,
    trainSeeds: [101, 102, 103],
    evalSeeds: [201, 202],
    accountsPerSeed: Number(values.accounts),
    evalAccounts: Number(values['eval-accounts']),
    realHam: loadRealHam(dataDir),
    realHamSource,
    progress: createProgress(process.stderr, values.quiet),
  });
  await content.close();
  process.stdout.write(`unseen seeds\n${formatSummaryTable(result.evaluation.unseenSeeds)}\n\n`);
  process.stdout.write(`unseen variants\n${formatSummaryTable(result.evaluation.unseenVariants)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `train:account failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
