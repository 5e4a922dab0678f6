import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Analysis,
  analyze,
  createFeatureRow,
  DENSE_FEATURES,
  FEATURE_SCHEMA_VERSION,
  featureSchemaHash,
  featurize,
  HASH_SPACE,
  NUM_FEATURE_IDS,
  redactExcerpt,
} from '@gavel/features';
import {
  type LinearModelParams,
  linearReference,
  type ModelCard,
  readManifest,
  type ThresholdPair,
} from '@gavel/model';
import * as ort from 'onnxruntime-node';
import {
  type Corpus,
  type DataFileInfo,
  loadSmsCorpora,
  loadSpamAssassin,
  SPAM_ASSASSIN_GROUP_1,
} from './corpora';
import { deduplicate, stratifiedFolds, stratifiedSplit } from './dedupSplit';
import { type EvaluationSummary, evaluateScores } from './evaluation';
import { EVASION_NAMES, EVASIONS } from './evasion';
import { type LabelledMessage, readLabelledFile } from './labelledFile';
import {
  type TrainOptions as FitOptions,
  type LinearWeights,
  rawLogits,
  type TrainConfig,
  trainLogisticRegression,
} from './logisticRegression';
import { distribution, partialAuc, rocAuc } from './metrics';
import { exportLinearOnnx } from './onnxExport';
import { fitPlatt } from './plattScaling';
import type { Progress } from './progress';
import { type ReportDataset, renderReport } from './report';
import { type SparseDataset, SparseDatasetBuilder } from './sparseDataset';

export interface TrainOptions {
  repoRoot: string;
  dataDir: string;
  outDir: string;
  version: string;
  seed: number;
  progress: Progress;
  /** Hyper-parameter candidates; the best by out-of-fold SMS partial AUC wins. */
  grid?: TrainConfig[];
  folds?: number;
  /** Small hand-written held-out file reported as a synthetic check (path relative to repoRoot). */
  syntheticCheckFile?: string;
}

export interface TrainResult {
  card: ModelCard;
  onnxPath: string;
  cardPath: string;
  reportPath: string;
}

/** Ham FPR target at block and abusive-recall target at review, on out-of-fold training scores. */
export const THRESHOLD_TARGETS = { blockMaxFpr: 0.001, reviewMinRecall: 0.97 } as const;
const SELECTION_MAX_FPR = 0.01;
const SMS_TEST_FRACTION = 0.2;

const base = {
  algorithm: 'adagrad',
  epochs: 6,
  learningRate: 0.1,
  l1: 0,
  beta: 1,
  positiveWeight: 1,
  seed: 0,
} as const;
/**
 * Candidates, measured by 5-fold out-of-fold quality on the training rows. Email rows pull the
 * link and credential weights towards "benign" (2002 list mail is full of links), so their weight is
 * searched: the lightest that still keeps email out-of-fold AUC >= 0.99 wins on SMS partial AUC.
 */
export const DEFAULT_GRID: TrainConfig[] = [
  { ...base, l2: 1e-3, emailWeight: 1, monotoneReasons: false },
  { ...base, l2: 1e-3, emailWeight: 1, monotoneReasons: true },
  { ...base, l2: 2e-3, emailWeight: 1, monotoneReasons: true },
  { ...base, l2: 3e-3, emailWeight: 1, monotoneReasons: true },
  { ...base, l2: 1e-3, emailWeight: 0.5, monotoneReasons: true },
  { ...base, algorithm: 'ftrl', learningRate: 0.1, l2: 0.1, emailWeight: 1, monotoneReasons: true },
];
const EMAIL_MIN_OOF_AUC = 0.99;

interface Example extends LabelledMessage {
  analysis: Analysis;
  /** 'sms' or 'email', the two evaluation families. */
  family: 'sms' | 'email';
  /** Row in the sparse dataset. */
  row: number;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function configLabel(c: TrainConfig): string {
  return `${c.algorithm} lr=${c.learningRate} l2=${c.l2} posW=${c.positiveWeight} emailW=${c.emailWeight} epochs=${c.epochs}${c.monotoneReasons ? ' monotone' : ''}`;
}

/** Out-of-fold raw logits: each training row scored by a model that never saw it. */
function outOfFoldLogits(
  data: SparseDataset,
  train: Int32Array,
  folds: Uint8Array,
  k: number,
  config: TrainConfig,
  options: FitOptions,
): Float64Array {
  const oof = new Float64Array(train.length);
  for (let f = 0; f < k; f++) {
    const fit: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < train.length; i++) (folds[i] === f ? held : fit).push(i);
    const model = trainLogisticRegression(
      data,
      Int32Array.from(fit, (i) => train[i]),
      NUM_FEATURE_IDS,
      { ...config, seed: config.seed + f },
      options,
    );
    const logits = rawLogits(
      model,
      data,
      Int32Array.from(held, (i) => train[i]),
    );
    held.forEach((i, j) => {
      oof[i] = logits[j];
    });
  }
  return oof;
}

