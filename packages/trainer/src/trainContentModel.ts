import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type Analysis,
  analyze,
  type Channel,
  createFeatureRow,
  DENSE_FEATURES,
  denseCountOf,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  featureSchemaHash,
  featurize,
  HASH_SPACE,
  hashString,
  LEGACY_FEATURE_SCHEMA_VERSION,
  numFeatureIdsOf,
  redactExcerpt,
  SHORTENER_LIST_SEED,
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
  type DataFileInfo,
  LABEL_MAP,
  loadPhishingUrls,
  loadShortenerDomains,
  loadSmsSources,
  loadSpamAssassin,
  SMS_SOURCE_NAMES,
  type SourceMessage,
  SPAM_ASSASSIN_GROUP_1,
} from './corpora';
import { deduplicate, stratifiedSplit } from './dedupSplit';
import { evaluateScores } from './evaluation';
import { EVASION_NAMES, EVASIONS } from './evasion';
import { readLabelledFile } from './labelledFile';
import {
  type Candidate,
  fitCandidate,
  type HeldOutScores,
  leaveOneSourceOut,
  pickCandidate,
  type RankingFigures,
  type RowInfo,
  rankingFigures,
  SMS_TIME_SPLIT_TEST,
  SMS_TIME_SPLIT_TRAIN,
  type SourceRow,
  sourceTable,
} from './leaveOneSourceOut';
import { type LinearWeights, rawLogits, type TrainConfig } from './logisticRegression';
import { distribution } from './metrics';
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
  /** Candidates compared by leave-one-source-out; the selection rule in the card picks one. */
  candidates?: Candidate[];
  /** Also run the chosen candidate on the legacy feature schema, to show what the new features did. */
  compareLegacySchema?: boolean;
  /** Small hand-written held-out files (paths relative to repoRoot). */
  syntheticCheckFile?: string;
  a2pCheckFile?: string;
}

export interface TrainResult {
  card: ModelCard;
  onnxPath: string;
  cardPath: string;
  reportPath: string;
}

/**
 * Thresholds from the pooled held-out (leave-one-source-out) SMS scores: block keeps the ham FPR at
 * or below 0.1%; review is a review-queue budget of 1% of held-out ham. (The previous model set review
 * by a recall target on a random split, which on A2P traffic sent most one-time codes to review.)
 */
export const THRESHOLD_TARGETS = { blockMaxFpr: 0.001, reviewMaxFpr: 0.01 } as const;
/** The comparison split of UCI + Mendeley, for figures comparable with published work. */
const COMPARISON_TEST_FRACTION = 0.2;
export const PROMOTION_WEIGHT = 0.3;
export const PHISHING_URL_WEIGHT = 0.5;

const base: TrainConfig = {
  algorithm: 'adagrad',
  epochs: 6,
  learningRate: 0.1,
  l1: 0,
  l2: 1e-3,
  beta: 1,
  positiveWeight: 1,
  emailWeight: 1,
  monotoneReasons: true,
  seed: 0,
};
const baseCandidate: Candidate = {
  name: 'all sources, promotions weak positive 0.3, phishing URLs 0.5',
  config: base,
  groupWeights: { 'phishtank-urls': PHISHING_URL_WEIGHT },
  promotionWeight: PROMOTION_WEIGHT,
  promotionAs: 'weak-positive',
};

/**
 * One change at a time from the base, so each line of the selection table says what one choice did
 * (a source down-weighted or dropped, promotions as ham, the phishing URLs, regularisation).
 */
export const DEFAULT_CANDIDATES: Candidate[] = [
  baseCandidate,
  { ...baseCandidate, name: 'phishing URLs dropped', groupWeights: { 'phishtank-urls': 0 } },
  { ...baseCandidate, name: 'promotions as ham', promotionAs: 'benign', promotionWeight: 1 },
  {
    ...baseCandidate,
    name: 'ExAIS down-weighted to 0.5 (noisy labels)',
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 0.5 },
  },
  {
    ...baseCandidate,
    name: 'email down-weighted to 0.3',
    groupWeights: { ...baseCandidate.groupWeights, [SMS_TIME_SPLIT_TRAIN]: 0.3, [SMS_TIME_SPLIT_TEST]: 0.3 },
  },
  { ...baseCandidate, name: 'L2 3e-3', config: { ...base, l2: 3e-3 } },
  { ...baseCandidate, name: 'L2 3e-4', config: { ...base, l2: 3e-4 } },
  { ...baseCandidate, name: 'abusive rows weighted 2', config: { ...base, positiveWeight: 2 } },
  { ...baseCandidate, name: 'L2 1e-2', config: { ...base, l2: 1e-2 } },
  { ...baseCandidate, name: 'L2 3e-2', config: { ...base, l2: 3e-2 } },
  // The two single changes that helped most in the first round (stronger L2; ExAIS at 0.5), together.
  {
    ...baseCandidate,
    name: 'L2 1e-2 + ExAIS down-weighted to 0.5',
    config: { ...base, l2: 1e-2 },
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 0.5 },
  },
];

