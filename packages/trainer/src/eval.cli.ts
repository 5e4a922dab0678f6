/**
 * `pnpm eval --data <file> [--model <card.json>]... [--json]`
 * Scores a labelled file (TSV `label<TAB>text`, or CSV with label and text columns, optional `source`
 * and `channel`) with the real ONNX model(s) and prints the metrics at each card's thresholds: one
 * model as before, several side by side (a shadow candidate against the live model), and a per-source
 * breakdown when the file has a `source` column.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EvaluateFileResult, evaluateLabelledFile } from './evaluateFile';
import { formatSummaryTable } from './evaluation';
import { createProgress } from './progress';
import { findRepoRoot, invokedFromDir, modelsDir } from './repoRoot';

const USAGE =
  'usage: pnpm eval --data <file> [--model <models/content-<version>.json>]... [--json]\n' +
  '  several --model flags print the models side by side; a CSV `source` column adds a per-source breakdown';

const pct = (x: number, digits = 2) => (Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');

/** One row per measure, one column per model. */
export function formatSideBySide(results: EvaluateFileResult[]): string {
  const head = ['', ...results.map((r) => r.json.model)];
  const rows: string[][] = [
    head,
    ['thresholds (review / block)', ...results.map((r) => `${r.thresholds.review} / ${r.thresholds.block}`)],
    ['ROC AUC', ...results.map((r) => num(r.summary.auc))],
    ['F1 @ 0.5', ...results.map((r) => num(r.summary.f1))],
    ['recall @ review', ...results.map((r) => pct(r.summary.recallAtReview))],
    ['FPR @ review', ...results.map((r) => pct(r.summary.fprAtReview, 3))],
    ['recall @ block', ...results.map((r) => pct(r.summary.recallAtBlock))],
    ['FPR @ block', ...results.map((r) => pct(r.summary.fprAtBlock, 3))],
  ];
  return table(rows);
}

/** Per source: AUC, recall and FPR at review and block, for each model. */
export function formatBySource(results: EvaluateFileResult[]): string {
  const sources = results[0].bySource.map((s) => s.source);
  const rows: string[][] = [
    [
      'source',
      'n',
      ...results.flatMap((r) => [
        `${r.json.model} AUC`,
        'recall @rev',
        'FPR @rev',
        'recall @block',
        'FPR @block',
      ]),
    ],
  ];
  for (const source of sources) {
    const first = results[0].bySource.find((s) => s.source === source)!.summary;
    rows.push([
      source,
      `${first.n} (${first.positives} abusive)`,
      ...results.flatMap((r) => {
        const s = r.bySource.find((x) => x.source === source)!.summary;
        return [
          num(s.auc),
          pct(s.recallAtReview),
          pct(s.fprAtReview, 3),
          pct(s.recallAtBlock),
          pct(s.fprAtBlock, 3),
        ];
      }),
    ]);
  }
  return table(rows);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.data) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  // pnpm runs root scripts from the repository root; paths on the command line are the caller's.
  const invokedFrom = invokedFromDir();
  const cards = values.model && values.model.length > 0 ? values.model : [undefined];
  const results: EvaluateFileResult[] = [];
  for (const card of cards) {
    results.push(
      await evaluateLabelledFile({
        dataFile: resolve(invokedFrom, values.data),
        cardFile: card ? resolve(invokedFrom, card) : undefined,
        modelDir: modelsDir(findRepoRoot()),
        progress: createProgress(process.stderr, values.json),
      }),
    );
  }
  if (values.json) {
    const out = results.length === 1 ? results[0].json : { models: results.map((r) => r.json) };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const first = results[0];
  const title = `${values.data} (${first.json.format}, ${first.json.skipped} rows skipped)`;
  if (results.length === 1)
    process.stdout.write(
      `${formatSummaryTable(`${first.json.model} on ${title}`, first.summary, first.thresholds)}\n`,
    );
  else process.stdout.write(`${title}\n\n${formatSideBySide(results)}\n`);
  if (first.bySource.length > 0) process.stdout.write(`\nper source\n\n${formatBySource(results)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
