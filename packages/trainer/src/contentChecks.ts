/**
 * Checks on a trained content model: the ONNX graph against the TypeScript reference on every row,
 * the score change of abusive messages under each evasion transform, and the small hand-written
 * fixture files (A2P ham, recent-style smishing).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Channel, redactExcerpt } from '@gavel/features';
import {
  fillDenseInput,
  type LinearModelParams,
  linearReference,
  STACK_DENSE_WIDTH,
  STACKED_GRAPH,
  type StackedModelParams,
  stackedReference,
  type ThresholdPair,
} from '@gavel/model';
import * as ort from 'onnxruntime-node';
import type { Example } from './contentExamples';
import { evaluateScores } from './evaluation';
import { EVASION_NAMES, EVASIONS } from './evasion';
import { readLabelledFile } from './labelledFile';
import { type RowInfo, SMS_TIME_SPLIT_TEST, SMS_TIME_SPLIT_TRAIN } from './leaveOneSourceOut';
import { distribution } from './metrics';
import type { Progress } from './progress';
import type { SparseDataset } from './sparseDataset';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
export const round = (x: number, digits = 6) => Number(x.toFixed(digits));

/** Scores a text with the trained model (TypeScript reference of the ONNX graph). */
export type ScoreText = (text: string, channel: Channel) => number;

const isEmail = (info: readonly RowInfo[], r: number) =>
  info[r].group === SMS_TIME_SPLIT_TRAIN || info[r].group === SMS_TIME_SPLIT_TEST;

/** Scores rows with the real ONNX graph in batches of 256, the way the server does. */
async function scoreWithOnnx(
  onnxBytes: Uint8Array,
  data: SparseDataset,
  info: readonly RowInfo[],
  rows: Int32Array,
  stacked: boolean,
): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(onnxBytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const out = new Float64Array(rows.length);
  try {
    for (let start = 0; start < rows.length; start += 256) {
      const batch = rows.subarray(start, Math.min(rows.length, start + 256));
      let k = 1;
      for (const r of batch) k = Math.max(k, data.offsets[r + 1] - data.offsets[r]);
      const ids = new Int32Array(batch.length * k);
      const values = new Float32Array(batch.length * k);
      const dense = new Float32Array(batch.length * STACK_DENSE_WIDTH);
      batch.forEach((r, i) => {
        const from = data.offsets[r];
        const to = data.offsets[r + 1];
        ids.set(data.ids.subarray(from, to), i * k);
        values.set(data.values.subarray(from, to), i * k);
        if (stacked) {
          const email = isEmail(info, r);
          fillDenseInput(
            data.ids.subarray(from),
            data.values.subarray(from),
            to - from,
            email,
            dense,
            i * STACK_DENSE_WIDTH,
          );
        }
      });
      const feeds: Record<string, ort.Tensor> = {
        ids: new ort.Tensor('int32', ids, [batch.length, k]),
        values: new ort.Tensor('float32', values, [batch.length, k]),
      };
      if (stacked)
        feeds[STACKED_GRAPH.dense] = new ort.Tensor('float32', dense, [batch.length, STACK_DENSE_WIDTH]);
      const result = await session.run(feeds);
      const scores = result.score.data as Float32Array;
      for (let i = 0; i < batch.length; i++) out[start + i] = scores[i];
    }
  } finally {
    await session.release();
  }
  return out;
}

export function worstExamples(examples: Example[], scores: ArrayLike<number>, abusive: boolean, limit = 8) {
  return examples
    .map((e, i) => ({ e, score: scores[i] }))
    .filter(({ e }) => e.labelClass !== 'promotion' && e.abusive === abusive)
    .sort((x, y) => (abusive ? x.score - y.score : y.score - x.score))
    .slice(0, limit)
    .map(({ e, score }) => ({
      score: round(score, 4),
      source: e.source,
      excerpt: redactExcerpt(e.text, 160),
    }));
}

/**
 * Largest |ONNX score - TypeScript reference score| over every row of the dataset, and how many rows
 * differ by more than 1e-5 (for the stacked graph, a float32 sum that lands on the other side of a
 * tree threshold would show here).
 */