interface Example extends SourceMessage {
  analysis: Analysis;
  channel: Channel;
  group: string;
  /** Row in the sparse dataset. */
  row: number;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const round = (x: number, digits = 6) => Number(x.toFixed(digits));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function thresholdAtFpr(hamScoresDesc: number[], maxFpr: number, roundUp: boolean): number {
  const allowed = Math.floor(maxFpr * hamScoresDesc.length);
  const t = hamScoresDesc[Math.min(allowed, hamScoresDesc.length - 1)] + 1e-9;
  return roundUp ? Math.ceil(t * 1e4) / 1e4 : Math.floor(t * 1e4) / 1e4;
}

function pickThresholds(scores: ArrayLike<number>, labels: ArrayLike<number>): ThresholdPair {
  const ham: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!labels[i]) ham.push(scores[i]);
  ham.sort((a, b) => b - a);
  // Both rounded up to 1e-4, so the held-out FPR at each stays within its budget.
  const block = Math.min(0.9999, thresholdAtFpr(ham, THRESHOLD_TARGETS.blockMaxFpr, true));
  const review = Math.max(0.0001, thresholdAtFpr(ham, THRESHOLD_TARGETS.reviewMaxFpr, true));
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

function worstExamples(examples: Example[], scores: ArrayLike<number>, abusive: boolean, limit = 8) {
  return examples
    .map((e, i) => ({ e, score: scores[i] }))
    .filter(({ e }) => e.labelClass !== 'promotion' && e.abusive === abusive)
    .sort((x, y) => (abusive ? x.score - y.score : y.score - x.score))
    .slice(0, limit)
    .map(({ e, score }) => ({
      score: round(score, 4),
      source: e.source,
      excerpt: redactExcerpt(e.text, 160),
    }));
}

/** The manifest with its content entry pointed at `version`; entries for other models are kept. */
function updatedManifest(outDir: string, version: string): Record<string, string> {
  let manifest: Record<string, string> = {};
  if (existsSync(join(outDir, 'manifest.json'))) manifest = readManifest(outDir);
  return { ...manifest, content: version };
}

const MODEL_NOTES = [
  'Selected by leave-one-source-out (LOSO), not by a random split: every SMS source is scored by a model that ' +
    'never saw it, SpamAssassin 2003 by a model that never saw it (time split). Calibration and thresholds come ' +
    'from the pooled held-out SMS scores, so they describe messages unlike the training data.',
  'Channel-crossed copies: each hashed feature is written twice, shared and crossed with the channel family ' +
    '(text or email), so email can keep "links are normal" on its own weights without costing SMS recall.',
  'Promotions (Thai premium-rate, Indonesian operator offers) are a weak positive (weight 0.3): a platform ' +
    'reviews unsolicited marketing and blocks fraud, so they are taught as neither ham nor fraud. LOSO preferred ' +
    'this to "promotions as ham" (selection table). Measured, held-out promotions still score mostly below ' +
    'review (per-source table): content alone does not send marketing to review; opt-out and complaint ' +
    'rates in the account model are the better signal for unwanted bulk mail.',
  'ExAIS "spam" is mostly operator marketing and content subscriptions (quotes, football news), and the ' +
    'corpus marks some operator notices spam: held out, it is the worst source (AUC ~0.71) because its labels ' +
    'mean "bulk" rather than "fraud". Down-weighting it to 0.5 raised every other held-out source (selection ' +
    'table), so it is kept at 0.5 rather than dropped or relabelled.',
  'Thai and Indonesian held out are scored by a model that has seen no Thai or Indonesian text at all: their ' +
    'AUC (0.77, 0.92) is what the language-independent features (links, numbers, phishing-URL shapes) carry. ' +
    'Both are in the final model; dropping the phishing URLs costs Thai held-out AUC 0.73 -> 0.59.',
  'Phishing URLs (PhishTank, one day) enter as one-link messages at weight 0.5: they teach what phishing hosts ' +
    'and paths look like (host n-grams, TLD, random tokens, free hosting), never an exact-URL lookup.',
  'The shortener/QR list (../shared/data/url-lists) travels with the model card as hashes of registrable ' +
    'domains (linkLists), so the features package stays free of data files and the server needs no data dir.',
  'UCI "spam" includes 2011 subscription services (jokes, ringtones): labelled abusive by the corpus, kept, ' +
    'but they cap recall on UCI at low FPR.',
];

interface Dataset {
  data: SparseDataset;
  info: RowInfo[];
  numFeatureIds: number;
  nonNegative: Uint8Array;
}

function buildDataset(
  examples: Example[],
  version: FeatureSchemaVersion,
  shortenerDomains: ReadonlySet<number>,
  progress: Progress,
): Dataset {
  const builder = new SparseDatasetBuilder(1 << 22);
  const row = createFeatureRow();
  examples.forEach((e, i) => {
    const input = version === FEATURE_SCHEMA_VERSION ? e.analysis : e.text;
    builder.push(featurize(input, row, { version, channel: e.channel, shortenerDomains }), e.abusive);
    progress.tick(`featurize ${version}`, i + 1, examples.length);
  });
  const numFeatureIds = numFeatureIdsOf(version);
  // Dense features that carry a reason code are risk indicators by design: their weights may not turn
  // negative (the email corpus otherwise teaches "brand + link = benign"), and reasons never contradict.
  const nonNegative = new Uint8Array(numFeatureIds);
  DENSE_FEATURES.slice(0, denseCountOf(version)).forEach((f, i) => {
    if (f.reason) nonNegative[HASH_SPACE + i] = 1;
  });
  return {
    data: builder.build(),
    info: examples.map((e) => ({ group: e.group, labelClass: e.labelClass, a2p: e.a2p })),
    numFeatureIds,
    nonNegative,
  };
}

function formatSourceTable(rows: SourceRow[]): string {
  const f = (x: number | null) => (x === null ? '' : Number.isFinite(x) ? x.toFixed(4) : 'n/a');
  return [
    '| held-out source | ham | abusive | ROC AUC | recall @0.1% FPR | recall @review | FPR @review | recall @block | FPR @block | promotions >= review / block | A2P ham >= review |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.source} | ${r.benign} | ${r.abusive} | ${f(r.auc)} | ${f(r.recallAt01Fpr)} | ${f(r.recallAtReview)} | ${f(r.fprAtReview)} | ${f(r.recallAtBlock)} | ${f(r.fprAtBlock)} | ${r.promotions > 0 ? `${f(r.promotionsAboveReview)} / ${f(r.promotionsAboveBlock)} (n=${r.promotions})` : ''} | ${r.a2p > 0 ? `${f(r.a2pAboveReview)} (n=${r.a2p})` : ''} |`,
    ),
  ].join('\n');
}

