/**
 * Leave-one-source-out validation: the selection procedure of the content model. Each SMS source is
 * scored by a model trained on every other source (plus all email and the phishing URLs), and the
 * SpamAssassin newer group by a model trained on everything but it (the time split). A random split
 * of one corpus rewards learning that corpus; a held-out source measures what a platform meets: text
 * from people, places and years the model has never seen.
 */
import type { ThresholdPair } from '@gavel/model';
import {
  type LinearWeights,
  rawLogits,
  type TrainConfig,
  trainLogisticRegression,
} from './logisticRegression';
import { ratesAt, rocAuc } from './metrics';
import type { SparseDataset } from './sparseDataset';

/** What the procedure needs to know about each dataset row. */
export interface RowInfo {
  /** Held-out group: an SMS source name, 'spamassassin-old', 'spamassassin-new' or 'phishtank-urls'. */
  group: string;
  labelClass: 'benign' | 'abusive' | 'promotion';
  a2p: boolean;
}

/** A training candidate: the learner's configuration plus how rows are weighted. */
export interface Candidate {
  name: string;
  config: TrainConfig;
  /** Per group weight (1 when absent); 0 drops the group from training. */
  groupWeights: Record<string, number>;
  /** Weight of a promotion row (a weak positive); 0 drops promotions from training. */
  promotionWeight: number;
  /** 'benign' trains promotions as ham instead of a weak positive. */
  promotionAs: 'weak-positive' | 'benign';
  /** Groups whose promotions train as full-weight abusive rows (how an older label map had them). */
  trainAsAbusive?: readonly string[];
}

export interface HeldOutScores {
  group: string;
  /** Dataset rows of the group, and their raw logits from the model that did not see the group. */
  rows: Int32Array;
  logits: Float64Array;
}

export const SMS_TIME_SPLIT_TRAIN = 'spamassassin-old';
export const SMS_TIME_SPLIT_TEST = 'spamassassin-new';

export function rowWeightsFor(info: readonly RowInfo[], candidate: Candidate): Float32Array {
  return Float32Array.from(info, (r) => {
    const base = candidate.groupWeights[r.group] ?? 1;
    if (r.labelClass !== 'promotion' || candidate.trainAsAbusive?.includes(r.group)) return base;
    return base * candidate.promotionWeight;
  });
}

/** Labels as trained: promotions are positives unless the candidate trains them as ham. */
export function trainingLabels(
  data: SparseDataset,
  info: readonly RowInfo[],
  candidate: Candidate,
): Uint8Array {
  return Uint8Array.from(info, (r, i) => {
    if (r.labelClass !== 'promotion' || candidate.trainAsAbusive?.includes(r.group)) return data.labels[i];
    return candidate.promotionAs === 'benign' ? 0 : 1;
  });
}

export function fitCandidate(
  data: SparseDataset,
  rows: Int32Array,
  numFeatureIds: number,
  candidate: Candidate,
  info: readonly RowInfo[],
  nonNegative: Uint8Array | undefined,
  seedOffset: number,
): LinearWeights {
  const weights = rowWeightsFor(info, candidate);
  const fitRows = Int32Array.from(Array.from(rows).filter((r) => weights[r] > 0));
  const labelled = { ...data, labels: trainingLabels(data, info, candidate) };
  return trainLogisticRegression(
    labelled,
    fitRows,
    numFeatureIds,
    { ...candidate.config, seed: candidate.config.seed + seedOffset },
    { rowWeights: weights, nonNegative },
  );
}

/** Runs the procedure for one candidate: one fit per held-out SMS source, one for the time split. */
export function leaveOneSourceOut(
  data: SparseDataset,
  info: readonly RowInfo[],
  smsSources: readonly string[],
  numFeatureIds: number,
  candidate: Candidate,
  nonNegative: Uint8Array | undefined,
  onFold?: (group: string) => void,
): HeldOutScores[] {
  const out: HeldOutScores[] = [];
  const groups = [...smsSources, SMS_TIME_SPLIT_TEST];
  groups.forEach((held, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < data.n; r++) {
      if (info[r].group === held) test.push(r);
      else train.push(r);
    }
    const model = fitCandidate(data, Int32Array.from(train), numFeatureIds, candidate, info, nonNegative, f);
    const rows = Int32Array.from(test);
    out.push({ group: held, rows, logits: rawLogits(model, data, rows) });
    onFold?.(held);
  });
  return out;
}

/** Recall at the highest threshold whose false-positive rate stays <= maxFpr. */
export function recallAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, maxFpr: number): number {
  const ham: number[] = [];
  const spam: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] ? spam : ham).push(scores[i]);
  if (spam.length === 0 || ham.length === 0) return Number.NaN;
  ham.sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * ham.length);
  const cut = ham[Math.min(allowed, ham.length - 1)];
  let caught = 0;
  for (const s of spam) if (s > cut) caught++;
  return caught / spam.length;
}

