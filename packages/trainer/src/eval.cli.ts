/**
 * `pnpm eval --data <file> [--model <card.json>] [--json]`
 * Scores a labelled file (TSV `label<TAB>text`, or CSV with label and text columns) with the real
 * ONNX model and prints the metrics at the card's thresholds.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateLabelledFile } from './evaluateFile';
import { formatSummaryTable } from './evaluation';
import { createProgress } from './progress';
import { findRepoRoot, modelsDir } from './repoRoot';

const USAGE = 'usage: pnpm eval --data <file> [--model <models/content-<version>.json>] [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.data) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  // pnpm runs root scripts from the repository root; paths on the command line are the caller's.
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const result = await evaluateLabelledFile({
    dataFile: resolve(invokedFrom, values.data),
    cardFile: values.model ? resolve(invokedFrom, values.model) : undefined,
    modelDir: modelsDir(findRepoRoot()),
    progress: createProgress(process.stderr, values.json),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result.json)}\n`);
  } else {
    process.stdout.write(
      `${formatSummaryTable(`${result.json.model} on ${values.data} (${result.json.format}, ${result.json.skipped} rows skipped)`, result.summary, result.thresholds)}\n`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
