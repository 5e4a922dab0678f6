import { basename, dirname } from 'node:path';
import type { Channel } from '@gavel/features';
import { ContentModel, type ThresholdPair } from '@gavel/model';
import { type EvaluationSummary, evaluateScores } from './evaluation';
import { type LabelledMessage, readLabelledFile } from './labelledFile';
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
  /** Per `source` column value, when the file has one (CSV). */
  bySource: { source: string; summary: EvaluationSummary }[];
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
    bySource?: Record<
      string,
      {
        n: number;
        positives: number;
        auc: number;
        recallAtReview: number;
        recallAtBlock: number;
        fprAtReview: number;
        fprAtBlock: number;
      }
    >;
    detail: EvaluationSummary;
  };
}

const CHANNELS = new Set(['sms', 'mms', 'whatsapp', 'email']);
const channelOf = (m: LabelledMessage): Channel | undefined =>
  m.channel !== undefined && CHANNELS.has(m.channel) ? (m.channel as Channel) : undefined;

/** Scores every labelled row through the real ONNX model (via @gavel/model) and summarises. */
export async function evaluateLabelledFile(opts: EvaluateFileOptions): Promise<EvaluateFileResult> {
  const parsed = readLabelledFile(opts.dataFile, '');
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
      const slice = parsed.messages.slice(start, start + chunk);
      const results = await model.scoreMany(slice.map((m) => ({ input: m.text, channel: channelOf(m) })));
      results.forEach((r, i) => {
        scores[start + i] = r.score;
      });
      opts.progress?.tick('scored', Math.min(parsed.messages.length, start + chunk), parsed.messages.length);
    }
    const labels = Uint8Array.from(parsed.messages, (m) => (m.abusive ? 1 : 0));
    const thresholds = model.card.thresholds;
    const summary = evaluateScores(scores, labels, thresholds);
    const sources = [...new Set(parsed.messages.map((m) => m.source))].filter((s) => s !== '').sort();
    const bySource = sources.map((source) => {
      const idx = parsed.messages.flatMap((m, i) => (m.source === source ? [i] : []));
      return {
        source,
        summary: evaluateScores(
          idx.map((i) => scores[i]),
          idx.map((i) => labels[i]),
          thresholds,
          { resamples: 100 },
        ),
      };
    });
    return {
      summary,
      thresholds,
      bySource,
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
        ...(bySource.length > 0
          ? {
              bySource: Object.fromEntries(
                bySource.map(({ source, summary: s }) => [
                  source,
                  {
                    n: s.n,
                    positives: s.positives,
                    auc: s.auc,
                    recallAtReview: s.recallAtReview,
                    recallAtBlock: s.recallAtBlock,
                    fprAtReview: s.fprAtReview,
                    fprAtBlock: s.fprAtBlock,
                  },
                ]),
              ),
            }
          : {}),
        detail: summary,
      },
    };
  } finally {
    await model.close();
  }
}