function formatSelection(names: string[], figures: RankingFigures[], chosen: number): string {
  const sources = figures[0].perSource.map((p) => p.source);
  return [
    `| candidate | worst SMS AUC | mean SMS AUC | mean SMS recall @0.1% FPR | email time-split AUC | ${sources.map((s) => `${s} AUC / R@0.1%`).join(' | ')} |`,
    `|---|--:|--:|--:|--:|${sources.map(() => '--:').join('|')}|`,
    ...figures.map(
      (f, i) =>
        `| ${i === chosen ? '**' : ''}${names[i]}${i === chosen ? '** (chosen)' : ''} | ${f.worstSmsAuc} | ${f.meanSmsAuc} | ${f.meanSmsRecallAt01Fpr} | ${f.emailAuc} | ${f.perSource.map((p) => `${p.auc} / ${p.recallAt01Fpr}`).join(' | ')} |`,
    ),
  ].join('\n');
}

export async function trainContentModel(opts: TrainOptions): Promise<TrainResult> {
  const { progress } = opts;
  const candidates = opts.candidates ?? DEFAULT_CANDIDATES;
  const schemaHash = featureSchemaHash();

  progress.stage('load data');
  const smsSources = loadSmsSources(opts.dataDir);
  for (const c of smsSources)
    progress.step(`${c.info.file}: ${c.info.rows} rows ${JSON.stringify(c.info.labels)}`);
  const spamAssassin = loadSpamAssassin();
  progress.step(`${spamAssassin.info.file}: ${spamAssassin.info.rows} emails`);
  const phishing = loadPhishingUrls(opts.dataDir);
  const shorteners = loadShortenerDomains(opts.dataDir);
  progress.step(`${phishing.info.rows} phishing URLs, ${shorteners.domains.length} shortener domains`);
  const shortenerHashes = [
    ...new Set(shorteners.domains.map((d) => hashString(d, SHORTENER_LIST_SEED))),
  ].sort((a, b) => a - b);
  const shortenerSet = new Set(shortenerHashes);
  const files: DataFileInfo[] = [
    ...smsSources.map((c) => c.info),
    spamAssassin.info,
    phishing.info,
    ...shorteners.files,
  ];

  progress.stage('normalise and deduplicate');
  const smsMessages = smsSources.flatMap((c) => c.messages);
  // Group 1 before group 2: a message repeated across the time split stays on the training side.
  const emailMessages: SourceMessage[] = [...spamAssassin.messages]
    .sort(
      (a, b) =>
        Number(!SPAM_ASSASSIN_GROUP_1.includes(a.label)) - Number(!SPAM_ASSASSIN_GROUP_1.includes(b.label)),
    )
    .map((m) => ({ ...m, labelClass: m.abusive ? 'abusive' : 'benign', a2p: false }));
  const analyses = new Map<SourceMessage, Analysis>();
  const analyzeAll = (messages: SourceMessage[], label: string) =>
    messages.map((m, i) => {
      progress.tick(`analyze ${label}`, i + 1, messages.length);
      const a = analyze(m.text);
      analyses.set(m, a);
      return a.normalized;
    });
  const smsNormalized = analyzeAll(smsMessages, 'sms');
  const emailNormalized = analyzeAll(emailMessages, 'email');
  analyzeAll(phishing.messages, 'urls');
  // Across all SMS sources at once: a message two corpora share must not be held out and trained on.
  const smsDedup = deduplicate(smsMessages, (_m, i) => smsNormalized[i]);
  const emailDedup = deduplicate(emailMessages, (_m, i) => emailNormalized[i]);
  // Every URL normalises to "<URL>": deduplicate the links themselves.
  const urlDedup = deduplicate(phishing.messages, (m) => m.text.trim().toLowerCase());
  progress.step(`sms: ${JSON.stringify(smsDedup.stats)}`);
  progress.step(`email: ${JSON.stringify(emailDedup.stats)}`);

  const examples: Example[] = [];
  const push = (m: SourceMessage, channel: Channel, group: string) => {
    examples.push({ ...m, analysis: analyses.get(m)!, channel, group, row: examples.length });
  };
  for (const i of smsDedup.kept) push(smsMessages[i], 'sms', smsMessages[i].source);
  for (const i of emailDedup.kept) {
    const m = emailMessages[i];
    push(m, 'email', SPAM_ASSASSIN_GROUP_1.includes(m.label) ? SMS_TIME_SPLIT_TRAIN : SMS_TIME_SPLIT_TEST);
  }
  // A bare link arrives as SMS text: the link features are learnt on the SMS side.
  for (const i of urlDedup.kept) push(phishing.messages[i], 'sms', 'phishtank-urls');
  analyses.clear();

  progress.stage('featurize');
  const current = buildDataset(examples, FEATURE_SCHEMA_VERSION, shortenerSet, progress);
  const { data, info } = current;
  progress.step(
    `${data.n} rows, ${data.ids.length} non-zeros (${(data.ids.length / data.n).toFixed(0)} per row)`,
  );
  const groupCounts: Record<string, { rows: number; abusive: number; benign: number; promotion: number }> =
    {};
  for (const e of examples) {
    const g = groupCounts[e.group] ?? { rows: 0, abusive: 0, benign: 0, promotion: 0 };
    groupCounts[e.group] = g;
    g.rows++;
    g[e.labelClass]++;
  }
  progress.step(JSON.stringify(groupCounts));

  progress.stage(`leave-one-source-out selection (${candidates.length} candidates)`);
  const figures: RankingFigures[] = [];
  const heldOut: HeldOutScores[][] = [];
  for (const candidate of candidates) {
    const c = { ...candidate, config: { ...candidate.config, seed: opts.seed } };
    const held = leaveOneSourceOut(
      data,
      info,
      SMS_SOURCE_NAMES,
      current.numFeatureIds,
      c,
      current.nonNegative,
      (g) =>
        progress.tick(`LOSO ${candidate.name}`, SMS_SOURCE_NAMES.indexOf(g) + 2, SMS_SOURCE_NAMES.length + 1),
    );
    const f = rankingFigures(held, info, data);
    figures.push(f);
    heldOut.push(held);
    progress.step(
      `${candidate.name}: worst SMS AUC ${f.worstSmsAuc}, mean SMS recall@0.1%FPR ${f.meanSmsRecallAt01Fpr}, email ${f.emailAuc} | ${f.perSource.map((p) => `${p.source} ${p.auc}/${p.recallAt01Fpr}`).join(' ')}`,
    );
  }
  const chosenIndex = pickCandidate(figures);
  const chosen: Candidate = {
    ...candidates[chosenIndex],
    config: { ...candidates[chosenIndex].config, seed: opts.seed },
  };
  progress.step(`chosen: ${chosen.name}`);

  let legacyComparison: { figures: RankingFigures; note: string } | null = null;
  if (opts.compareLegacySchema !== false) {
    progress.stage('the chosen candidate on the legacy feature schema (what the new features did)');
    const legacy = buildDataset(examples, LEGACY_FEATURE_SCHEMA_VERSION, shortenerSet, progress);
    const held = leaveOneSourceOut(
      legacy.data,
      legacy.info,
      SMS_SOURCE_NAMES,
      legacy.numFeatureIds,
      chosen,
      legacy.nonNegative,
    );
    const f = rankingFigures(held, legacy.info, legacy.data);
    legacyComparison = {
      figures: f,
      note:
        `schema ${LEGACY_FEATURE_SCHEMA_VERSION} (no channel-crossed copies, link-shape features, word re-joining, ` +
        'notice/stranger lexicons or shortener list), same data, weights and learner',
    };
    progress.step(
      `legacy schema: worst SMS AUC ${f.worstSmsAuc}, mean recall@0.1%FPR ${f.meanSmsRecallAt01Fpr}, email ${f.emailAuc}`,
    );
  }

  progress.stage('calibrate and pick thresholds on the pooled held-out SMS scores');
  const held = heldOut[chosenIndex];
  const pooledLogits: number[] = [];
  const pooledLabels: number[] = [];
  for (const h of held) {
    if (h.group === SMS_TIME_SPLIT_TEST) continue;
    h.rows.forEach((r, i) => {
      if (info[r].labelClass === 'promotion') return;
      pooledLogits.push(h.logits[i]);
      pooledLabels.push(data.labels[r]);
    });
  }
  const platt = fitPlatt(pooledLogits, pooledLabels);
  const toScore = (z: number) => sigmoid(platt.a * z + platt.b);
  const pooledScores = pooledLogits.map(toScore);
  const thresholds = pickThresholds(pooledScores, pooledLabels);
  progress.step(
    `platt a=${platt.a.toFixed(4)} b=${platt.b.toFixed(4)}; thresholds ${JSON.stringify(thresholds)}`,
  );
  const perSource = sourceTable(held, info, data, toScore, thresholds);
  const pooledSummary = evaluateScores(pooledScores, pooledLabels, thresholds, { seed: opts.seed });
  for (const r of perSource) progress.step(JSON.stringify(r));

  progress.stage('comparison split: UCI + Mendeley 80/20 (for published figures)');
  const ucm = examples.filter((e) => e.group === 'uci-sms' || e.group === 'mendeley-sms');
  const part = stratifiedSplit(
    ucm.map((e) => `${e.source}/${e.label}`),
    [1 - COMPARISON_TEST_FRACTION, COMPARISON_TEST_FRACTION],
    opts.seed,
  );
  const testRows = new Set(ucm.filter((_e, i) => part[i] === 1).map((e) => e.row));
  const comparisonModel = fitCandidate(
    data,
    Int32Array.from(examples.filter((e) => !testRows.has(e.row)).map((e) => e.row)),
    current.numFeatureIds,
    chosen,
    info,
    current.nonNegative,
    50,
  );
  const comparisonRows = Int32Array.from([...testRows]);
  const comparisonScores = Array.from(rawLogits(comparisonModel, data, comparisonRows), toScore);
  const comparison = evaluateScores(
    comparisonScores,
    Array.from(comparisonRows, (r) => data.labels[r]),
    thresholds,
    { seed: opts.seed },
  );
  progress.step(`UCI + Mendeley 20%: AUC ${comparison.auc} F1 ${comparison.f1}`);

  progress.stage('train final model on every source');
  const finalModel = fitCandidate(
    data,
    Int32Array.from({ length: data.n }, (_, i) => i),
    current.numFeatureIds,
    chosen,
    info,
    current.nonNegative,
    99,
  );
  const params = paramsOf(finalModel, platt);
  let nonZero = 0;
  for (const w of params.weights) if (w !== 0) nonZero++;

  progress.stage('export ONNX');
  const onnxBytes = exportLinearOnnx(params, { version: opts.version, featureSchemaHash: schemaHash });
  const onnxFile = `${opts.version}.onnx`;
  const onnxSha256 = sha256(onnxBytes);
  progress.step(`${onnxFile}: ${onnxBytes.length} bytes, sha256 ${onnxSha256}`);
  const allRows = Int32Array.from({ length: data.n }, (_, i) => i);
  const onnxScores = await scoreWithOnnx(onnxBytes, data, allRows);
  let maxParityDiff = 0;
  allRows.forEach((r, i) => {
    const ref = linearReference(
      params,
      data.ids.subarray(data.offsets[r]),
      data.values.subarray(data.offsets[r]),
      data.offsets[r + 1] - data.offsets[r],
    );
    maxParityDiff = Math.max(maxParityDiff, Math.abs(ref.score - onnxScores[i]));
  });
  progress.step(
    `ONNX vs TypeScript reference over ${data.n} rows: max |score diff| ${maxParityDiff.toExponential(2)}`,
  );

  const scoreText = (text: string, channel: Channel, row = createFeatureRow()) => {
    const f = featurize(text, row, { channel, shortenerDomains: shortenerSet });
    return linearReference(params, f.ids, f.values, f.count).score;
  };

  progress.stage('evasion check (final model)');
  const evasionExamples = examples.filter(
    (e) => e.labelClass === 'abusive' && e.group !== 'phishtank-urls' && e.group !== SMS_TIME_SPLIT_TRAIN,
  );
  const row = createFeatureRow();
  const evasion: Record<string, ReturnType<typeof distribution> & { changed: number; meanSigned: number }> =
    {};
  const allChanges: number[] = [];
  for (const name of EVASION_NAMES) {
    const changes: number[] = [];
    let changed = 0;
    let signed = 0;
    for (const e of evasionExamples) {
      const perturbed = EVASIONS[name](e.text);
      if (perturbed === e.text) continue;
      changed++;
      const before = scoreText(e.text, e.channel, row);
      const after = scoreText(perturbed, e.channel, row);
      changes.push(Math.abs(after - before));
      signed += after - before;
    }
    allChanges.push(...changes);
    const d = distribution(changes);
    evasion[name] = {
      n: evasionExamples.length,
      p50: round(d.p50),
      p90: round(d.p90),
      max: round(d.max),
      mean: round(d.mean),
      changed,
      meanSigned: round(signed / Math.max(1, changes.length)),
    };
    progress.step(
      `${name}: |change| p50 ${evasion[name].p50} p90 ${evasion[name].p90} (${changed} texts altered)`,
    );
  }
  const overall = distribution(allChanges);

  const fixtureCheck = (file: string, note: string) => {
    const parsed = readLabelledFile(join(opts.repoRoot, file), 'fixture');
    const scores = parsed.messages.map((m) => scoreText(m.text, 'sms', row));
    const labels = parsed.messages.map((m) => (m.abusive ? 1 : 0));
    const s = evaluateScores(scores, labels, thresholds, { seed: opts.seed });
    return {
      note,
      file,
      sha256: sha256(readFileSync(join(opts.repoRoot, file))),
      n: s.n,
      abusive: s.positives,
      benign: s.negatives,
      auc: s.positives > 0 && s.negatives > 0 ? s.auc : null,
      recallAtReview: s.positives > 0 ? s.recallAtReview : null,
      recallAtBlock: s.positives > 0 ? s.recallAtBlock : null,
      fprAtReview: s.negatives > 0 ? s.fprAtReview : null,
      fprAtBlock: s.negatives > 0 ? s.fprAtBlock : null,
      missedAtReview: parsed.messages
        .filter((m, i) => m.abusive && scores[i] < thresholds.review)
        .map((m) => redactExcerpt(m.text, 120)),
      benignAboveReview: parsed.messages
        .map((m, i) => ({ m, score: scores[i] }))
        .filter(({ m, score }) => !m.abusive && score >= thresholds.review)
        .map(({ m, score }) => ({ score: round(score, 4), excerpt: redactExcerpt(m.text, 120) })),
    };
  };
  const synthetic = opts.syntheticCheckFile
    ? fixtureCheck(
        opts.syntheticCheckFile,
        'SMALL SYNTHETIC CHECK: messages written by hand for this project in the style of 2024-2026 smishing plus ordinary ham; not a benchmark.',
      )
    : null;
  const a2pFixture = opts.a2pCheckFile
    ? fixtureCheck(
        opts.a2pCheckFile,
        'SMALL SYNTHETIC CHECK: hand-written application-to-person ham (one-time codes, delivery, appointment, bank and operator notices) in the wording real senders use; never trained on.',
      )
    : null;

  const thai = perSource.find((r) => r.source === 'thai-sms');
  const smsRowsTable = perSource.filter((r) => r.source !== SMS_TIME_SPLIT_TEST);
  const emailRow = perSource.find((r) => r.source === SMS_TIME_SPLIT_TEST)!;
  const worstAuc = Math.min(...smsRowsTable.map((r) => r.auc));
  const meanRecall = round(smsRowsTable.reduce((a, r) => a + r.recallAt01Fpr, 0) / smsRowsTable.length, 4);
  const worstMedian = Math.max(...Object.values(evasion).map((e) => e.p50));
  const worstP90 = Math.max(...Object.values(evasion).map((e) => e.p90));
  const goals = [
    {
      measure: 'worst held-out SMS source, ROC AUC (LOSO)',
      today: 'not measured',
      goal: '>= 0.97',
      achieved: worstAuc,
      met: worstAuc >= 0.97,
    },
    {
      measure: 'mean held-out SMS source, recall at 0.1% FPR (LOSO)',
      today: 'not measured',
      goal: '>= 0.80',
      achieved: meanRecall,
      met: meanRecall >= 0.8,
    },
    {
      measure: 'SMS spam F1 at 0.5, UCI + Mendeley 20% held-out split',
      today: '0.949',
      goal: '>= 0.96',
      achieved: comparison.f1,
      met: comparison.f1 >= 0.96,
    },
    {
      measure: 'SpamAssassin old -> new ROC AUC',
      today: '0.992',
      goal: '>= 0.99',
      achieved: emailRow.auc,
      met: emailRow.auc >= 0.99,
    },
    {
      measure: 'ham FPR at block, pooled over every held-out SMS source',
      today: '0.099% (one split)',
      goal: '<= 0.001',
      achieved: pooledSummary.fprAtBlock,
      met: pooledSummary.fprAtBlock <= 0.001,
    },
    {
      measure: 'A2P ham above review: held-out Thai OTP + OK rows (LOSO)',
      today: 'most of it',
      goal: '<= 0.01',
      achieved: thai?.a2pAboveReview ?? Number.NaN,
      met: (thai?.a2pAboveReview ?? 1) <= 0.01,
    },
    ...(a2pFixture
      ? [
          {
            measure: 'A2P ham above review: hand-written English/multilingual notices (fixture)',
            today: 'most of it',
            goal: '<= 0.01',
            achieved: a2pFixture.fprAtReview ?? Number.NaN,
            met: (a2pFixture.fprAtReview ?? 1) <= 0.01,
          },
        ]
      : []),
    {
      measure: 'evasion: largest per-transform median absolute score change',
      today: '<= 0.05',
      goal: '<= 0.05',
      achieved: worstMedian,
      met: worstMedian <= 0.05,
    },
    {
      measure: 'evasion: largest per-transform p90 absolute score change',
      today: 'leetspeak 0.12',
      goal: '<= 0.10',
      achieved: worstP90,
      met: worstP90 <= 0.1,
    },
  ];

  progress.stage('write model card, report and manifest');
  mkdirSync(opts.outDir, { recursive: true });
  const linkWeights = DENSE_FEATURES.map((f, i) => ({
    name: f.name,
    weight: round(params.weights[HASH_SPACE + i], 4),
  }));
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
      fittedOn: `pooled leave-one-source-out logits of ${pooledLogits.length} held-out SMS messages (promotions excluded)`,
    },
    linkLists: {
      shortenerDomains: {
        note: 'hashString(domain, SHORTENER_LIST_SEED) of every domain on the shared shortener lists; featurize matches the registrable domain and the host',
        seed: SHORTENER_LIST_SEED,
        files: shorteners.files.map((f) => f.file),
        hashes: shortenerHashes,
      },
    },
    onnx: {
      opset: 13,
      inputs: { ids: 'int32 [N, K]', values: 'float32 [N, K]' },
      outputs: { score: 'float32 [N] calibrated probability', logit: 'float32 [N] calibrated logit' },
      graph: 'Gather(W, ids) * values -> ReduceSum(axis 1) + bias -> * platt_a + platt_b -> Sigmoid',
      parityMaxAbsDiff: Number(maxParityDiff.toExponential(2)),
    },
    model: {
      algorithm: 'AdaGrad logistic regression over hashed + channel-crossed + dense features',
      hyperparameters: { ...chosen.config },
      rowWeights: {
        groups: chosen.groupWeights,
        promotion: chosen.promotionWeight,
        promotionAs: chosen.promotionAs,
      },
      seed: opts.seed,
      numFeatureIds: current.numFeatureIds,
      nonZeroWeights: nonZero,
      selection: {
        rule:
          'leave-one-source-out: among candidates with email time-split AUC >= 0.99, the highest mean held-out SMS ' +
          'recall at 0.1% FPR, ties by the worst held-out SMS AUC (raw logits, before calibration)',
        candidates: candidates.map((c, i) => ({ name: c.name, ...figures[i] })),
        chosen: chosen.name,
        legacySchema: legacyComparison,
        nonLinear:
          'not tried in this version: no gradient-boosted or embedding model was trained, so none is served',
      },
      denseWeights: linkWeights,
    },
    data: {
      labelMap: LABEL_MAP,
      files: files.map((f) => ({
        ...f,
        file: f.file.startsWith('@') ? f.file : relative(opts.repoRoot, join(opts.dataDir, f.file)),
      })),
      dedup: {
        key: 'analyze(text).normalized from @gavel/features, across all SMS sources at once (first copy wins)',
        sms: smsDedup.stats,
        email: emailDedup.stats,
        phishingUrls: urlDedup.stats,
      },
      groups: groupCounts,
    },
    thresholdSelection: {
      pool: `calibrated leave-one-source-out scores of ${pooledScores.length} held-out SMS messages`,
      block: `lowest threshold (rounded up to 1e-4) with held-out ham FPR <= ${THRESHOLD_TARGETS.blockMaxFpr}`,
      review: `lowest threshold (rounded up to 1e-4) with held-out ham FPR <= ${THRESHOLD_TARGETS.reviewMaxFpr} (review-queue budget)`,
    },
    metrics: {
      note: 'Leave-one-source-out: each row scored by a model that never saw its source; promotions excluded from AUC and rates and reported on their own.',
      leaveOneSourceOut: perSource,
      pooledSms: pooledSummary,
      comparisonSplit: {
        note: 'UCI + Mendeley stratified 80/20 (deduplicated), trained on everything else',
        ...comparison,
      },
    },
    evasion: {
      method:
        'Every abusive SMS and SpamAssassin group-2 spam altered by a transform: |score(transformed) - score(original)| with the final model (texts a transform leaves unchanged are not counted).',
      overall: { n: overall.n, p50: round(overall.p50), p90: round(overall.p90), max: round(overall.max) },
      byTransform: evasion,
    },
    goals,
    notes: MODEL_NOTES,
    syntheticRecentSmishing: synthetic,
    a2pHam: a2pFixture,
    training: { trainedAt: new Date().toISOString(), seconds: 0 },
  };
  const onnxPath = join(opts.outDir, onnxFile);
  writeFileSync(onnxPath, onnxBytes);

  const reportDatasets: ReportDataset[] = held.map((h) => {
    const list = Array.from(h.rows, (r) => examples[r]).filter((e) => e.labelClass !== 'promotion');
    const scores = list.map((e) => toScore(h.logits[Array.prototype.indexOf.call(h.rows, e.row)]));
    const labels = list.map((e) => (e.abusive ? 1 : 0));
    return {
      name: `held out: ${h.group}`,
      scores,
      labels,
      summary: evaluateScores(scores, labels, thresholds, { seed: opts.seed, resamples: 200 }),
      worstFalsePositives: worstExamples(list, scores, false),
      worstFalseNegatives: worstExamples(list, scores, true),
    };
  });
  const evasionTable = [
    '| transform | texts altered | p50 | p90 | max | mean signed change |',
    '|---|--:|--:|--:|--:|--:|',
    ...EVASION_NAMES.map((n) => {
      const e = evasion[n];
      return `| ${n} | ${e.changed}/${e.n} | ${e.p50.toFixed(4)} | ${e.p90.toFixed(4)} | ${e.max.toFixed(4)} | ${e.meanSigned.toFixed(4)} |`;
    }),
  ].join('\n');
  const goalsBody = [
    '| measure | before (content-2026.11.1) | goal | now | met |',
    '|---|---|---|--:|---|',
    ...goals.map(
      (g) => `| ${g.measure} | ${g.today} | ${g.goal} | ${g.achieved} | ${g.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
  const labelBody = [
    '| source | label | class | A2P | why |',
    '|---|---|---|---|---|',
    ...LABEL_MAP.map((r) => `| ${r.source} | ${r.label} | ${r.class} | ${r.a2p ? 'yes' : ''} | ${r.why} |`),
  ].join('\n');
  const names = candidates.map((c) => c.name);
  const selectionBody = [
    formatSelection(names, figures, chosenIndex),
    '',
    legacyComparison
      ? `Same chosen candidate on the legacy features (${legacyComparison.note}): worst SMS AUC ${legacyComparison.figures.worstSmsAuc}, mean SMS recall @0.1% FPR ${legacyComparison.figures.meanSmsRecallAt01Fpr}, email ${legacyComparison.figures.emailAuc}; per source ${legacyComparison.figures.perSource.map((p) => `${p.source} ${p.auc} / ${p.recallAt01Fpr}`).join(', ')}.`
      : '',
  ].join('\n');
  const weightsBody = [
    '| dense feature | reason | weight (raw logit per unit) |',
    '|---|---|--:|',
    ...DENSE_FEATURES.map((f, i) => `| ${f.name} | ${f.reason ?? ''} | ${linkWeights[i].weight} |`),
  ].join('\n');
  const fixtureBody = (f: NonNullable<typeof synthetic>) =>
    `${f.note}\n\n${f.n} messages (${f.abusive} abusive): recall at review ${f.recallAtReview}, at block ${f.recallAtBlock}; FPR at review ${f.fprAtReview}, at block ${f.fprAtBlock}.` +
    (f.benignAboveReview.length > 0
      ? `\n\nBenign above review: ${f.benignAboveReview.map((b) => `${b.score} "${b.excerpt}"`).join('; ')}`
      : '');
  const sections = [
    { title: 'Goals', body: goalsBody, top: true },
    {
      title: 'Leave-one-source-out: the chosen model per held-out source',
      body: formatSourceTable(perSource),
      top: true,
    },
    { title: 'Label mapping', body: labelBody, top: true },
    { title: 'Selection: what each choice did (raw-logit LOSO figures)', body: selectionBody, top: true },
    { title: 'Notes', body: MODEL_NOTES.map((n) => `- ${n}`).join('\n'), top: true },
    { title: 'Dense and link feature weights', body: weightsBody },
    { title: 'Evasion: score change of abusive messages', body: evasionTable },
    ...(a2pFixture ? [{ title: 'A2P ham check (hand-written)', body: fixtureBody(a2pFixture) }] : []),
    ...(synthetic
      ? [{ title: 'Small synthetic check: hand-written recent-style smishing', body: fixtureBody(synthetic) }]
      : []),
  ];
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
