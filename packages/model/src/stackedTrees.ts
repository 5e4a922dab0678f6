/**
 * The stacked content model (content-2026.12.3 on): the linear model's raw logit, concatenated with the
 * dense and link features and the channel family, goes through a gradient-boosted tree ensemble
 * (ai.onnx.ml TreeEnsembleRegressor, SUM of leaf values + base = margin) whose margin is
 * Platt-calibrated. One ONNX graph; this file holds its tensor names, the tree types the trainer fits,
 * the dense input the server builds from a feature row, a reader that decodes the trees from the ONNX
 * file and the TypeScript reference the parity test compares ONNX Runtime with.
 */
import { DENSE_FEATURES, HASH_SPACE } from '@gavel/features';
import onnxProto from 'onnx-proto';
import { ModelLoadError } from './errors';
import { type LinearModelParams, rawLinearLogit, readLinearParams } from './linearModel';

const { onnx } = onnxProto;

/** Tensor names the stacked graph adds to CONTENT_GRAPH's. */
export const STACKED_GRAPH = {
  /** float [N, STACK_DENSE_WIDTH]: the dense features, then 1 for email and 0 otherwise. */
  dense: 'dense',
  trees: 'trees',
  stackA: 'stack_a',
  stackB: 'stack_b',
  /** Third output: the linear part's own calibrated logit (the scale of its reason contributions). */
  linearLogit: 'linear_logit',
} as const;

/** Columns of the `dense` input: every dense feature, then the channel family. */
export const STACK_DENSE_WIDTH = DENSE_FEATURES.length + 1;
/** Columns the trees read: the dense input, then the linear model's raw logit. */
export const STACK_FEATURE_COUNT = STACK_DENSE_WIDTH + 1;
export const STACK_FEATURES: readonly string[] = [
  ...DENSE_FEATURES.map((f) => f.name),
  'channel_email',
  'linear_logit',
];

/** One tree as flat arrays; node 0 is the root. A leaf has feature -1. */
export interface Tree {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf output (already scaled by the learning rate); 0 for inner nodes. */
  value: Float32Array;
}

export interface TreeEnsemble {
  featureCount: number;
  /** Initial margin (log-odds of the weighted base rate). */
  base: number;
  trees: Tree[];
}

/** Sum of the leaf values reached by x[offset ..] (split test x <= threshold, ONNX BRANCH_LEQ), + base. */
export function predictMargin(model: TreeEnsemble, x: ArrayLike<number>, offset: number): number {
  let margin = model.base;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      node = x[offset + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
    }
    margin += tree.value[node];
  }
  return margin;
}

/**
 * Writes the dense input of one feature row at out[offset ..] (STACK_DENSE_WIDTH floats): dense
 * feature i from id HASH_SPACE + i (0 when absent), then the channel family.
 */
export function fillDenseInput(
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
  email: boolean,
  out: Float32Array,
  offset: number,
): void {
  out.fill(0, offset, offset + STACK_DENSE_WIDTH);
  for (let j = 0; j < count; j++) {
    const d = ids[j] - HASH_SPACE;
    if (d >= 0 && d < DENSE_FEATURES.length) out[offset + d] = values[j];
  }
  out[offset + DENSE_FEATURES.length] = email ? 1 : 0;
}

export interface StackedModelParams {
  /** The linear part; its platt_a/platt_b calibrate the linear logit the reasons are read from. */
  linear: LinearModelParams;
  trees: TreeEnsemble;
  /** Platt scaling of the tree margin: calibrated logit = stackA * margin + stackB. */
  stackA: number;
  stackB: number;
}

