import { type Random, seededRandom, shuffledIndices } from './seededRandom';
import type { SparseDataset } from './sparseDataset';

export type Algorithm = 'adagrad' | 'ftrl';

export interface TrainConfig {
  algorithm: Algorithm;
  epochs: number;
  /** AdaGrad step size, or FTRL alpha. */
  learningRate: number;
  /** L2 strength (AdaGrad: added to each active coordinate's gradient; FTRL: lambda2). */
  l2: number;
  /** FTRL lambda1 (sparsity); ignored by AdaGrad. */
  l1: number;
  /** FTRL beta. */
  beta: number;
  /** Loss weight of an abusive example relative to a benign one. */
  positiveWeight: number;
  /** Loss weight of email rows (SpamAssassin) relative to SMS rows; applied by the caller via rowWeights. */
  emailWeight: number;
  /** Keep the weights of dense features that carry a reason code >= 0; applied by the caller via nonNegative. */
  monotoneReasons: boolean;
  seed: number;
}

export interface TrainOptions {
  /** Per dataset row: scales that row's update (1 = full). */
  rowWeights?: Float32Array;
  /** Per feature id: 1 = the weight is kept >= 0 (projected after each update). */
  nonNegative?: Uint8Array;
  onEpoch?: (epoch: number) => void;
}

export interface LinearWeights {
  /** One weight per feature id; float32 like the ONNX initializer. */
  weights: Float32Array;
  bias: number;
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Logistic regression by per-coordinate adaptive SGD over sparse rows. Deterministic: the only
 * randomness is the seeded shuffle of `indices` each epoch, and all arithmetic is in float64.
 */
export function trainLogisticRegression(
  data: SparseDataset,
  indices: Int32Array,
  numFeatureIds: number,
  config: TrainConfig,
  options: TrainOptions = {},
): LinearWeights {
  const random = seededRandom(config.seed);
  const rowWeights = options.rowWeights ?? new Float32Array(data.n).fill(1);
  const nonNegative = options.nonNegative ?? new Uint8Array(numFeatureIds);
  return config.algorithm === 'ftrl'
    ? trainFtrl(data, indices, numFeatureIds, config, random, rowWeights, nonNegative, options.onEpoch)
    : trainAdagrad(data, indices, numFeatureIds, config, random, rowWeights, nonNegative, options.onEpoch);
}

function epochOrder(indices: Int32Array, random: Random): Int32Array {
  const perm = shuffledIndices(indices.length, random);
  const order = new Int32Array(indices.length);
  for (let i = 0; i < perm.length; i++) order[i] = indices[perm[i]];
  return order;
}

function trainAdagrad(
  data: SparseDataset,
  indices: Int32Array,
  numFeatureIds: number,
  config: TrainConfig,
  random: Random,
  rowWeights: Float32Array,
  nonNegative: Uint8Array,
  onEpoch?: (epoch: number) => void,
): LinearWeights {
  const w = new Float64Array(numFeatureIds);
  const g2 = new Float64Array(numFeatureIds);
  let bias = 0;
  let biasG2 = 0;
  const eps = 1e-8;
  const { ids, values, offsets, labels } = data;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const order = epochOrder(indices, random);
    for (let t = 0; t < order.length; t++) {
      const row = order[t];
      const start = offsets[row];
      const end = offsets[row + 1];
      let z = bias;
      for (let j = start; j < end; j++) z += w[ids[j]] * values[j];
      const y = labels[row];
      const g = (sigmoid(z) - y) * (y === 1 ? config.positiveWeight : 1);
      // The row weight scales the step, not the accumulator: AdaGrad normalises gradient scale per
      // coordinate, so a weighted gradient alone would leave down-weighted rows at full strength.
      const step = config.learningRate * rowWeights[row];
      for (let j = start; j < end; j++) {
        const id = ids[j];
        const gi = g * values[j] + config.l2 * w[id];
        g2[id] += gi * gi;
        w[id] -= (step * gi) / (Math.sqrt(g2[id]) + eps);
        if (nonNegative[id] === 1 && w[id] < 0) w[id] = 0;
      }
      biasG2 += g * g;
      bias -= (step * g) / (Math.sqrt(biasG2) + eps);
    }
    onEpoch?.(epoch + 1);
  }
  return { weights: Float32Array.from(w), bias: Math.fround(bias) };
}

function ftrlWeight(z: number, n: number, config: TrainConfig, nonNegative = false): number {
  if (Math.abs(z) <= config.l1) return 0;
  const sign = z < 0 ? -1 : 1;
  const w = -(z - sign * config.l1) / ((config.beta + Math.sqrt(n)) / config.learningRate + config.l2);
  return nonNegative && w < 0 ? 0 : w;
}

/** FTRL-Proximal (McMahan et al. 2013); the bias is an unregularised coordinate. */
function trainFtrl(
  data: SparseDataset,
  indices: Int32Array,
  numFeatureIds: number,
  config: TrainConfig,
  random: Random,
  rowWeights: Float32Array,
  nonNegative: Uint8Array,
  onEpoch?: (epoch: number) => void,
): LinearWeights {
  const zs = new Float64Array(numFeatureIds);
  const ns = new Float64Array(numFeatureIds);
  let biasZ = 0;
  let biasN = 0;
  const biasOf = () => -biasZ / ((config.beta + Math.sqrt(biasN)) / config.learningRate);
  const { ids, values, offsets, labels } = data;
  const activeWeights = new Float64Array(4096);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const order = epochOrder(indices, random);
    for (let t = 0; t < order.length; t++) {
      const row = order[t];
      const start = offsets[row];
      const end = offsets[row + 1];
      const bias = biasOf();
      let z = bias;
      for (let j = start; j < end; j++) {
        const wi = ftrlWeight(zs[ids[j]], ns[ids[j]], config, nonNegative[ids[j]] === 1);
        activeWeights[(j - start) & 4095] = wi;
        z += wi * values[j];
      }
      const y = labels[row];
      const g = (sigmoid(z) - y) * (y === 1 ? config.positiveWeight : 1);
      const rw = rowWeights[row]; // as in AdaGrad: scales the update, not the accumulated n
      for (let j = start; j < end; j++) {
        const id = ids[j];
        const gi = g * values[j];
        const sigma = (Math.sqrt(ns[id] + gi * gi) - Math.sqrt(ns[id])) / config.learningRate;
        zs[id] += rw * (gi - sigma * activeWeights[(j - start) & 4095]);
        ns[id] += gi * gi;
      }
      const sigmaB = (Math.sqrt(biasN + g * g) - Math.sqrt(biasN)) / config.learningRate;
      biasZ += rw * (g - sigmaB * bias);
      biasN += g * g;
    }
    onEpoch?.(epoch + 1);
  }
  const weights = new Float32Array(numFeatureIds);
  for (let i = 0; i < numFeatureIds; i++) weights[i] = ftrlWeight(zs[i], ns[i], config, nonNegative[i] === 1);
  return { weights, bias: Math.fround(biasOf()) };
}

/** Raw (uncalibrated) logits of the given rows, in float64. */
export function rawLogits(model: LinearWeights, data: SparseDataset, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let t = 0; t < indices.length; t++) {
    const row = indices[t];
    let z = model.bias;
    for (let j = data.offsets[row]; j < data.offsets[row + 1]; j++)
      z += model.weights[data.ids[j]] * data.values[j];
    out[t] = z;
  }
  return out;
}