export async function onnxParity(
  onnxBytes: Uint8Array,
  params: LinearModelParams | StackedModelParams,
  data: SparseDataset,
  info: readonly RowInfo[],
): Promise<{ maxDiff: number; over1e5: number }> {
  const stacked = 'trees' in params;
  const allRows = Int32Array.from({ length: data.n }, (_, i) => i);
  const onnxScores = await scoreWithOnnx(onnxBytes, data, info, allRows, stacked);
  let maxDiff = 0;
  let over1e5 = 0;
  allRows.forEach((r, i) => {
    const from = data.offsets[r];
    const ids = data.ids.subarray(from);
    const values = data.values.subarray(from);
    const count = data.offsets[r + 1] - from;
    const ref = stacked
      ? stackedReference(params, ids, values, count, isEmail(info, r))
      : linearReference(params, ids, values, count);
    const diff = Math.abs(ref.score - onnxScores[i]);
    maxDiff = Math.max(maxDiff, diff);
    if (diff > 1e-5) over1e5++;
  });
  return { maxDiff, over1e5 };
}

export type EvasionFigures = ReturnType<typeof distribution> & { changed: number; meanSigned: number };

/** Every abusive SMS and newer-group spam email altered by each transform, scored before and after. */
export function evasionCheck(examples: readonly Example[], scoreText: ScoreText, progress: Progress) {
  const evasionExamples = examples.filter(
    (e) => e.labelClass === 'abusive' && e.group !== 'phishtank-urls' && e.group !== SMS_TIME_SPLIT_TRAIN,
  );
  const evasion: Record<string, EvasionFigures> = {};
  const allChanges: number[] = [];
  for (const name of EVASION_NAMES) {
    const changes: number[] = [];
    let changed = 0;
    let signed = 0;
    for (const e of evasionExamples) {
      const perturbed = EVASIONS[name](e.text);
      if (perturbed === e.text) continue;
      changed++;
      const before = scoreText(e.text, e.channel);
      const after = scoreText(perturbed, e.channel);
      changes.push(Math.abs(after - before));
      signed += after - before;
    }
    allChanges.push(...changes);
    const d = distribution(changes);
    evasion[name] = {
      n: evasionExamples.length,
      p50: round(d.p50),
      p90: round(d.p90),
      max: round(d.max),
      mean: round(d.mean),
      changed,
      meanSigned: round(signed / Math.max(1, changes.length)),
    };
    progress.step(
      `${name}: |change| p50 ${evasion[name].p50} p90 ${evasion[name].p90} (${changed} texts altered)`,
    );
  }
  return { evasion, overall: distribution(allChanges) };
}

/** A small hand-written labelled file scored as SMS at the model's thresholds. */
export function fixtureCheck(
  repoRoot: string,
  file: string,
  note: string,
  scoreText: ScoreText,
  thresholds: ThresholdPair,
  seed: number,
) {
  const parsed = readLabelledFile(join(repoRoot, file), 'fixture');
  const scores = parsed.messages.map((m) => scoreText(m.text, 'sms'));
  const labels = parsed.messages.map((m) => (m.abusive ? 1 : 0));
  const s = evaluateScores(scores, labels, thresholds, { seed });
  return {
    note,
    file,
    sha256: sha256(readFileSync(join(repoRoot, file))),
    n: s.n,
    abusive: s.positives,
    benign: s.negatives,
    auc: s.positives > 0 && s.negatives > 0 ? s.auc : null,
    recallAtReview: s.positives > 0 ? s.recallAtReview : null,
    recallAtBlock: s.positives > 0 ? s.recallAtBlock : null,
    fprAtReview: s.negatives > 0 ? s.fprAtReview : null,
    fprAtBlock: s.negatives > 0 ? s.fprAtBlock : null,
    missedAtReview: parsed.messages
      .filter((m, i) => m.abusive && scores[i] < thresholds.review)
      .map((m) => redactExcerpt(m.text, 120)),
    benignAboveReview: parsed.messages
      .map((m, i) => ({ m, score: scores[i] }))
      .filter(({ m, score }) => !m.abusive && score >= thresholds.review)
      .map(({ m, score }) => ({ score: round(score, 4), excerpt: redactExcerpt(m.text, 120) })),
  };
}

export type FixtureCheck = ReturnType<typeof fixtureCheck>;