/** Float32 reference of the stacked graph for one feature row (dense input built here). */
export function stackedReference(
  params: StackedModelParams,
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
  email: boolean,
): { logit: number; score: number; margin: number } {
  const x = new Float32Array(STACK_FEATURE_COUNT);
  fillDenseInput(ids, values, count, email, x, 0);
  x[STACK_DENSE_WIDTH] = rawLinearLogit(params.linear, ids, values, count);
  const margin = Math.fround(predictMargin(params.trees, x, 0));
  const logit = Math.fround(Math.fround(margin * params.stackA) + params.stackB);
  return { logit, score: Math.fround(1 / (1 + Math.exp(-logit))), margin };
}

/** Whether an ONNX content graph is the stacked kind (it has a TreeEnsembleRegressor node). */
export function isStackedGraph(onnxBytes: Uint8Array): boolean {
  const model = onnx.ModelProto.decode(onnxBytes);
  return (model.graph?.node ?? []).some((n) => n.opType === 'TreeEnsembleRegressor');
}

/** Decodes the linear part, the trees and the stack calibration from a stacked ONNX file. */
export function readStackedParams(onnxBytes: Uint8Array): StackedModelParams {
  const linear = readLinearParams(onnxBytes);
  const model = onnx.ModelProto.decode(onnxBytes);
  const graph = model.graph;
  const node = graph?.node?.find((n) => n.opType === 'TreeEnsembleRegressor');
  if (!graph || !node)
    throw new ModelLoadError('ONNX graph has no TreeEnsembleRegressor; not a stacked model');
  const attr = new Map((node.attribute ?? []).map((a) => [a.name ?? '', a]));
  const ints = (name: string) => (attr.get(name)?.ints ?? []).map(Number);
  const floats = (name: string) => attr.get(name)?.floats ?? [];
  const treeIds = ints('nodes_treeids');
  const nodeIds = ints('nodes_nodeids');
  const featureIds = ints('nodes_featureids');
  const values = floats('nodes_values');
  const modes = (attr.get('nodes_modes')?.strings ?? []).map((s) => new TextDecoder().decode(s));
  const yes = ints('nodes_truenodeids');
  const no = ints('nodes_falsenodeids');
  const treeCount = treeIds.length === 0 ? 0 : Math.max(...treeIds) + 1;
  const sizes = new Array<number>(treeCount).fill(0);
  for (let k = 0; k < treeIds.length; k++) sizes[treeIds[k]] = Math.max(sizes[treeIds[k]], nodeIds[k] + 1);
  const trees: Tree[] = sizes.map((size) => ({
    feature: new Int32Array(size).fill(-1),
    threshold: new Float32Array(size),
    left: new Int32Array(size),
    right: new Int32Array(size),
    value: new Float32Array(size),
  }));
  for (let k = 0; k < treeIds.length; k++) {
    const t = trees[treeIds[k]];
    if (modes[k] === 'LEAF') continue;
    if (modes[k] !== 'BRANCH_LEQ') throw new ModelLoadError(`tree node mode ${modes[k]} is not supported`);
    t.feature[nodeIds[k]] = featureIds[k];
    t.threshold[nodeIds[k]] = values[k];
    t.left[nodeIds[k]] = yes[k];
    t.right[nodeIds[k]] = no[k];
  }
  const targetTrees = ints('target_treeids');
  const targetNodes = ints('target_nodeids');
  const weights = floats('target_weights');
  for (let k = 0; k < targetTrees.length; k++) trees[targetTrees[k]].value[targetNodes[k]] += weights[k];
  const scalar = (name: string) => {
    const init = graph.initializer?.find((i) => i.name === name);
    if (!init) throw new ModelLoadError(`ONNX graph has no initializer "${name}"; not a stacked model`);
    const raw = Uint8Array.from(init.rawData ?? []);
    return raw.length >= 4 ? new Float32Array(raw.buffer, 0, 1)[0] : (init.floatData?.[0] ?? Number.NaN);
  };
  return {
    linear,
    trees: { featureCount: STACK_FEATURE_COUNT, base: floats('base_values')[0] ?? 0, trees },
    stackA: scalar(STACKED_GRAPH.stackA),
    stackB: scalar(STACKED_GRAPH.stackB),
  };
}