export interface SourceRow {
  source: string;
  benign: number;
  abusive: number;
  promotions: number;
  auc: number;
  recallAt01Fpr: number;
  recallAtReview: number;
  fprAtReview: number;
  recallAtBlock: number;
  fprAtBlock: number;
  /** Held-out promotions (not in the AUC): share at or above review and block. */
  promotionsAboveReview: number | null;
  promotionsAboveBlock: number | null;
  /** Held-out application-to-person ham (one-time codes, notices): share at or above review. */
  a2p: number;
  a2pAboveReview: number | null;
}

const r4 = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : x);

/** The per-source table: fraud vs ham only (promotions reported on their own). */
export function sourceTable(
  held: readonly HeldOutScores[],
  info: readonly RowInfo[],
  data: SparseDataset,
  toScore: (logit: number) => number,
  thresholds: ThresholdPair,
): SourceRow[] {
  return held.map((h) => {
    const scores: number[] = [];
    const labels: number[] = [];
    const promo: number[] = [];
    const a2p: number[] = [];
    h.rows.forEach((r, i) => {
      const s = toScore(h.logits[i]);
      if (info[r].labelClass === 'promotion') promo.push(s);
      else {
        scores.push(s);
        labels.push(data.labels[r]);
        if (info[r].a2p) a2p.push(s);
      }
    });
    const atReview = ratesAt(scores, labels, thresholds.review);
    const atBlock = ratesAt(scores, labels, thresholds.block);
    const share = (list: number[], t: number) =>
      list.length === 0 ? null : r4(list.filter((s) => s >= t).length / list.length);
    return {
      source: h.group,
      benign: labels.filter((l) => l === 0).length,
      abusive: labels.filter((l) => l === 1).length,
      promotions: promo.length,
      auc: r4(rocAuc(scores, labels)),
      recallAt01Fpr: r4(recallAtFpr(scores, labels, 0.001)),
      recallAtReview: r4(atReview.recall),
      fprAtReview: r4(atReview.fpr),
      recallAtBlock: r4(atBlock.recall),
      fprAtBlock: r4(atBlock.fpr),
      promotionsAboveReview: share(promo, thresholds.review),
      promotionsAboveBlock: share(promo, thresholds.block),
      a2p: a2p.length,
      a2pAboveReview: share(a2p, thresholds.review),
    };
  });
}

/** Raw-logit figures used to rank candidates (threshold-free, so calibration does not enter). */
export function rankingFigures(
  held: readonly HeldOutScores[],
  info: readonly RowInfo[],
  data: SparseDataset,
) {
  const perSource = held.map((h) => {
    const scores: number[] = [];
    const labels: number[] = [];
    h.rows.forEach((r, i) => {
      if (info[r].labelClass === 'promotion') return;
      scores.push(h.logits[i]);
      labels.push(data.labels[r]);
    });
    return {
      source: h.group,
      auc: r4(rocAuc(scores, labels)),
      recallAt01Fpr: r4(recallAtFpr(scores, labels, 0.001)),
    };
  });
  // A source with no abusive row under the label map (only ham and promotions) has no AUC: its ham
  // and promotion rates are reported in the source table, and it does not enter the means.
  const sms = perSource.filter((p) => p.source !== SMS_TIME_SPLIT_TEST && Number.isFinite(p.auc));
  const email = perSource.find((p) => p.source === SMS_TIME_SPLIT_TEST);
  return {
    perSource,
    worstSmsAuc: r4(Math.min(...sms.map((p) => p.auc))),
    meanSmsAuc: r4(sms.reduce((a, p) => a + p.auc, 0) / sms.length),
    meanSmsRecallAt01Fpr: r4(sms.reduce((a, p) => a + p.recallAt01Fpr, 0) / sms.length),
    emailAuc: email?.auc ?? Number.NaN,
  };
}

export type RankingFigures = ReturnType<typeof rankingFigures>;

/**
 * Selection rule: among candidates keeping the email time split at AUC >= 0.99, the highest mean
 * held-out SMS recall at 0.1% FPR (what blocking catches), then the best worst-source AUC.
 */
export function pickCandidate(figures: readonly RankingFigures[]): number {
  const eligible = figures.map((f, i) => ({ f, i })).filter(({ f }) => f.emailAuc >= 0.99);
  const pool = eligible.length > 0 ? eligible : figures.map((f, i) => ({ f, i }));
  let best = pool[0];
  for (const c of pool.slice(1)) {
    const a = c.f;
    const b = best.f;
    if (
      a.meanSmsRecallAt01Fpr > b.meanSmsRecallAt01Fpr ||
      (a.meanSmsRecallAt01Fpr === b.meanSmsRecallAt01Fpr && a.worstSmsAuc > b.worstSmsAuc)
    ) {
      best = c;
    }
  }
  return best.i;
}
