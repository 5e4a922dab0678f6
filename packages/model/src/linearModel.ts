import onnxProto from 'onnx-proto';
import { ModelLoadError } from './errors';

const { onnx } = onnxProto;

/**
 * Tensor names of the content graph. The trainer's exporter and the runtime share them so the two
 * cannot drift apart.
 */
export const CONTENT_GRAPH = {
  ids: 'ids',
  values: 'values',
  score: 'score',
  logit: 'logit',
  weights: 'W',
  bias: 'bias',
  plattA: 'platt_a',
  plattB: 'platt_b',
} as const;

/** A sparse logistic regression with Platt scaling: the linear content model, or the stacked one's linear part. */
export interface LinearModelParams {
  weights: Float32Array;
  bias: number;
  plattA: number;
  plattB: number;
}

export interface LinearOutput {
  /** Calibrated logit: plattA * (bias + sum w[id] * value) + plattB. */
  logit: number;
  score: number;
}

/**
 * Pure TypeScript reference of the ONNX graph, in float32 like the graph (Math.fround after each
 * step) so the parity test can demand 1e-5 agreement.
 */
export function linearReference(
  params: LinearModelParams,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
): LinearOutput {
  const raw = rawLinearLogit(params, ids, values, count);
  const logit = Math.fround(Math.fround(raw * params.plattA) + params.plattB);
  return { logit, score: Math.fround(1 / (1 + Math.exp(-logit))) };
}

/** bias + sum w[id] * value in float32, before calibration (what the stacked model's trees read). */
export function rawLinearLogit(
  params: LinearModelParams,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
): number {
  let sum = 0;
  for (let j = 0; j < count; j++) sum = Math.fround(sum + Math.fround(params.weights[ids[j]] * values[j]));
  return Math.fround(sum + params.bias);
}

function tensorFloats(tensor: InstanceType<typeof onnx.TensorProto>): Float32Array {
  if (tensor.rawData && tensor.rawData.length > 0) {
    // Copy: the protobuf buffer slice may not be 4-byte aligned.
    const bytes = Uint8Array.from(tensor.rawData);
    return new Float32Array(bytes.buffer, 0, bytes.length / 4);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

/** Reads the weights straight from the ONNX initializers, so explanations use exactly what the graph uses. */
export function readLinearParams(onnxBytes: Uint8Array): LinearModelParams {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(onnxBytes);
  } catch (cause) {
    throw new ModelLoadError('ONNX file is not a valid ModelProto', { cause });
  }
  const byName = new Map<string, InstanceType<typeof onnx.TensorProto>>();
  for (const init of model.graph?.initializer ?? []) {
    if (init.name) byName.set(init.name, init as InstanceType<typeof onnx.TensorProto>);
  }
  const get = (name: string): Float32Array => {
    const tensor = byName.get(name);
    if (!tensor) throw new ModelLoadError(`ONNX graph has no initializer "${name}"; not a content model`);
    return tensorFloats(tensor);
  };
  return {
    weights: get(CONTENT_GRAPH.weights),
    bias: get(CONTENT_GRAPH.bias)[0],
    plattA: get(CONTENT_GRAPH.plattA)[0],
    plattB: get(CONTENT_GRAPH.plattB)[0],
  };
}
