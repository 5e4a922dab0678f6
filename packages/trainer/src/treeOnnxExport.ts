/**
 * A tree ensemble as an ONNX graph: ai.onnx.ml TreeEnsembleRegressor (SUM of leaf values + base, the
 * raw margin) followed by Sigmoid, built with onnx-proto like the linear export. Regressor rather than
 * TreeEnsembleClassifier: the trees are fitted on the logistic margin, and the regressor returns that
 * margin as it is, so calibration and the score stay one Sigmoid the TypeScript reference can mirror.
 * Split test BRANCH_LEQ (x <= threshold), the one gradientBoosting.ts trains with.
 */
import onnxProto from 'onnx-proto';
import type { TreeEnsemble } from './gradientBoosting';

const { onnx } = onnxProto;
const { AttributeType } = onnx.AttributeProto;

const ints = (name: string, values: number[]) =>
  onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: values });
const floats = (name: string, values: number[]) =>
  onnx.AttributeProto.create({ name, type: AttributeType.FLOATS, floats: values });
const strings = (name: string, values: string[]) =>
  onnx.AttributeProto.create({
    name,
    type: AttributeType.STRINGS,
    strings: values.map((v) => new TextEncoder().encode(v)),
  });
const str = (name: string, value: string) =>
  onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: new TextEncoder().encode(value) });

function tensorInfo(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) =>
            typeof d === 'string'
              ? onnx.TensorShapeProto.Dimension.create({ dimParam: d })
              : onnx.TensorShapeProto.Dimension.create({ dimValue: d }),
          ),
        }),
      }),
    }),
  });
}

/**
 * The trees as one ai.onnx.ml TreeEnsembleRegressor node: `input` float [N, featureCount] -> `output`
 * float [N, 1], the margin (SUM of leaf values + base, no post-transform).
 */
export function treeEnsembleNode(model: TreeEnsemble, input: string, output: string, name = 'trees') {
  const n = {
    tree: [] as number[],
    node: [] as number[],
    feature: [] as number[],
    value: [] as number[],
    mode: [] as string[],
    yes: [] as number[],
    no: [] as number[],
  };
  const t = { tree: [] as number[], node: [] as number[], id: [] as number[], weight: [] as number[] };
  model.trees.forEach((tree, ti) => {
    for (let k = 0; k < tree.feature.length; k++) {
      const leaf = tree.feature[k] < 0;
      n.tree.push(ti);
      n.node.push(k);
      n.feature.push(leaf ? 0 : tree.feature[k]);
      n.value.push(leaf ? 0 : tree.threshold[k]);
      n.mode.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      n.yes.push(leaf ? 0 : tree.left[k]);
      n.no.push(leaf ? 0 : tree.right[k]);
      if (leaf) {
        t.tree.push(ti);
        t.node.push(k);
        t.id.push(0);
        t.weight.push(tree.value[k]);
      }
    }
  });
  return onnx.NodeProto.create({
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: [input],
    output: [output],
    name,
    attribute: [
      ints('nodes_treeids', n.tree),
      ints('nodes_nodeids', n.node),
      ints('nodes_featureids', n.feature),
      floats('nodes_values', n.value),
      strings('nodes_modes', n.mode),
      ints('nodes_truenodeids', n.yes),
      ints('nodes_falsenodeids', n.no),
      ints('target_treeids', t.tree),
      ints('target_nodeids', t.node),
      ints('target_ids', t.id),
      floats('target_weights', t.weight),
      onnx.AttributeProto.create({ name: 'n_targets', type: AttributeType.INT, i: 1 }),
      floats('base_values', [model.base]),
      str('aggregate_function', 'SUM'),
      str('post_transform', 'NONE'),
    ],
  });
}

/** Inputs `features` float [N, F]; outputs `margin` float [N, 1] and `score` = Sigmoid(margin). */
export function exportTreeEnsembleOnnx(model: TreeEnsemble, meta: { name: string }): Uint8Array {
  const { FLOAT } = onnx.TensorProto.DataType;
  const regressor = treeEnsembleNode(model, 'features', 'margin');
  const sigmoid = onnx.NodeProto.create({
    opType: 'Sigmoid',
    input: ['margin'],
    output: ['score'],
    name: 'score',
  });
  const graph = onnx.GraphProto.create({
    name: meta.name,
    node: [regressor, sigmoid],
    input: [tensorInfo('features', FLOAT, ['N', model.featureCount])],
    output: [tensorInfo('margin', FLOAT, ['N', 1]), tensorInfo('score', FLOAT, ['N', 1])],
  });
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'gavel-trainer',
      producerVersion: '1',
      domain: 'dev.gavel',
      modelVersion: 1,
      docString: `${meta.name}: gradient-boosted trees (logistic margin)`,
      opsetImport: [
        onnx.OperatorSetIdProto.create({ domain: '', version: 13 }),
        onnx.OperatorSetIdProto.create({ domain: 'ai.onnx.ml', version: 1 }),
      ],
      graph,
    }),
  ).finish();
}