function pickThresholds(scores: Float64Array, labels: Uint8Array): ThresholdPair {
  const ham: number[] = [];
  const spam: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] ? spam : ham).push(scores[i]);
  ham.sort((a, b) => b - a);
  spam.sort((a, b) => b - a);
  // Block: above all but floor(0.1% of ham) of the out-of-fold ham scores.
  const allowed = Math.floor(THRESHOLD_TARGETS.blockMaxFpr * ham.length);
  const block = Math.min(0.9999, Math.ceil((ham[allowed] + 1e-9) * 1e4) / 1e4);
  // Review: low enough to catch the target share of out-of-fold abusive messages.
  const needed = Math.ceil(THRESHOLD_TARGETS.reviewMinRecall * spam.length) - 1;
  const review = Math.max(0.0001, Math.floor(spam[needed] * 1e4) / 1e4);
  return { review: Math.min(review, block), block };
}

function paramsOf(model: LinearWeights, platt: { a: number; b: number }): LinearModelParams {
  const weights = Float32Array.from(model.weights);
  weights[0] = 0; // id 0 is padding
  return { weights, bias: model.bias, plattA: platt.a, plattB: platt.b };
}

/** Scores rows with the real ONNX graph in batches of 256, the way the server does. */
async function scoreWithOnnx(
  onnxBytes: Uint8Array,
  data: SparseDataset,
  rows: Int32Array,
): Promise<Float64Array> {
  const session = await ort.InferenceSession.create(onnxBytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const out = new Float64Array(rows.length);
  try {
    for (let start = 0; start < rows.length; start += 256) {
      const batch = rows.subarray(start, Math.min(rows.length, start + 256));
      let k = 1;
      for (const r of batch) k = Math.max(k, data.offsets[r + 1] - data.offsets[r]);
      const ids = new Int32Array(batch.length * k);
      const values = new Float32Array(batch.length * k);
      batch.forEach((r, i) => {
        ids.set(data.ids.subarray(data.offsets[r], data.offsets[r + 1]), i * k);
        values.set(data.values.subarray(data.offsets[r], data.offsets[r + 1]), i * k);
      });
      const result = await session.run({
        ids: new ort.Tensor('int32', ids, [batch.length, k]),
        values: new ort.Tensor('float32', values, [batch.length, k]),
      });
      const scores = result.score.data as Float32Array;
      for (let i = 0; i < batch.length; i++) out[start + i] = scores[i];
    }
  } finally {
    await session.release();
  }
  return out;
}

function referenceScore(
  params: LinearModelParams,
  input: string | Analysis,
  row = createFeatureRow(),
): number {
  const features = featurize(input, row);
  return linearReference(params, features.ids, features.values, features.count).score;
}

function worstExamples(examples: Example[], scores: Float64Array, abusive: boolean, limit = 8) {
  return examples
    .map((e, i) => ({ e, score: scores[i] }))
    .filter(({ e }) => e.abusive === abusive)
    .sort((x, y) => (abusive ? x.score - y.score : y.score - x.score))
    .slice(0, limit)
    .map(({ e, score }) => ({
      score: round(score, 4),
      source: e.source,
      excerpt: redactExcerpt(e.text, 160),
    }));
}

/** What we learned choosing the model; kept in the card so the next retrain starts from it. */
const MODEL_NOTES = [
  'Email rows conflict with SMS: in the 2002 SpamAssassin ham most messages carry links and brand names (list ' +
    'footers, tech news), so they pull link and brand weights towards "benign", the opposite of smishing. ' +
    'Lighter email weights raise SMS out-of-fold quality (see model.selection) but drop email AUC below 0.99; ' +
    'the rule keeps the email goal. Quoted replies, signatures and list footers are stripped from emails.',
  'monotoneReasons keeps the weights of dense features that carry a reason code at >= 0: they are risk ' +
    'indicators by design, and unconstrained the email rows drove brand_mention_with_link to a large negative ' +
    'weight. Same out-of-fold quality, better recall on the synthetic recent-smishing check, and reasons that ' +
    'never contradict the score.',
  'Most SMS false negatives at low scores are UCI subscription-service messages (jokes, football results) ' +
    'labelled spam: nothing in their content is abusive, which caps recall around 96%.',
  'AdaGrad beat FTRL-Proximal on every out-of-fold measure here; L2 1e-3 to 3e-3, 6 epochs.',
  'The training ham is mostly personal chat; notification-style ham (one-time codes, reminders, bills, ' +
    'delivery notices) is scarce. In the small synthetic check about a quarter of such messages score above the ' +
    'review threshold, so expect a higher review rate on application-to-person traffic than the test FPR ' +
    'suggests; reviewed production labels are the fix.',
];

interface GoalRow {
  measure: string;
  goal: string;
  achieved: number;
  ci: string | null;
  met: boolean;
}

/** The quality table, filled in from the test metrics (the card and the report both show it). */
function goalTable(
  sms: EvaluationSummary,
  email: EvaluationSummary,
  smsCv: EvaluationSummary,
  evasion: Record<string, { p50: number }>,
): GoalRow[] {
  const ci = (i: { low: number; high: number }) => `${i.low.toFixed(4)}-${i.high.toFixed(4)}`;
  const worstMedian = Math.max(...Object.values(evasion).map((e) => e.p50));
  const rows: GoalRow[] = [];
  for (const [suffix, m] of [
    ['test split', sms],
    ['5-fold CV', smsCv],
  ] as const) {
    rows.push(
      {
        measure: `SMS ROC AUC (${suffix})`,
        goal: '>= 0.99',
        achieved: m.auc,
        ci: ci(m.aucCi),
        met: m.auc >= 0.99,
      },
      {
        measure: `SMS spam F1 at 0.5 (${suffix})`,
        goal: '>= 0.96',
        achieved: m.f1,
        ci: ci(m.f1Ci),
        met: m.f1 >= 0.96,
      },
      {
        measure: `SMS ham FPR at block (${suffix})`,
        goal: '<= 0.001',
        achieved: m.fprAtBlock,
        ci: ci(m.fprAtBlockCi),
        met: m.fprAtBlock <= 0.001,
      },
      {
        measure: `SMS spam recall at block (${suffix})`,
        goal: 'reported',
        achieved: m.recallAtBlock,
        ci: ci(m.recallAtBlockCi),
        met: true,
      },
      {
        measure: `SMS spam recall at review (${suffix})`,
        goal: '>= 0.95',
        achieved: m.recallAtReview,
        ci: ci(m.recallAtReviewCi),
        met: m.recallAtReview >= 0.95,
      },
    );
  }
  rows.push(
    {
      measure: 'SpamAssassin group 1 -> group 2 ROC AUC',
      goal: '>= 0.99',
      achieved: email.auc,
      ci: ci(email.aucCi),
      met: email.auc >= 0.99,
    },
    {
      measure: 'evasion: largest per-transform median of the absolute score change',
      goal: '<= 0.05',
      achieved: worstMedian,
      ci: null,
      met: worstMedian <= 0.05,
    },
  );
  return rows;
}

/** The manifest with its content entry pointed at `version`; entries for other models are kept. */
function updatedManifest(outDir: string, version: string): Record<string, string> {
  let manifest: Record<string, string> = {};
  if (existsSync(join(outDir, 'manifest.json'))) manifest = readManifest(outDir);
  return { ...manifest, content: version };
}

export async function trainContentModel(opts: TrainOptions): Promise<TrainResult> {
  const { progress } = opts;
  const k = opts.folds ?? 5;
  const grid = opts.grid ?? DEFAULT_GRID;
  const schemaHash = featureSchemaHash();

  progress.stage('load data');
  const smsCorpora = loadSmsCorpora(opts.dataDir);
  for (const c of smsCorpora)
    progress.step(`${c.info.file}: ${c.info.rows} rows ${JSON.stringify(c.info.labels)}`);
  const spamAssassin: Corpus = loadSpamAssassin();
  progress.step(`${spamAssassin.info.file}: ${spamAssassin.info.rows} emails`);
  const files: DataFileInfo[] = [...smsCorpora.map((c) => c.info), spamAssassin.info];

  progress.stage('normalise and deduplicate');
  const smsMessages = smsCorpora.flatMap((c) => c.messages);
  // Group 1 before group 2: a message repeated across the time split stays on the training side.
  const emailMessages = [...spamAssassin.messages].sort(
    (a, b) =>
      Number(!SPAM_ASSASSIN_GROUP_1.includes(a.label)) - Number(!SPAM_ASSASSIN_GROUP_1.includes(b.label)),
  );
  const analyses = new Map<LabelledMessage, Analysis>();
  const analyzeAll = (messages: LabelledMessage[], label: string) =>
    messages.map((m, i) => {
      progress.tick(`analyze ${label}`, i + 1, messages.length);
      const a = analyze(m.text);
      analyses.set(m, a);
      return a.normalized;
    });
  const smsNormalized = analyzeAll(smsMessages, 'sms');
  const emailNormalized = analyzeAll(emailMessages, 'email');
  const smsDedup = deduplicate(smsMessages, (_m, i) => smsNormalized[i]);
  const emailDedup = deduplicate(emailMessages, (_m, i) => emailNormalized[i]);
  progress.step(`sms: ${JSON.stringify(smsDedup.stats)}`);
  progress.step(`email: ${JSON.stringify(emailDedup.stats)}`);

  progress.stage('featurize');
  const builder = new SparseDatasetBuilder(1 << 22);
  const featureRow = createFeatureRow();
  const examples: Example[] = [];
  const keptAll = [
    ...smsDedup.kept.map((i) => ({ m: smsMessages[i], family: 'sms' as const })),
    ...emailDedup.kept.map((i) => ({ m: emailMessages[i], family: 'email' as const })),
  ];
  keptAll.forEach(({ m, family }, i) => {
    const analysis = analyses.get(m)!;
    builder.push(featurize(analysis, featureRow), m.abusive);
    examples.push({ ...m, analysis, family, row: i });
    progress.tick('featurize', i + 1, keptAll.length);
  });
  analyses.clear();
  const data = builder.build();
  progress.step(
    `${data.n} rows, ${data.ids.length} non-zeros (${(data.ids.length / data.n).toFixed(0)} per row)`,
  );

  progress.stage('split');
  const sms = examples.filter((e) => e.family === 'sms');
  const smsPart = stratifiedSplit(
    sms.map((e) => `${e.source}/${e.label}`),
    [1 - SMS_TEST_FRACTION, SMS_TEST_FRACTION],
    opts.seed,
  );
  const trainExamples = [
    ...sms.filter((_e, i) => smsPart[i] === 0),
    ...examples.filter((e) => e.family === 'email' && SPAM_ASSASSIN_GROUP_1.includes(e.label)),
  ];
  const smsTest = sms.filter((_e, i) => smsPart[i] === 1);
  const emailTest = examples.filter((e) => e.family === 'email' && !SPAM_ASSASSIN_GROUP_1.includes(e.label));
  const train = Int32Array.from(trainExamples, (e) => e.row);
  const trainLabels = Uint8Array.from(trainExamples, (e) => (e.abusive ? 1 : 0));
  const trainIsSms = trainExamples.map((e) => e.family === 'sms');
  const folds = stratifiedFolds(
    trainExamples.map((e) => `${e.source}/${e.label}`),
    k,
    opts.seed + 1,
  );
  const countLabels = (list: Example[]) => ({
    rows: list.length,
    abusive: list.filter((e) => e.abusive).length,
    benign: list.filter((e) => !e.abusive).length,
  });
  const split = {
    seed: opts.seed,
    method:
      `SMS (UCI + Mendeley, deduplicated): stratified by source and label, ${100 - SMS_TEST_FRACTION * 100}% train / ` +
      `${SMS_TEST_FRACTION * 100}% test. Email (SpamAssassin): time split, group 1 (easy-ham-1, hard-ham-1, spam-1) ` +
      `trains, group 2 (easy-ham-2, spam-2) tests. Calibration and thresholds use ${k}-fold out-of-fold scores ` +
      'of the training rows (held out from the model that scored them); the test rows are used only for the metrics.',
    train: {
      sms: countLabels(trainExamples.filter((e) => e.family === 'sms')),
      email: countLabels(trainExamples.filter((e) => e.family === 'email')),
    },
    test: { sms: countLabels(smsTest), email: countLabels(emailTest) },
    folds: k,
  };
  progress.step(JSON.stringify(split.train));
  progress.step(JSON.stringify(split.test));

  progress.stage(`model selection (${grid.length} candidates x ${k} folds)`);
  const smsRows = trainIsSms.flatMap((s, i) => (s ? [i] : []));
  const emailRows = trainIsSms.flatMap((s, i) => (s ? [] : [i]));
  const pick = (arr: Float64Array, idx: number[]) => Float64Array.from(idx, (i) => arr[i]);
  const pickL = (idx: number[]) => Uint8Array.from(idx, (i) => trainLabels[i]);
  const selection: {
    config: string;
    smsAuc: number;
    smsPartialAuc: number;
    emailAuc: number;
    oof: Float64Array;
  }[] = [];
  const isEmailRow = new Uint8Array(data.n);
  for (const e of examples) isEmailRow[e.row] = e.family === 'email' ? 1 : 0;
  // Dense features that carry a reason code are risk indicators by design; with monotoneReasons their
  // weights may not turn negative (the email corpus otherwise teaches "brand + link = benign").
  const reasonIds = new Uint8Array(NUM_FEATURE_IDS);
  DENSE_FEATURES.forEach((f, i) => {
    if (f.reason) reasonIds[HASH_SPACE + i] = 1;
  });
  const trainingOptionsFor = (config: TrainConfig) => ({
    rowWeights: Float32Array.from(isEmailRow, (email) => (email ? config.emailWeight : 1)),
    nonNegative: config.monotoneReasons ? reasonIds : undefined,
  });
  for (const candidate of grid) {
    const config = { ...candidate, seed: opts.seed };
    const oof = outOfFoldLogits(data, train, folds, k, config, trainingOptionsFor(config));
    const entry = {
      config: configLabel(config),
      smsAuc: round(rocAuc(pick(oof, smsRows), pickL(smsRows))),
      smsPartialAuc: round(partialAuc(pick(oof, smsRows), pickL(smsRows), SELECTION_MAX_FPR)),
      emailAuc: round(rocAuc(pick(oof, emailRows), pickL(emailRows))),
      oof,
    };
    selection.push(entry);
    progress.step(
      `${entry.config}: sms AUC ${entry.smsAuc} pAUC@1% ${entry.smsPartialAuc}, email AUC ${entry.emailAuc}`,
    );
  }
  const eligible = selection.filter((c) => c.emailAuc >= EMAIL_MIN_OOF_AUC);
  const pool = eligible.length > 0 ? eligible : selection;
  const better = (a: (typeof selection)[number], b: (typeof selection)[number]) =>
    eligible.length > 0
      ? a.smsPartialAuc > b.smsPartialAuc || (a.smsPartialAuc === b.smsPartialAuc && a.smsAuc > b.smsAuc)
      : a.emailAuc > b.emailAuc;
  const best = pool.reduce((b, c) => (better(c, b) ? c : b));
  const bestIndex = selection.indexOf(best);
  const chosen: TrainConfig = { ...grid[bestIndex], seed: opts.seed };
  progress.step(`chosen: ${configLabel(chosen)}`);

  progress.stage('calibrate and pick thresholds');
  const oof = selection[bestIndex].oof;
  // Calibrated for SMS, the main channel: email rows would pull the curve towards their own base rate.
  const platt = fitPlatt(pick(oof, smsRows), pickL(smsRows));
  const oofScores = oof.map((z) => sigmoid(platt.a * z + platt.b));
  const thresholds = pickThresholds(pick(oofScores, smsRows), pickL(smsRows));
  progress.step(
    `platt a=${platt.a.toFixed(4)} b=${platt.b.toFixed(4)}; thresholds ${JSON.stringify(thresholds)}`,
  );

  progress.stage('train final model');
  const finalModel = trainLogisticRegression(data, train, NUM_FEATURE_IDS, chosen, {
    ...trainingOptionsFor(chosen),
    onEpoch: (epoch) => progress.tick('epoch', epoch, chosen.epochs),
  });
  const params = paramsOf(finalModel, platt);
  let nonZero = 0;
  for (const w of params.weights) if (w !== 0) nonZero++;

  progress.stage(`${k}-fold cross-validation over all deduplicated SMS`);
  // Second estimate of the SMS figures with 5x the test rows: every SMS message is scored once by a
  // model trained on the other folds (plus the email training rows), calibrated with the final Platt
  // parameters and read at the final thresholds.
  const cvFolds = stratifiedFolds(
    sms.map((e) => `${e.source}/${e.label}`),
    k,
    opts.seed + 2,
  );
  const emailTrainRows = trainExamples.filter((e) => e.family === 'email').map((e) => e.row);
  const cvScores = new Float64Array(sms.length);
  for (let f = 0; f < k; f++) {
    const fit = Int32Array.from([
      ...sms.filter((_e, i) => cvFolds[i] !== f).map((e) => e.row),
      ...emailTrainRows,
    ]);
    const heldIndex = sms.flatMap((_e, i) => (cvFolds[i] === f ? [i] : []));
    const model = trainLogisticRegression(
      data,
      fit,
      NUM_FEATURE_IDS,
      { ...chosen, seed: chosen.seed + 100 + f },
      {
        ...trainingOptionsFor(chosen),
      },
    );
    const logits = rawLogits(
      model,
      data,
      Int32Array.from(heldIndex, (i) => sms[i].row),
    );
    heldIndex.forEach((i, j) => {
      cvScores[i] = sigmoid(platt.a * logits[j] + platt.b);
    });
    progress.tick('fold', f + 1, k);
  }
  const smsCv = evaluateScores(
    cvScores,
    Uint8Array.from(sms, (e) => (e.abusive ? 1 : 0)),
    thresholds,
    { seed: opts.seed },
  );
  progress.step(
    `SMS ${k}-fold CV: AUC ${smsCv.auc} F1 ${smsCv.f1} recall@review ${smsCv.recallAtReview} FPR@block ${smsCv.fprAtBlock}`,
  );

  progress.stage('export ONNX');
  const onnxBytes = exportLinearOnnx(params, { version: opts.version, featureSchemaHash: schemaHash });
  const onnxFile = `${opts.version}.onnx`;
  const onnxSha256 = sha256(onnxBytes);
  progress.step(`${onnxFile}: ${onnxBytes.length} bytes, sha256 ${onnxSha256}`);

  progress.stage('evaluate on held-out test data (real ONNX graph)');
  const datasets: {
    name: string;
    examples: Example[];
    scores: Float64Array;
    labels: Uint8Array;
    summary: EvaluationSummary;
  }[] = [];
  let maxParityDiff = 0;
  for (const [name, list] of [
    ['SMS test split (UCI + Mendeley)', smsTest],
    ['SpamAssassin group 2 (trained on group 1)', emailTest],
  ] as const) {
    const rows = Int32Array.from(list, (e) => e.row);
    const scores = await scoreWithOnnx(onnxBytes, data, rows);
    rows.forEach((r, i) => {
      const ref = linearReference(
        params,
        data.ids.subarray(data.offsets[r]),
        data.values.subarray(data.offsets[r]),
        data.offsets[r + 1] - data.offsets[r],
      );
      maxParityDiff = Math.max(maxParityDiff, Math.abs(ref.score - scores[i]));
    });
    const labels = Uint8Array.from(list, (e) => (e.abusive ? 1 : 0));
    const summary = evaluateScores(scores, labels, thresholds, { seed: opts.seed });
    datasets.push({ name, examples: list, scores, labels, summary });
    progress.step(
      `${name}: AUC ${summary.auc} F1 ${summary.f1} recall@review ${summary.recallAtReview} recall@block ${summary.recallAtBlock} FPR@block ${summary.fprAtBlock}`,
    );
  }
  progress.step(`ONNX vs TypeScript reference: max |score diff| ${maxParityDiff.toExponential(2)}`);

  progress.stage('evasion check');
  const row = createFeatureRow();
  const evasionExamples = [...smsTest, ...emailTest].filter((e) => e.abusive);
  const evasion: Record<string, ReturnType<typeof distribution> & { changed: number; meanSigned: number }> =
    {};
  const allChanges: number[] = [];
  for (const name of EVASION_NAMES) {
    const changes: number[] = [];
    let changed = 0;
    let signed = 0;
    for (const e of evasionExamples) {
      const before = referenceScore(params, e.analysis, row);
      const perturbedText = EVASIONS[name](e.text);
      if (perturbedText !== e.text) changed++;
      const after = referenceScore(params, perturbedText, row);
      changes.push(Math.abs(after - before));
      signed += after - before;
    }
    allChanges.push(...changes);
    const d = distribution(changes);
    evasion[name] = {
      n: d.n,
      p50: round(d.p50),
      p90: round(d.p90),
      max: round(d.max),
      mean: round(d.mean),
      changed,
      meanSigned: round(signed / Math.max(1, changes.length)),
    };
    progress.step(
      `${name}: |change| p50 ${evasion[name].p50} p90 ${evasion[name].p90} max ${evasion[name].max} (${changed} texts altered)`,
    );
  }
  const overall = distribution(allChanges);

  let synthetic: Record<string, unknown> | null = null;
  if (opts.syntheticCheckFile) {
    progress.stage('synthetic recent-smishing check');
    const parsed = readLabelledFile(join(opts.repoRoot, opts.syntheticCheckFile), 'synthetic');
    const scores = Float64Array.from(parsed.messages, (m) => referenceScore(params, m.text, row));
    const labels = Uint8Array.from(parsed.messages, (m) => (m.abusive ? 1 : 0));
    const s = evaluateScores(scores, labels, thresholds, { seed: opts.seed });
    synthetic = {
      note: 'SMALL SYNTHETIC CHECK: messages written by hand for this project in the style of 2024-2026 smishing (parcel fees, bank lock-outs, toll and tax scams) plus ordinary ham; not a benchmark.',
      file: opts.syntheticCheckFile,
      sha256: sha256(readFileSync(join(opts.repoRoot, opts.syntheticCheckFile))),
      n: s.n,
      abusive: s.positives,
      benign: s.negatives,
      auc: s.auc,
      recallAtReview: s.recallAtReview,
      recallAtBlock: s.recallAtBlock,
      recallAt05: s.recall,
      fprAtReview: s.fprAtReview,
      fprAtBlock: s.fprAtBlock,
      missedAtReview: parsed.messages
        .filter((m, i) => m.abusive && scores[i] < thresholds.review)
        .map((m) => redactExcerpt(m.text, 120)),
    };
    progress.step(
      `recall@review ${s.recallAtReview} recall@block ${s.recallAtBlock} FPR@review ${s.fprAtReview}`,
    );
  }

  progress.stage('write model card, report and manifest');
  mkdirSync(opts.outDir, { recursive: true });
  const [smsSummary, emailSummary] = datasets.map((d) => d.summary);
  const card: ModelCard = {
    name: 'content',
    version: opts.version,
    onnxFile,
    onnxSha256,
    featureSchemaHash: schemaHash,
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    thresholds,
    calibration: {
      method: 'platt',
      a: platt.a,
      b: platt.b,
      fittedOn: `${k}-fold out-of-fold logits of the ${smsRows.length} SMS training rows (email scores are ranked well but not calibrated)`,
    },
    onnx: {
      opset: 13,
      inputs: { ids: 'int32 [N, K]', values: 'float32 [N, K]' },
      outputs: { score: 'float32 [N] calibrated probability', logit: 'float32 [N] calibrated logit' },
      graph: 'Gather(W, ids) * values -> ReduceSum(axis 1) + bias -> * platt_a + platt_b -> Sigmoid',
      parityMaxAbsDiff: Number(maxParityDiff.toExponential(2)),
    },
    model: {
      algorithm:
        chosen.algorithm === 'ftrl' ? 'FTRL-Proximal logistic regression' : 'AdaGrad logistic regression',
      hyperparameters: { ...chosen },
      seed: opts.seed,
      numFeatureIds: NUM_FEATURE_IDS,
      nonZeroWeights: nonZero,
      selection: {
        rule:
          `among candidates with out-of-fold email AUC >= ${EMAIL_MIN_OOF_AUC}, the highest out-of-fold SMS partial ` +
          `ROC AUC up to FPR ${SELECTION_MAX_FPR} (normalised), ties by SMS AUC`,
        candidates: selection.map(({ oof: _oof, ...rest }) => rest),
      },
    },
    data: {
      files: files.map((f) => ({
        ...f,
        file: f.file.startsWith('@') ? f.file : relative(opts.repoRoot, join(opts.dataDir, f.file)),
      })),
      dedup: {
        key: 'analyze(text).normalized from @gavel/features',
        sms: smsDedup.stats,
        email: emailDedup.stats,
      },
      split,
    },
    thresholdSelection: {
      pool: `calibrated out-of-fold scores of the ${smsRows.length} SMS training rows`,
      block: `lowest threshold (rounded up to 1e-4) with out-of-fold ham FPR <= ${THRESHOLD_TARGETS.blockMaxFpr}`,
      review: `highest threshold (rounded down to 1e-4) with out-of-fold abusive recall >= ${THRESHOLD_TARGETS.reviewMinRecall}`,
    },
    metrics: {
      note: 'Held-out test data only. AUC and F1 (at score 0.5) with stratified bootstrap 95% CIs; rates with Wilson 95% CIs.',
      sms: smsSummary,
      email: emailSummary,
      smsCrossValidation: {
        note:
          `${k}-fold stratified CV over all ${sms.length} deduplicated SMS (email group-1 rows always in training), ` +
          'scored in TypeScript (ONNX parity above), calibrated with the final Platt parameters, read at the final ' +
          'thresholds. The hyper-parameters were chosen on the training 80%, so this estimate is slightly optimistic.',
        ...smsCv,
      },
    },
    expectedAtThresholds: {
      review: { sms: smsSummary.atReview, email: emailSummary.atReview },
      block: { sms: smsSummary.atBlock, email: emailSummary.atBlock },
    },
    evasion: {
      method:
        'For each abusive test message (SMS test split + SpamAssassin group 2): |score(transformed) - score(original)| ' +
        'under each transform (homoglyphs, zero-width characters, leetspeak, spaced letters, defanged links).',
      overall: { n: overall.n, p50: round(overall.p50), p90: round(overall.p90), max: round(overall.max) },
      byTransform: evasion,
    },
    goals: goalTable(smsSummary, emailSummary, smsCv, evasion),
    notes: MODEL_NOTES,
    syntheticRecentSmishing: synthetic,
    training: { trainedAt: new Date().toISOString(), seconds: 0 },
  };
  const onnxPath = join(opts.outDir, onnxFile);
  writeFileSync(onnxPath, onnxBytes);

  const reportDatasets: ReportDataset[] = datasets.map((d) => ({
    name: d.name,
    scores: d.scores,
    labels: d.labels,
    summary: d.summary,
    worstFalsePositives: worstExamples(d.examples, d.scores, false),
    worstFalseNegatives: worstExamples(d.examples, d.scores, true),
  }));
  const evasionTable = [
    '| transform | texts altered | p50 | p90 | max | mean signed change |',
    '|---|--:|--:|--:|--:|--:|',
    ...EVASION_NAMES.map((n) => {
      const e = evasion[n];
      return `| ${n} | ${e.changed}/${e.n} | ${e.p50.toFixed(4)} | ${e.p90.toFixed(4)} | ${e.max.toFixed(4)} | ${e.meanSigned.toFixed(4)} |`;
    }),
  ].join('\n');
  const goals = goalTable(smsSummary, emailSummary, smsCv, evasion);
  const goalsBody = [
    '| measure | goal | achieved | 95% CI | met |',
    '|---|---|--:|---|---|',
    ...goals.map(
      (g) => `| ${g.measure} | ${g.goal} | ${g.achieved} | ${g.ci ?? ''} | ${g.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
  const sections = [
    { title: 'Goals', body: goalsBody, top: true },
    { title: 'Notes', body: MODEL_NOTES.map((n) => `- ${n}`).join('\n'), top: true },
    { title: 'Evasion: score change of abusive test messages', body: evasionTable },
  ];
  if (synthetic) {
    sections.push({
      title: 'Small synthetic check: hand-written recent-style smishing',
      body: `${String(synthetic.note)}\n\n${synthetic.n} messages (${synthetic.abusive} abusive): recall at review ${synthetic.recallAtReview}, recall at block ${synthetic.recallAtBlock}, FPR at review ${synthetic.fprAtReview}, FPR at block ${synthetic.fprAtBlock}.`,
    });
  }
  const reportPath = join(opts.outDir, `${opts.version}.report.md`);
  writeFileSync(
    reportPath,
    renderReport({ version: opts.version, thresholds, datasets: reportDatasets, sections }),
  );

  card.training = { trainedAt: new Date().toISOString(), seconds: round(progress.elapsedSeconds(), 1) };
  const cardPath = join(opts.outDir, `${opts.version}.json`);
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(
    join(opts.outDir, 'manifest.json'),
    `${JSON.stringify(updatedManifest(opts.outDir, opts.version), null, 2)}\n`,
  );
  progress.step(
    `wrote ${relative(opts.repoRoot, onnxPath)}, ${relative(opts.repoRoot, cardPath)}, ${relative(opts.repoRoot, reportPath)}`,
  );
  return { card, onnxPath, cardPath, reportPath };
}
