import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReproductionCheck {
  /** The committed models folder. */
  committedDir: string;
  /** The model version, e.g. 'content-2026.12.3': its .onnx, .json and .report.md are compared. */
  version: string;
  /**
   * Top-level card keys left out of the comparison: the content card's "training" holds the training
   * time; the account card holds nothing that depends on the run, so it leaves none out.
   */
  ignoredCardKeys: string[];
  /** Trains into the given folder. */
  train: (outDir: string) => Promise<unknown>;
}

/**
 * `--check` of `pnpm train` and `pnpm train:account`: trains into a temporary directory and lists
 * what differs from the committed files (empty when the retrain reproduces them).
 */
export async function checkReproduction(check: ReproductionCheck): Promise<string[]> {
  const freshDir = mkdtempSync(join(tmpdir(), 'gavel-train-check-'));
  try {
    await check.train(freshDir);
    return reproductionDifferences(check.committedDir, freshDir, check.version, check.ignoredCardKeys);
  } finally {
    rmSync(freshDir, { recursive: true, force: true });
  }
}

/** What differs between the committed model files and a fresh training run's. */
export function reproductionDifferences(
  committedDir: string,
  freshDir: string,
  version: string,
  ignoredCardKeys: string[],
): string[] {
  const out: string[] = [];
  const read = (dir: string, file: string) => readFileSync(join(dir, file));
  if (!read(committedDir, `${version}.onnx`).equals(read(freshDir, `${version}.onnx`)))
    out.push(`${version}.onnx differs`);
  const card = (dir: string) => {
    const parsed = JSON.parse(read(dir, `${version}.json`).toString('utf8'));
    for (const key of ignoredCardKeys) delete parsed[key];
    return JSON.stringify(parsed);
  };
  if (card(committedDir) !== card(freshDir))
    out.push(
      ignoredCardKeys.length > 0
        ? `${version}.json differs beyond ${ignoredCardKeys.map((k) => `"${k}"`).join(', ')}`
        : `${version}.json differs`,
    );
  if (!read(committedDir, `${version}.report.md`).equals(read(freshDir, `${version}.report.md`)))
    out.push(`${version}.report.md differs`);
  return out;
}
