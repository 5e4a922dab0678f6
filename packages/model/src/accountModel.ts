import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountSignals } from '@gavel/signals';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import {
  ACCOUNT_FEATURE_SCHEMA,
  ACCOUNT_FEATURES,
  type AccountReasonCodeFromModel,
  accountFeatures,
  type CurrentMessage,
  NUM_ACCOUNT_FEATURES,
} from './accountFeatures';
import { ModelLoadError } from './errors';
import { type ModelCard, readModelCard, resolveModelVersion } from './modelCard';

const { onnx } = onnxProto;

/** Tensor names of the account graph, shared with the trainer's exporter. */
export const ACCOUNT_GRAPH = {
  features: 'features',
  risk: 'risk',
  logit: 'logit',
  weights: 'W',
  bias: 'bias',
} as const;

/** A dense logistic regression over ACCOUNT_FEATURES: the whole account model. */
export interface AccountModelParams {
  weights: Float32Array;
  bias: number;
}

export interface AccountScore {
  /** Probability that the account is abusive. */
  risk: number;
  /** Features pushing risk up, strongest first: code, sentence-free (policy words them), weight. */
  reasons: { code: AccountReasonCodeFromModel; weight: number }[];
  version: string;
}

export interface AccountModelCard extends ModelCard {
  thresholds: { review: number; block: number; flag: number; suspend: number };
}

/** The ONNX graph in TypeScript, float32 step by step like the graph, for parity and for serving. */
export function accountReference(
  params: AccountModelParams,
  x: ArrayLike<number>,
): { logit: number; risk: number } {
  let sum = 0;
  for (let j = 0; j < params.weights.length; j++)
    sum = Math.fround(sum + Math.fround(params.weights[j] * x[j]));
  const logit = Math.fround(sum + params.bias);
  return { logit, risk: Math.fround(1 / (1 + Math.exp(-logit))) };
}

function floats(tensor: InstanceType<typeof onnx.TensorProto>): Float32Array {
  const bytes = Uint8Array.from(tensor.rawData ?? []);
  return bytes.length > 0
    ? new Float32Array(bytes.buffer, 0, bytes.length / 4)
    : Float32Array.from(tensor.floatData ?? []);
}

export function readAccountParams(onnxBytes: Uint8Array): AccountModelParams {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(onnxBytes);
  } catch (cause) {
    throw new ModelLoadError('account ONNX file is not a valid ModelProto', { cause });
  }
  const byName = new Map(
    (model.graph?.initializer ?? []).map((t) => [t.name, t as InstanceType<typeof onnx.TensorProto>]),
  );
  const w = byName.get(ACCOUNT_GRAPH.weights);
  const b = byName.get(ACCOUNT_GRAPH.bias);
  if (!w || !b) throw new ModelLoadError('account ONNX graph lacks its W or bias initializer');
  return { weights: floats(w), bias: floats(b)[0] };
}

const MAX_REASONS = 3;
const MIN_REASON_WEIGHT = 0.25;

/**
 * The account model beside the content model. The ONNX graph is the artifact; because it is one
 * dot product over a couple of dozen numbers, the scoring path evaluates it with `accountReference` (synchronous,
 * well under a microsecond) and `load` proves on the card's golden rows that ONNX Runtime and the
 * reference agree, so the two cannot drift apart.
 */
export class AccountModel {
  private readonly features = new Float32Array(NUM_ACCOUNT_FEATURES);

  private constructor(
    readonly card: AccountModelCard,
    readonly params: AccountModelParams,
  ) {}

  get version(): string {
    return this.card.version;
  }

  static async load(opts: { modelDir: string; version?: string }): Promise<AccountModel> {
    const version = resolveModelVersion(opts.modelDir, 'account', opts.version);
    const card = readModelCard(join(opts.modelDir, `${version}.json`)) as AccountModelCard;
    const bytes = readFileSync(join(opts.modelDir, card.onnxFile));
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== card.onnxSha256)
      throw new ModelLoadError(
        `account ONNX ${card.onnxFile} does not match its card: run \`pnpm train:account\``,
      );
    if (card.featureSchemaVersion !== ACCOUNT_FEATURE_SCHEMA)
      throw new ModelLoadError(
        `account model ${version} was trained on ${card.featureSchemaVersion}, the server computes ${ACCOUNT_FEATURE_SCHEMA}: run \`pnpm train:account\``,
      );
    const params = readAccountParams(bytes);
    if (params.weights.length !== NUM_ACCOUNT_FEATURES)
      throw new ModelLoadError(
        `account model has ${params.weights.length} weights, features expect ${NUM_ACCOUNT_FEATURES}`,
      );
    const model = new AccountModel(card, params);
    await model.checkParity(bytes);
    return model;
  }

  /** Runs ONNX Runtime on the card's golden rows and demands 1e-5 agreement with the reference. */
  private async checkParity(bytes: Uint8Array): Promise<void> {
    const rows = (this.card.goldenFeatures as number[][] | undefined) ?? [];
    if (rows.length === 0) return;
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    try {
      const risks = await runAccountOnnx(session, rows);
      rows.forEach((row, i) => {
        const ref = accountReference(this.params, row).risk;
        if (Math.abs(ref - risks[i]) > 1e-5)
          throw new ModelLoadError(`account model: ONNX and reference disagree on golden row ${i}`);
      });
    } finally {
      await session.release();
    }
  }

  score(signals: AccountSignals, current: CurrentMessage): AccountScore {
    const x = accountFeatures(signals, current, this.features);
    const { risk } = accountReference(this.params, x);
    const byCode = new Map<AccountReasonCodeFromModel, number>();
    for (let j = 0; j < NUM_ACCOUNT_FEATURES; j++) {
      const code = ACCOUNT_FEATURES[j].reason;
      const contribution = this.params.weights[j] * x[j];
      if (code !== null && contribution > 0) byCode.set(code, (byCode.get(code) ?? 0) + contribution);
    }
    const reasons = [...byCode]
      .filter(([, w]) => w >= MIN_REASON_WEIGHT)
      .map(([code, w]) => ({ code, weight: Math.round(w * 100) / 100 }))
      .sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1))
      .slice(0, MAX_REASONS);
    return { risk: Math.round(risk * 10_000) / 10_000, reasons, version: this.card.version };
  }
}

/** ONNX Runtime over rows of features (the trainer's parity check uses it too). */
export async function runAccountOnnx(
  session: ort.InferenceSession,
  rows: readonly ArrayLike<number>[],
): Promise<Float32Array> {
  const data = new Float32Array(rows.length * NUM_ACCOUNT_FEATURES);
  for (let i = 0; i < rows.length; i++) data.set(Array.from(rows[i]), i * NUM_ACCOUNT_FEATURES);
  const out = await session.run({
    [ACCOUNT_GRAPH.features]: new ort.Tensor('float32', data, [rows.length, NUM_ACCOUNT_FEATURES]),
  });
  return out[ACCOUNT_GRAPH.risk].data as Float32Array;
}
