import { basename, dirname } from 'node:path';
import { ContentModel, type ThresholdPair } from '@gavel/model';
import { type EvaluationSummary, evaluateScores } from './evaluation';
import { readLabelledFile } from './labelledFile';
import type { Progress } from './progress';

export interface EvaluateFileOptions {
  dataFile: string;
  /** A model card; its directory is the model directory. Defaults to the manifest's content model in modelDir. */
  cardFile?: string;
  modelDir: string;
  progress?: Progress;
}

export interface EvaluateFileResult {
  summary: EvaluationSummary;
  thresholds: ThresholdPair;
  /** The `--json` object: flat figures first, the full summary under `detail`. */
  json: {
    model: string;
    file: string;
    format: 'tsv' | 'csv';
    skipped: number;
    n: number;
    positives: number;
    negatives: number;
    auc: number;
    f1: number;
    precision: number;
    recall: number;
    fprAtBlock: number;
    recallAtBlock: number;
    precisionAtBlock: number;
    fprAtReview: number;
    recallAtReview: number;
    precisionAtReview: number;
    thresholds: ThresholdPair;
    detail: EvaluationSummary;
  };
}

/** Scores every labelled row through the real ONNX model (via @gavel/model) and summarises. */
export async function evaluateLabelledFile(opts: EvaluateFileOptions): Promise<EvaluateFileResult> {
  const parsed = readLabelledFile(opts.dataFile);
  if (parsed.messages.length === 0)
    throw new Error(`${opts.dataFile} holds no labelled rows (${parsed.skipped} skipped)`);
  opts.progress?.step(
    `${parsed.messages.length} labelled rows (${parsed.format}), ${parsed.skipped} skipped`,
  );
  const model = await ContentModel.load(
    opts.cardFile
      ? { modelDir: dirname(opts.cardFile), version: basename(opts.cardFile).replace(/\.json$/, '') }
      : { modelDir: opts.modelDir },
  );
  try {
    const scores = new Float64Array(parsed.messages.length);
    const chunk = 1024;
    for (let start = 0; start < parsed.messages.length; start += chunk) {
      const results = await model.scoreMany(parsed.messages.slice(start, start + chunk).map((m) => m.text));
      results.forEach((r, i) => {
        scores[start + i] = r.score;
      });
      opts.progress?.tick('scored', Math.min(parsed.messages.length, start + chunk), parsed.messages.length);
    }
    const labels = Uint8Array.from(parsed.messages, (m) => (m.abusive ? 1 : 0));
    const thresholds = model.card.thresholds;
    const summary = evaluateScores(scores, labels, thresholds);
    return {
      summary,
      thresholds,
      json: {
        model: model.version,
        file: opts.dataFile,
        format: parsed.format,
        skipped: parsed.skipped,
        n: summary.n,
        positives: summary.positives,
        negatives: summary.negatives,
        auc: summary.auc,
        f1: summary.f1,
        precision: summary.precision,
        recall: summary.recall,
        fprAtBlock: summary.fprAtBlock,
        recallAtBlock: summary.recallAtBlock,
        precisionAtBlock: summary.precisionAtBlock,
        fprAtReview: summary.fprAtReview,
        recallAtReview: summary.recallAtReview,
        precisionAtReview: summary.precisionAtReview,
        thresholds,
        detail: summary,
      },
    };
  } finally {
    await model.close();
  }
}
