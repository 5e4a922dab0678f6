import { type Random, seededRandom } from './seededRandom';

export interface Interval {
  low: number;
  high: number;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface RatesAtThreshold {
  threshold: number;
  confusion: Confusion;
  precision: number;
  recall: number;
  fpr: number;
  f1: number;
}

/** ROC AUC as the Mann-Whitney U statistic; tied scores count half. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function confusionAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i] >= threshold;
    if (labels[i] === 1) flagged ? c.tp++ : c.fn++;
    else flagged ? c.fp++ : c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function ratesAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): RatesAtThreshold {
  const confusion = confusionAt(scores, labels, threshold);
  const precision = ratio(confusion.tp, confusion.tp + confusion.fp);
  const recall = ratio(confusion.tp, confusion.tp + confusion.fn);
  return {
    threshold,
    confusion,
    precision,
    recall,
    fpr: ratio(confusion.fp, confusion.fp + confusion.tn),
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

/** Wilson score interval for a binomial proportion k/n (95% by default). */
export function wilson(k: number, n: number, z = 1.959964): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  // k = 0 and k = n give an exact 0 / 1 bound; the formula leaves float dust there.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/**
 * Stratified percentile bootstrap: resamples positives and negatives separately (so every resample
 * has both classes) and returns the 2.5% and 97.5% quantiles of the statistic.
 */
export function bootstrapInterval(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  statistic: (scores: Float64Array, labels: Uint8Array) => number,
  options: { resamples?: number; seed?: number } = {},
): Interval {
  const resamples = options.resamples ?? 500;
  const random: Random = seededRandom(options.seed ?? 1);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos : neg).push(i);
  const n = labels.length;
  const s = new Float64Array(n);
  const l = new Uint8Array(n);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let k = 0;
    for (const group of [pos, neg]) {
      for (let i = 0; i < group.length; i++) {
        const pick = group[Math.floor(random() * group.length)];
        s[k] = scores[pick];
        l[k] = labels[pick];
        k++;
      }
    }
    const value = statistic(s, l);
    if (Number.isFinite(value)) stats.push(value);
  }
  stats.sort((a, b) => a - b);
  if (stats.length === 0) return { low: Number.NaN, high: Number.NaN };
  return { low: quantileSorted(stats, 0.025), high: quantileSorted(stats, 0.975) };
}

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface CurvePoint {
  x: number;
  y: number;
}

/** ROC (x = FPR, y = TPR) and precision-recall (x = recall, y = precision) curves, one point per distinct score. */
export function curves(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { roc: CurvePoint[]; pr: CurvePoint[] } {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const negatives = labels.length - positives;
  const roc: CurvePoint[] = [{ x: 0, y: 0 }];
  const pr: CurvePoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (labels[order[i]] === 1) tp++;
    else fp++;
    if (i + 1 < order.length && scores[order[i + 1]] === scores[order[i]]) continue;
    roc.push({ x: ratio(fp, negatives), y: ratio(tp, positives) });
    pr.push({ x: ratio(tp, positives), y: ratio(tp, tp + fp) });
  }
  return { roc, pr };
}

/** Mean of the partial ROC curve up to maxFpr, normalised to [0, 1] (1 = perfect in the low-FPR region). */
export function partialAuc(scores: ArrayLike<number>, labels: ArrayLike<number>, maxFpr: number): number {
  const { roc } = curves(scores, labels);
  let area = 0;
  for (let i = 1; i < roc.length; i++) {
    const x0 = roc[i - 1].x;
    const x1 = Math.min(roc[i].x, maxFpr);
    if (x1 <= x0) {
      if (roc[i - 1].x >= maxFpr) break;
      continue;
    }
    // Step up at constant x first (ties), then a linear segment.
    const y1 =
      roc[i].x === roc[i - 1].x
        ? roc[i].y
        : roc[i - 1].y + ((roc[i].y - roc[i - 1].y) * (x1 - x0)) / (roc[i].x - x0);
    area += ((roc[i - 1].y + y1) / 2) * (x1 - x0);
    if (roc[i].x >= maxFpr) break;
  }
  return area / maxFpr;
}

/** Summary of a distribution for the card. */
export function distribution(values: ArrayLike<number>): {
  n: number;
  p50: number;
  p90: number;
  max: number;
  mean: number;
} {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}
