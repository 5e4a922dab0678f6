import type { ThresholdPair } from '@gavel/model';
import { bootstrapInterval, type Interval, type RatesAtThreshold, ratesAt, rocAuc, wilson } from './metrics';

/** Calibrated scores: 0.5 is "abusive more likely than not", the point where F1/precision/recall are read. */
export const DECISION_THRESHOLD = 0.5;

export interface OperatingPoint {
  threshold: number;
  precision: number;
  precisionCi: Interval;
  recall: number;
  recallCi: Interval;
  fpr: number;
  fprCi: Interval;
  f1: number;
  confusion: RatesAtThreshold['confusion'];
}

export interface EvaluationSummary {
  n: number;
  positives: number;
  negatives: number;
  auc: number;
  aucCi: Interval;
  /** At the 0.5 decision threshold. */
  f1: number;
  f1Ci: Interval;
  precision: number;
  recall: number;
  fprAtBlock: number;
  fprAtBlockCi: Interval;
  recallAtBlock: number;
  recallAtBlockCi: Interval;
  precisionAtBlock: number;
  fprAtReview: number;
  recallAtReview: number;
  recallAtReviewCi: Interval;
  precisionAtReview: number;
  atDecision: OperatingPoint;
  atReview: OperatingPoint;
  atBlock: OperatingPoint;
}

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
const roundInterval = (i: Interval): Interval => ({ low: round(i.low), high: round(i.high) });

export function operatingPoint(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): OperatingPoint {
  const r = ratesAt(scores, labels, threshold);
  const { tp, fp, tn, fn } = r.confusion;
  return {
    threshold,
    precision: round(r.precision),
    precisionCi: roundInterval(wilson(tp, tp + fp)),
    recall: round(r.recall),
    recallCi: roundInterval(wilson(tp, tp + fn)),
    fpr: round(r.fpr),
    fprCi: roundInterval(wilson(fp, fp + tn)),
    f1: round(r.f1),
    confusion: r.confusion,
  };
}

/**
 * Everything the card and `pnpm eval` report for one labelled set: AUC and F1 with stratified
 * bootstrap 95% intervals, rates at the review and block thresholds with Wilson 95% intervals.
 */
export function evaluateScores(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  thresholds: ThresholdPair,
  options: { resamples?: number; seed?: number } = {},
): EvaluationSummary {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const atDecision = operatingPoint(scores, labels, DECISION_THRESHOLD);
  const atReview = operatingPoint(scores, labels, thresholds.review);
  const atBlock = operatingPoint(scores, labels, thresholds.block);
  const boot = { resamples: options.resamples ?? 400, seed: options.seed ?? 7 };
  return {
    n: labels.length,
    positives,
    negatives: labels.length - positives,
    auc: round(rocAuc(scores, labels)),
    aucCi: roundInterval(bootstrapInterval(scores, labels, rocAuc, boot)),
    f1: atDecision.f1,
    f1Ci: roundInterval(
      bootstrapInterval(scores, labels, (s, l) => ratesAt(s, l, DECISION_THRESHOLD).f1, boot),
    ),
    precision: atDecision.precision,
    recall: atDecision.recall,
    fprAtBlock: atBlock.fpr,
    fprAtBlockCi: atBlock.fprCi,
    recallAtBlock: atBlock.recall,
    recallAtBlockCi: atBlock.recallCi,
    precisionAtBlock: atBlock.precision,
    fprAtReview: atReview.fpr,
    recallAtReview: atReview.recall,
    recallAtReviewCi: atReview.recallCi,
    precisionAtReview: atReview.precision,
    atDecision,
    atReview,
    atBlock,
  };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const ci = (i: Interval, f: (x: number) => string) => `[${f(i.low)}, ${f(i.high)}]`;

/** A plain-text metrics table for terminals. */
export function formatSummaryTable(title: string, s: EvaluationSummary, thresholds: ThresholdPair): string {
  const rows: [string, string, string][] = [
    ['messages', `${s.n} (${s.positives} abusive, ${s.negatives} benign)`, ''],
    ['ROC AUC', s.auc.toFixed(4), ci(s.aucCi, (x) => x.toFixed(4))],
    ['F1 @ 0.5', s.f1.toFixed(4), ci(s.f1Ci, (x) => x.toFixed(4))],
    ['precision @ 0.5', pct(s.precision), ci(s.atDecision.precisionCi, pct)],
    ['recall @ 0.5', pct(s.recall), ci(s.atDecision.recallCi, pct)],
    [`recall @ review ${thresholds.review}`, pct(s.recallAtReview), ci(s.recallAtReviewCi, pct)],
    [`precision @ review`, pct(s.precisionAtReview), ci(s.atReview.precisionCi, pct)],
    [`FPR @ review`, pct(s.fprAtReview, 3), ci(s.atReview.fprCi, (x) => pct(x, 3))],
    [`recall @ block ${thresholds.block}`, pct(s.recallAtBlock), ci(s.recallAtBlockCi, pct)],
    [`precision @ block`, pct(s.precisionAtBlock), ci(s.atBlock.precisionCi, pct)],
    [`FPR @ block`, pct(s.fprAtBlock, 3), ci(s.fprAtBlockCi, (x) => pct(x, 3))],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([a, b, c]) =>
    `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c ? `95% CI ${c}` : ''}`.trimEnd(),
  );
  return [title, '-'.repeat(title.length), ...lines].join('\n');
}
