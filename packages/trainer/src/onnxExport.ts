import {
  CONTENT_GRAPH,
  type LinearModelParams,
  STACK_DENSE_WIDTH,
  STACKED_GRAPH,
  type StackedModelParams,
} from '@gavel/model';
import onnxProto from 'onnx-proto';
import { treeEnsembleNode } from './treeOnnxExport';

const { onnx } = onnxProto;

const OPSET = 13; // ReduceSum takes its axes as an input from opset 13

function floatTensor(name: string, data: Float32Array, dims: number[]) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    // raw little-endian bytes: compact and exact
    rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  });
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
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

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attribute: InstanceType<typeof onnx.AttributeProto>[] = [],
) {
  return onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: outputs[0], attribute });
}

/**
 * The content model as a sparse linear ONNX graph:
 *   Gather(W, ids) * values -> ReduceSum(axis 1) + bias -> * platt_a + platt_b = logit -> Sigmoid = score
 * ids int32 [N, K] and values float [N, K] with dynamic N and K; padding is id 0 with value 0.
 * Nothing time- or host-dependent goes in: the same params give the same bytes.
 */
export function exportLinearOnnx(
  params: LinearModelParams,
  meta: { version: string; featureSchemaHash: string },
): Uint8Array {
  const { FLOAT, INT32, INT64 } = onnx.TensorProto.DataType;
  const axes = onnx.TensorProto.create({ name: 'reduce_axes', dims: [1], dataType: INT64, int64Data: [1] });
  const graph = onnx.GraphProto.create({
    name: 'content_linear',
    initializer: [
      floatTensor(CONTENT_GRAPH.weights, params.weights, [params.weights.length]),
      floatTensor(CONTENT_GRAPH.bias, Float32Array.of(params.bias), []),
      floatTensor(CONTENT_GRAPH.plattA, Float32Array.of(params.plattA), []),
      floatTensor(CONTENT_GRAPH.plattB, Float32Array.of(params.plattB), []),
      axes,
    ],
    node: [
      node(
        'Gather',
        [CONTENT_GRAPH.weights, CONTENT_GRAPH.ids],
        ['gathered'],
        [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 })],
      ),
      node('Mul', ['gathered', CONTENT_GRAPH.values], ['contributions']),
      node(
        'ReduceSum',
        ['contributions', 'reduce_axes'],
        ['dot'],
        [onnx.AttributeProto.create({ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 })],
      ),
      node('Add', ['dot', CONTENT_GRAPH.bias], ['raw_logit']),
      node('Mul', ['raw_logit', CONTENT_GRAPH.plattA], ['scaled_logit']),
      node('Add', ['scaled_logit', CONTENT_GRAPH.plattB], [CONTENT_GRAPH.logit]),
      node('Sigmoid', [CONTENT_GRAPH.logit], [CONTENT_GRAPH.score]),
    ],
    input: [
      valueInfo(CONTENT_GRAPH.ids, INT32, ['N', 'K']),
      valueInfo(CONTENT_GRAPH.values, FLOAT, ['N', 'K']),
    ],
    output: [valueInfo(CONTENT_GRAPH.score, FLOAT, ['N']), valueInfo(CONTENT_GRAPH.logit, FLOAT, ['N'])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'gavel-trainer',
    producerVersion: '1',
    domain: 'dev.gavel',
    modelVersion: 1,
    docString: `Gavel content model ${meta.version} (sparse logistic regression, Platt-calibrated)`,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    metadataProps: [
      onnx.StringStringEntryProto.create({ key: 'version', value: meta.version }),
      onnx.StringStringEntryProto.create({ key: 'featureSchemaHash', value: meta.featureSchemaHash }),
    ],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

const intAttr = (name: string, i: number) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });

/**
 * The stacked content model as one ONNX graph:
 *   Gather(W, ids) * values -> ReduceSum(axis 1, keepdims) + bias = raw linear logit [N, 1]
 *   Concat(dense, raw logit) -> TreeEnsembleRegressor = margin -> * stack_a + stack_b = logit -> Sigmoid = score
 * and, as a third output, the linear model's own calibrated logit (raw * platt_a + platt_b), the scale
 * its reason contributions are given in. Inputs ids int32 [N, K], values float [N, K] (as the linear
 * graph) and dense float [N, STACK_DENSE_WIDTH] (dense features, then 1 for email).
 */
