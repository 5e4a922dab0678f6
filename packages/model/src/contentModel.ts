import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Analysis,
  type Channel,
  CONTENT_REASONS,
  type ContentReasonCode,
  createFeatureRow,
  DENSE_FEATURES,
  type FeatureRow,
  type FeatureSchemaVersion,
  type FeaturizeOptions,
  featureSchemaByHash,
  featureSchemaHash,
  featurize,
  HASH_SPACE,
  MAX_FEATURES,
  numFeatureIdsOf,
} from '@gavel/features';
import * as ort from 'onnxruntime-node';
import { ModelLoadError, ModelSchemaMismatchError } from './errors';
import { CONTENT_GRAPH, type LinearModelParams, readLinearParams } from './linearModel';
import { MicroBatcher } from './microBatcher';
import { type ContentModelKind, type ModelCard, readModelCard, resolveModelVersion } from './modelCard';
import { fillDenseInput, isStackedGraph, STACK_DENSE_WIDTH, STACKED_GRAPH } from './stackedTrees';

export interface ContentReason {
  code: ContentReasonCode;
  message: string;
  weight: number;
}

export interface ContentScore {
  /** Calibrated probability that the message is abusive. */
  score: number;
  /** Calibrated logit (log-odds) behind `score`. */
  logit: number;
  /** Up to three reason codes with the largest positive contributions to the logit. */
  reasons: ContentReason[];
}

export interface ContentModelLoadOptions {
  modelDir: string;
  /** Manifest entry to load; defaults to 'content'. */
  name?: string;
  /** Loads this version instead of the manifest's, e.g. 'content-2026.11.1'. */
  version?: string;
  /** Micro-batching window; 0 flushes on setImmediate. Default 1 ms. */
  batchWindowMs?: number;
  /** Largest ONNX batch. Default 256. */
  maxBatch?: number;
}

const MAX_REASONS = 3;

/** What score() takes: the text (or its analysis under the model's schema) and the request's channel. */
export interface ContentInput {
  input: string | Analysis;
  channel?: Channel;
}

/** The shortener list a card carries (hashes of registrable domains), as featurize wants it. */
function shortenerDomainsOf(card: ModelCard): ReadonlySet<number> | undefined {
  const lists = card.linkLists as { shortenerDomains?: { hashes?: unknown } } | undefined;
  const hashes = lists?.shortenerDomains?.hashes;
  return Array.isArray(hashes)
    ? new Set(hashes.filter((h): h is number => typeof h === 'number'))
    : undefined;
}

