import { ACCOUNT_GRAPH, type AccountModelParams, NUM_ACCOUNT_FEATURES } from '@gavel/model';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

function floatTensor(name: string, data: Float32Array, dims: number[]) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
  });
}

function valueInfo(name: string, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: onnx.TensorProto.DataType.FLOAT,
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
 * The account model as ONNX: features [N, F] * W [F] -> ReduceSum(axis 1) + bias = logit -> Sigmoid = risk.
 * Nothing time- or host-dependent goes in: the same params give the same bytes.
 */
export function exportAccountOnnx(params: AccountModelParams, meta: { version: string }): Uint8Array {
  const axes = onnx.TensorProto.create({
    name: 'reduce_axes',
    dims: [1],
    dataType: onnx.TensorProto.DataType.INT64,
    int64Data: [1],
  });
  const node = (
    op: string,
    input: string[],
    output: string[],
    attribute: InstanceType<typeof onnx.AttributeProto>[] = [],
  ) => onnx.NodeProto.create({ opType: op, input, output, name: output[0], attribute });
  const graph = onnx.GraphProto.create({
    name: 'account_linear',
    initializer: [
      floatTensor(ACCOUNT_GRAPH.weights, params.weights, [NUM_ACCOUNT_FEATURES]),
      floatTensor(ACCOUNT_GRAPH.bias, Float32Array.of(params.bias), []),
      axes,
    ],
    node: [
      node('Mul', [ACCOUNT_GRAPH.features, ACCOUNT_GRAPH.weights], ['contributions']),
      node(
        'ReduceSum',
        ['contributions', 'reduce_axes'],
        ['dot'],
        [onnx.AttributeProto.create({ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 })],
      ),
      node('Add', ['dot', ACCOUNT_GRAPH.bias], [ACCOUNT_GRAPH.logit]),
      node('Sigmoid', [ACCOUNT_GRAPH.logit], [ACCOUNT_GRAPH.risk]),
    ],
    input: [valueInfo(ACCOUNT_GRAPH.features, ['N', NUM_ACCOUNT_FEATURES])],
    output: [valueInfo(ACCOUNT_GRAPH.risk, ['N']), valueInfo(ACCOUNT_GRAPH.logit, ['N'])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'gavel-trainer',
    producerVersion: '1',
    domain: 'dev.gavel',
    modelVersion: 1,
    docString: `Gavel account model ${meta.version} (logistic regression over account signal features)`,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
    metadataProps: [onnx.StringStringEntryProto.create({ key: 'version', value: meta.version })],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