export function exportStackedOnnx(
  params: StackedModelParams,
  meta: { version: string; featureSchemaHash: string },
): Uint8Array {
  const { FLOAT, INT32, INT64 } = onnx.TensorProto.DataType;
  const { linear } = params;
  const axes = onnx.TensorProto.create({ name: 'reduce_axes', dims: [1], dataType: INT64, int64Data: [1] });
  const graph = onnx.GraphProto.create({
    name: 'content_stacked_trees',
    initializer: [
      floatTensor(CONTENT_GRAPH.weights, linear.weights, [linear.weights.length]),
      floatTensor(CONTENT_GRAPH.bias, Float32Array.of(linear.bias), []),
      floatTensor(CONTENT_GRAPH.plattA, Float32Array.of(linear.plattA), []),
      floatTensor(CONTENT_GRAPH.plattB, Float32Array.of(linear.plattB), []),
      floatTensor(STACKED_GRAPH.stackA, Float32Array.of(params.stackA), []),
      floatTensor(STACKED_GRAPH.stackB, Float32Array.of(params.stackB), []),
      axes,
    ],
    node: [
      node('Gather', [CONTENT_GRAPH.weights, CONTENT_GRAPH.ids], ['gathered'], [intAttr('axis', 0)]),
      node('Mul', ['gathered', CONTENT_GRAPH.values], ['contributions']),
      node('ReduceSum', ['contributions', 'reduce_axes'], ['dot'], [intAttr('keepdims', 1)]),
      node('Add', ['dot', CONTENT_GRAPH.bias], ['raw_logit']),
      node('Concat', [STACKED_GRAPH.dense, 'raw_logit'], ['stack_input'], [intAttr('axis', 1)]),
      treeEnsembleNode(params.trees, 'stack_input', 'margin', STACKED_GRAPH.trees),
      node('Mul', ['margin', STACKED_GRAPH.stackA], ['scaled_margin']),
      node('Add', ['scaled_margin', STACKED_GRAPH.stackB], ['logit_column']),
      node('Squeeze', ['logit_column', 'reduce_axes'], [CONTENT_GRAPH.logit]),
      node('Sigmoid', [CONTENT_GRAPH.logit], [CONTENT_GRAPH.score]),
      node('Mul', ['raw_logit', CONTENT_GRAPH.plattA], ['linear_scaled']),
      node('Add', ['linear_scaled', CONTENT_GRAPH.plattB], ['linear_logit_column']),
      node('Squeeze', ['linear_logit_column', 'reduce_axes'], [STACKED_GRAPH.linearLogit]),
    ],
    input: [
      valueInfo(CONTENT_GRAPH.ids, INT32, ['N', 'K']),
      valueInfo(CONTENT_GRAPH.values, FLOAT, ['N', 'K']),
      valueInfo(STACKED_GRAPH.dense, FLOAT, ['N', STACK_DENSE_WIDTH]),
    ],
    output: [
      valueInfo(CONTENT_GRAPH.score, FLOAT, ['N']),
      valueInfo(CONTENT_GRAPH.logit, FLOAT, ['N']),
      valueInfo(STACKED_GRAPH.linearLogit, FLOAT, ['N']),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'gavel-trainer',
    producerVersion: '1',
    domain: 'dev.gavel',
    modelVersion: 1,
    docString: `Gavel content model ${meta.version} (sparse logistic regression stacked under gradient-boosted trees, Platt-calibrated)`,
    opsetImport: [
      onnx.OperatorSetIdProto.create({ domain: '', version: OPSET }),
      onnx.OperatorSetIdProto.create({ domain: 'ai.onnx.ml', version: 1 }),
    ],
    metadataProps: [
      onnx.StringStringEntryProto.create({ key: 'version', value: meta.version }),
      onnx.StringStringEntryProto.create({ key: 'featureSchemaHash', value: meta.featureSchemaHash }),
    ],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