/** The ONNX Runtime session settings every scoring process uses (also used by the benchmark). */
export function createContentSession(onnxBytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(onnxBytes, {
    // One core per scoring replica: extra threads and spinning would only steal CPU from the event loop.
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
}

/**
 * Runs the content model: featurize -> ONNX (micro-batched) -> calibrated score + reason codes.
 * One instance per process; `score()` callers within the batch window share one ONNX run.
 */
export class ContentModel {
  readonly version: string;
  readonly card: ModelCard;
  private readonly session: ort.InferenceSession;
  private readonly params: LinearModelParams;
  /** The feature schema the model was trained on (a shadow model may use an older one). */
  readonly schemaVersion: FeatureSchemaVersion;
  private readonly featurizeOptions: FeaturizeOptions;
  private readonly batcher: MicroBatcher<ContentInput, ContentScore>;
  private readonly maxBatch: number;
  // Buffers reused by every batch (one batch runs at a time): no per-call allocation churn.
  private readonly rows: FeatureRow[];
  private readonly idsBuffer: Int32Array;
  private readonly valuesBuffer: Float32Array;
  /** The stacked graph's third input (dense features + channel family); null for a linear model. */
  private readonly denseBuffer: Float32Array | null;
  readonly kind: ContentModelKind;
  private readonly reasonCodeById: (ContentReasonCode | undefined)[];
  private onnxRuns = 0;

  private constructor(
    card: ModelCard,
    session: ort.InferenceSession,
    params: LinearModelParams,
    opts: ContentModelLoadOptions,
    schemaVersion: FeatureSchemaVersion,
  ) {
    this.card = card;
    this.schemaVersion = schemaVersion;
    this.featurizeOptions = { version: schemaVersion, shortenerDomains: shortenerDomainsOf(card) };
    this.version = card.version;
    this.session = session;
    this.params = params;
    this.maxBatch = Math.max(1, opts.maxBatch ?? 256);
    this.rows = Array.from({ length: this.maxBatch }, () => createFeatureRow());
    this.idsBuffer = new Int32Array(this.maxBatch * MAX_FEATURES);
    this.valuesBuffer = new Float32Array(this.maxBatch * MAX_FEATURES);
    this.kind = card.kind ?? 'linear';
    this.denseBuffer =
      this.kind === 'stacked-trees' ? new Float32Array(this.maxBatch * STACK_DENSE_WIDTH) : null;
    this.reasonCodeById = DENSE_FEATURES.map((f) => f.reason);
    this.batcher = new MicroBatcher({
      windowMs: Math.max(0, opts.batchWindowMs ?? 1),
      maxBatch: this.maxBatch,
      run: (inputs) => this.runBatch(inputs),
    });
  }

  static async load(opts: ContentModelLoadOptions): Promise<ContentModel> {
    const name = opts.name ?? 'content';
    const version = resolveModelVersion(opts.modelDir, name, opts.version);
    const card = readModelCard(join(opts.modelDir, `${version}.json`));
    // Any schema this code still implements loads (the previous model runs in shadow on its own).
    const schemaVersion = featureSchemaByHash(card.featureSchemaHash);
    if (schemaVersion === null) {
      throw new ModelSchemaMismatchError(card.version, card.featureSchemaHash, featureSchemaHash());
    }
    const onnxPath = join(opts.modelDir, card.onnxFile);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(onnxPath);
    } catch (cause) {
      throw new ModelLoadError(`Cannot read ONNX file ${onnxPath}`, { cause });
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== card.onnxSha256) {
      throw new ModelLoadError(
        `ONNX file ${card.onnxFile} has sha256 ${sha.slice(0, 12)}, card says ${card.onnxSha256.slice(0, 12)}; ` +
          'the files are from different training runs: run `pnpm train`',
      );
    }
    const params = readLinearParams(bytes);
    const expected = numFeatureIdsOf(schemaVersion);
    if (params.weights.length !== expected) {
      throw new ModelLoadError(
        `ONNX weight table has ${params.weights.length} entries, features expect ${expected}: run \`pnpm train\``,
      );
    }
    const kind = card.kind ?? 'linear';
    if (kind !== 'linear' && kind !== 'stacked-trees') {
      throw new ModelLoadError(`Model card ${card.version} has unknown kind "${String(kind)}"`);
    }
    if (isStackedGraph(bytes) !== (kind === 'stacked-trees')) {
      throw new ModelLoadError(
        `Model card ${card.version} says kind "${kind}", but ${card.onnxFile} holds the other graph`,
      );
    }
    const session = await createContentSession(bytes);
    return new ContentModel(card, session, params, opts, schemaVersion);
  }

  /**
   * Scores one message; concurrent callers share an ONNX batch. `channel` defaults to 'sms'. An
   * Analysis must come from analyze(text, model.schemaVersion); pass the text to a model on another schema.
   */
  score(input: string | Analysis, channel?: Channel): Promise<ContentScore> {
    return this.batcher.submit({ input, channel });
  }

  /** Scores many messages directly, in chunks of maxBatch, bypassing the batching window. */
  async scoreMany(inputs: (string | Analysis | ContentInput)[]): Promise<ContentScore[]> {
    const items = inputs.map((x) =>
      typeof x === 'object' && x !== null && 'input' in x ? x : { input: x as string | Analysis },
    );
    const out: ContentScore[] = [];
    for (let start = 0; start < items.length; start += this.maxBatch) {
      // Through the batcher's queue would also work, but chunks this size gain nothing from waiting.
      const chunk = items.slice(start, start + this.maxBatch);
      out.push(...(await this.batchExclusive(chunk)));
    }
    return out;
  }

  /** ONNX runs so far (a batch of N rows counts once). */
  get runCount(): number {
    return this.onnxRuns;
  }

  /** The weights, bias and calibration read from the ONNX initializers. */
  get linearParams(): LinearModelParams {
    return this.params;
  }

  async close(): Promise<void> {
    await this.batcher.close();
    await this.batchLock;
    await this.session.release();
  }

  // scoreMany shares the reusable buffers with the batcher: chain them so only one batch runs at a time.
  private batchLock: Promise<unknown> = Promise.resolve();

  private batchExclusive(inputs: readonly ContentInput[]): Promise<ContentScore[]> {
    const next = this.batchLock.then(() => this.runBatchUnlocked(inputs));
    this.batchLock = next.catch(() => undefined);
    return next;
  }

  private runBatch(inputs: readonly ContentInput[]): Promise<ContentScore[]> {
    return this.batchExclusive(inputs);
  }

  private async runBatchUnlocked(inputs: readonly ContentInput[]): Promise<ContentScore[]> {
    const n = inputs.length;
    if (n === 0) return [];
    let k = 1; // K >= 1 keeps the tensors non-empty; padding is id 0 with value 0
    for (let i = 0; i < n; i++) {
      const { input, channel } = inputs[i];
      const row = featurize(input, this.rows[i], { ...this.featurizeOptions, channel });
      if (row.count > k) k = row.count;
    }
    const ids = this.idsBuffer.subarray(0, n * k);
    const values = this.valuesBuffer.subarray(0, n * k);
    for (let i = 0; i < n; i++) {
      const row = this.rows[i];
      const offset = i * k;
      ids.set(row.ids.subarray(0, row.count), offset);
      values.set(row.values.subarray(0, row.count), offset);
      ids.fill(0, offset + row.count, offset + k);
      values.fill(0, offset + row.count, offset + k);
    }
    const feeds: Record<string, ort.Tensor> = {
      [CONTENT_GRAPH.ids]: new ort.Tensor('int32', ids, [n, k]),
      [CONTENT_GRAPH.values]: new ort.Tensor('float32', values, [n, k]),
    };
    if (this.denseBuffer) {
      const dense = this.denseBuffer.subarray(0, n * STACK_DENSE_WIDTH);
      for (let i = 0; i < n; i++) {
        const row = this.rows[i];
        const email = inputs[i].channel === 'email';
        fillDenseInput(row.ids, row.values, row.count, email, dense, i * STACK_DENSE_WIDTH);
      }
      feeds[STACKED_GRAPH.dense] = new ort.Tensor('float32', dense, [n, STACK_DENSE_WIDTH]);
    }
    const result = await this.session.run(feeds);
    this.onnxRuns++;
    const scores = result[CONTENT_GRAPH.score].data as Float32Array;
    const logits = result[CONTENT_GRAPH.logit].data as Float32Array;
    const out = new Array<ContentScore>(n);
    for (let i = 0; i < n; i++) {
      out[i] = { score: scores[i], logit: logits[i], reasons: this.reasonsFor(this.rows[i]) };
    }
    return out;
  }

  /**
   * Linear model explanation: each dense feature that carries a reason code contributes
   * plattA * w * value to the calibrated logit; sum per code and keep the largest positive ones. A
   * stacked model is explained by its linear part the same way (plattA is then the linear logit's
   * own calibration): the trees re-weigh that evidence but carry no reason codes of their own.
   */
  private reasonsFor(row: FeatureRow): ContentReason[] {
    const totals = new Map<ContentReasonCode, number>();
    const { weights, plattA } = this.params;
    for (let j = 0; j < row.count; j++) {
      const id = row.ids[j];
      if (id < HASH_SPACE) continue;
      const code = this.reasonCodeById[id - HASH_SPACE];
      if (code === undefined) continue;
      totals.set(code, (totals.get(code) ?? 0) + plattA * weights[id] * row.values[j]);
    }
    const reasons: ContentReason[] = [];
    for (const [code, total] of totals) {
      const weight = Math.round(total * 100) / 100;
      if (weight > 0) reasons.push({ code, message: CONTENT_REASONS[code], weight });
    }
    reasons.sort((x, y) => y.weight - x.weight || (x.code < y.code ? -1 : 1));
    return reasons.slice(0, MAX_REASONS);
  }
}
