/**
 * Gradient-boosted regression trees for a binary logistic loss, over a small dense matrix (the dense
 * and link features plus the linear model's logit). Written here rather than taken from a library:
 * there is no maintained pure-JS GBDT that is deterministic to the bit and exports ONNX, and the
 * learner is ~150 lines. Histogram splits on at most 64 quantile bins per feature, depth-wise growth,
 * L2 on leaf values, shrinkage. The split test is `x <= threshold` (ONNX BRANCH_LEQ), thresholds
 * float32 so the ONNX graph takes exactly the same branches. The tree types and predictMargin (the
 * reference the server's parity test uses) live in @gavel/model.
 */
import { predictMargin, type Tree, type TreeEnsemble } from '@gavel/model';

export { predictMargin, type Tree, type TreeEnsemble };

export interface GbdtConfig {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 on leaf values (XGBoost lambda). */
  lambda: number;
  /** A split is made only if both children hold at least this much hessian. */
  minChildHessian: number;
  bins: number;
}

/** Row-major dense matrix: row r, feature f at r * featureCount + f. */
export interface DenseMatrix {
  n: number;
  featureCount: number;
  x: Float32Array;
}

function quantileThresholds(values: Float32Array, bins: number): Float32Array {
  const sorted = Float32Array.from(values).sort();
  const out: number[] = [];
  for (let b = 1; b < bins; b++) {
    const t = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))];
    if (out.length === 0 || t > out[out.length - 1]) out.push(t);
  }
  // The last distinct value is no split; drop it so every threshold separates something.
  if (out.length > 0 && out[out.length - 1] >= sorted[sorted.length - 1]) out.pop();
  return Float32Array.from(out);
}

/** Bin of x under thresholds t: the first b with x <= t[b], or t.length. */
function binOf(x: number, t: Float32Array): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= t[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Trains on the given rows of `m`; labels 0/1 and row weights indexed by matrix row. */
export function trainGbdt(
  m: DenseMatrix,
  rows: Int32Array,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  config: GbdtConfig,
): TreeEnsemble {
  const F = m.featureCount;
  const n = rows.length;
  // Quantile thresholds and bin index of every training row, per feature.
  const thresholds: Float32Array[] = [];
  const binned = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const column = new Float32Array(n);
    for (let i = 0; i < n; i++) column[i] = m.x[rows[i] * F + f];
    const t = quantileThresholds(column, Math.min(config.bins, 64));
    thresholds.push(t);
    for (let i = 0; i < n; i++) binned[i * F + f] = binOf(column[i], t);
  }
  let wPos = 0;
  let wAll = 0;
  for (let i = 0; i < n; i++) {
    wAll += weights[rows[i]];
    if (labels[rows[i]]) wPos += weights[rows[i]];
  }
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, wPos / wAll));
  const base = Math.log(p0 / (1 - p0));
  const margin = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const maxNodes = (1 << (config.depth + 1)) - 1;
  const histG = new Float64Array(F * 65);
  const histH = new Float64Array(F * 65);
  const nodeOf = new Int32Array(n);

  for (let t = 0; t < config.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]));
      const w = weights[rows[i]];
      grad[i] = w * (p - labels[rows[i]]);
      hess[i] = w * Math.max(p * (1 - p), 1e-12);
    }
    const tree: Tree = {
      feature: new Int32Array(maxNodes).fill(-1),
      threshold: new Float32Array(maxNodes),
      left: new Int32Array(maxNodes),
      right: new Int32Array(maxNodes),
      value: new Float32Array(maxNodes),
    };
    let nodeCount = 1;
    nodeOf.fill(0);
    let level = [0];
    for (let d = 0; d <= config.depth && level.length > 0; d++) {
      const next: number[] = [];
      for (const node of level) {
        histG.fill(0);
        histH.fill(0);
        let G = 0;
        let H = 0;
        for (let i = 0; i < n; i++) {
          if (nodeOf[i] !== node) continue;
          G += grad[i];
          H += hess[i];
          const base_ = i * F;
          for (let f = 0; f < F; f++) {
            const k = f * 65 + binned[base_ + f];
            histG[k] += grad[i];
            histH[k] += hess[i];
          }
        }
        let bestGain = 1e-9;
        let bestF = -1;
        let bestBin = 0;
        if (d < config.depth) {
          const parent = (G * G) / (H + config.lambda);
          for (let f = 0; f < F; f++) {
            let gl = 0;
            let hl = 0;
            for (let b = 0; b < thresholds[f].length; b++) {
              gl += histG[f * 65 + b];
              hl += histH[f * 65 + b];
              const gr = G - gl;
              const hr = H - hl;
              if (hl < config.minChildHessian || hr < config.minChildHessian) continue;
              const gain = (gl * gl) / (hl + config.lambda) + (gr * gr) / (hr + config.lambda) - parent;
              if (gain > bestGain) {
                bestGain = gain;
                bestF = f;
                bestBin = b;
              }
            }
          }
        }
        if (bestF < 0) {
          tree.value[node] = (-G / (H + config.lambda)) * config.learningRate;
          continue;
        }
        const l = nodeCount++;
        const r = nodeCount++;
        tree.feature[node] = bestF;
        tree.threshold[node] = thresholds[bestF][bestBin];
        tree.left[node] = l;
        tree.right[node] = r;
        for (let i = 0; i < n; i++) {
          if (nodeOf[i] === node) nodeOf[i] = binned[i * F + bestF] <= bestBin ? l : r;
        }
        next.push(l, r);
      }
      level = next;
    }
    const trimmed: Tree = {
      feature: tree.feature.slice(0, nodeCount),
      threshold: tree.threshold.slice(0, nodeCount),
      left: tree.left.slice(0, nodeCount),
      right: tree.right.slice(0, nodeCount),
      value: tree.value.slice(0, nodeCount),
    };
    trees.push(trimmed);
    for (let i = 0; i < n; i++) margin[i] += trimmed.value[nodeOf[i]];
  }
  return { featureCount: F, base, trees };
}
