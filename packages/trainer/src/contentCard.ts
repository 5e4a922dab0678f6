/**
 * What a content-model training run writes: the goal table, the model card (JSON), the report
 * (markdown with ROC/PR curves per held-out source) and the manifest entry the server reads.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DENSE_FEATURES, FEATURE_SCHEMA_VERSION, HASH_SPACE, SHORTENER_LIST_SEED } from '@gavel/features';
import {
  type LinearModelParams,
  type ModelCard,
  readManifest,
  STACK_DENSE_WIDTH,
  STACK_FEATURES,
  type StackedModelParams,
  type ThresholdPair,
} from '@gavel/model';
import { MODEL_NOTES } from './contentCandidates';
import { type EvasionFigures, type FixtureCheck, round, worstExamples } from './contentChecks';
import type { ContentExamples } from './contentExamples';
import { contentGoals } from './contentGoals';
import { formatSelection, formatSourceTable } from './contentTables';
import { LABEL_MAP } from './corpora';
import { type EvaluationSummary, evaluateScores } from './evaluation';
import { EVASION_NAMES } from './evasion';
import type { Candidate, HeldOutScores, RankingFigures, SourceRow } from './leaveOneSourceOut';
import type { distribution } from './metrics';
import type { Progress } from './progress';
import { type ReportDataset, renderReport } from './report';
import type { NonLinearTrial } from './stackedTrees';
import { THRESHOLD_TARGETS } from './thresholds';

export interface SchemaComparison {
  schema: string;
  figures: RankingFigures;
  note: string;
}

/** Everything a training run measured and produced, as the card and the report need it. */
export interface ContentModelOutcome {
  repoRoot: string;
  dataDir: string;
  outDir: string;
  version: string;
  seed: number;
  progress: Progress;
  schemaHash: string;
  loaded: ContentExamples;
  numFeatureIds: number;
  candidates: Candidate[];
  figures: RankingFigures[];
  chosenIndex: number;
  chosen: Candidate;
  schemaComparisons: SchemaComparison[];
  nonLinear: NonLinearTrial | null;
  exaisAsLabelled: { source: string; mapping: string; auc: number; recallAt01Fpr: number } | null;
  held: HeldOutScores[];
  platt: { a: number; b: number };
  pooledLogitCount: number;
  thresholds: ThresholdPair;
  perSource: SourceRow[];
  pooledSummary: EvaluationSummary;
  comparison: EvaluationSummary;
  params: LinearModelParams;
  /** Set when the stacked trees are served (params is then their linear part). */
  stackedParams: StackedModelParams | null;
  /** Calibration of the linear part's logit (the linear LOSO logits); equals platt for a linear model. */
  linearPlatt: { a: number; b: number };
  parityRowsOver1e5: number;
  nonZero: number;
  onnxBytes: Uint8Array;
  onnxFile: string;
  onnxSha256: string;
  maxParityDiff: number;
  evasion: Record<string, EvasionFigures>;
  overall: ReturnType<typeof distribution>;
  synthetic: FixtureCheck | null;
  a2pFixture: FixtureCheck | null;
}

export interface WrittenModel {
  card: ModelCard;
  onnxPath: string;
  cardPath: string;
  reportPath: string;
}

function updatedManifest(outDir: string, version: string): Record<string, string> {
  let manifest: Record<string, string> = {};
  if (existsSync(join(outDir, 'manifest.json'))) manifest = readManifest(outDir);
  return { ...manifest, content: version };
}

/** The card's description of the ONNX graph (inputs, outputs, nodes, parity with the TypeScript reference). */
function stackedOnnxSection(o: ContentModelOutcome) {
  const parity = {
    parityMaxAbsDiff: Number(o.maxParityDiff.toExponential(2)),
    parityRowsOver1e5: o.parityRowsOver1e5,
  };
  if (!o.stackedParams) {
    return {
      opset: 13,
      inputs: { ids: 'int32 [N, K]', values: 'float32 [N, K]' },
      outputs: { score: 'float32 [N] calibrated probability', logit: 'float32 [N] calibrated logit' },
      graph: 'Gather(W, ids) * values -> ReduceSum(axis 1) + bias -> * platt_a + platt_b -> Sigmoid',
      ...parity,
    };
  }
  const { trees } = o.stackedParams.trees;
  return {
    opset: 13,
    mlOpset: 1,
    inputs: {
      ids: 'int32 [N, K]',
      values: 'float32 [N, K]',
      dense: `float32 [N, ${STACK_DENSE_WIDTH}]: the ${DENSE_FEATURES.length} dense features (id HASH_SPACE + i, 0 when absent), then 1 for email, 0 for sms/mms/whatsapp`,
    },
    outputs: {
      score: 'float32 [N] calibrated probability',
      logit: 'float32 [N] calibrated logit of the tree margin',
      linear_logit: "float32 [N] the linear part's calibrated logit (the scale of the reasons)",
    },
    graph:
      'Gather(W, ids) * values -> ReduceSum(axis 1) + bias = raw logit -> Concat(dense, raw logit) -> ' +
      'TreeEnsembleRegressor (SUM, BRANCH_LEQ) = margin -> * stack_a + stack_b -> Sigmoid; raw logit * platt_a + platt_b = linear_logit',
    trees: {
      count: trees.length,
      nodes: trees.reduce((a, t) => a + t.feature.length, 0),
      features: STACK_FEATURES,
    },
    ...parity,
  };
}

/** Writes the ONNX file, the card, the report and the manifest into outDir. */
export function writeContentModel(o: ContentModelOutcome): WrittenModel {
  const { progress, thresholds, platt, params, perSource, evasion, overall, synthetic, a2pFixture } = o;
  const { candidates, figures, chosen, chosenIndex, schemaComparisons, held, loaded } = o;
  const stacked = o.stackedParams !== null;
  const examples = loaded.examples;
  const goals = contentGoals(perSource, o.comparison, o.pooledSummary, evasion, a2pFixture);
  const toScore = (z: number) => 1 / (1 + Math.exp(-(platt.a * z + platt.b)));

  progress.stage('write model card, report and manifest');
  mkdirSync(o.outDir, { recursive: true });
  const linkWeights = DENSE_FEATURES.map((f, i) => ({
    name: f.name,
    weight: round(params.weights[HASH_SPACE + i], 4),
  }));
  const card: ModelCard = {
    name: 'content',
    version: o.version,
    onnxFile: o.onnxFile,
    onnxSha256: o.onnxSha256,
    featureSchemaHash: o.schemaHash,
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    thresholds,
    kind: stacked ? 'stacked-trees' : 'linear',
    calibration: {
      method: 'platt',
      a: platt.a,
      b: platt.b,
      fittedOn: stacked
        ? `pooled leave-one-source-out tree margins of the stacked candidate, ${o.pooledLogitCount} held-out SMS messages (promotions excluded)`
        : `pooled leave-one-source-out logits of ${o.pooledLogitCount} held-out SMS messages (promotions excluded)`,
      ...(stacked
        ? {
            linearPart: {
              a: o.linearPlatt.a,
              b: o.linearPlatt.b,
              note: 'platt_a/platt_b in the graph: the linear part calibrated on its own pooled LOSO logits; output linear_logit and the reason weights are on this scale, the score is not',
            },
          }
        : {}),
    },
    linkLists: {
      shortenerDomains: {
        note: 'hashString(domain, SHORTENER_LIST_SEED) of every domain on the shared shortener lists; featurize matches the registrable domain and the host',
        seed: SHORTENER_LIST_SEED,
        files: loaded.shortenerFiles.map((f) => f.file),
        hashes: loaded.shortenerHashes,
      },
    },
    onnx: stackedOnnxSection(o),
    model: {
      algorithm: stacked
        ? `AdaGrad logistic regression over hashed + channel-crossed + dense features, its raw logit stacked with the dense/link features and the channel family under ${o.nonLinear?.config.trees} gradient-boosted trees of depth ${o.nonLinear?.config.depth} (trees fitted on out-of-fold linear logits, 3 folds)`
        : 'AdaGrad logistic regression over hashed + channel-crossed + dense features',
      reasons: stacked
        ? "from the linear part: plattA x weight x value of each dense feature with a reason code (plattA the linear part's own calibration); the trees re-weigh that evidence and carry no reason codes"
        : 'plattA x weight x value of each dense feature with a reason code',
      hyperparameters: { ...chosen.config },
      rowWeights: {
        groups: chosen.groupWeights,
        promotion: chosen.promotionWeight,
        promotionAs: chosen.promotionAs,
      },
      seed: o.seed,
      numFeatureIds: o.numFeatureIds,
      nonZeroWeights: o.nonZero,
      selection: {
        rule:
          'leave-one-source-out: among candidates with email time-split AUC >= 0.99, the highest mean held-out SMS ' +
          'recall at 0.1% FPR, ties by the worst held-out SMS AUC (raw logits, before calibration)',
        candidates: candidates.map((c, i) => ({ name: c.name, ...figures[i] })),
        chosen: chosen.name,
        olderSchemas: schemaComparisons,
        nonLinear: o.nonLinear
          ? {
              learner:
                'gradient-boosted regression trees (logistic loss) over the 35 dense/link features, the channel family and the linear logit; ' +
                'the linear logits of training rows out-of-fold (3 folds) inside every LOSO fit',
              ...o.nonLinear,
              rule: 'kept only with >= +0.01 mean held-out SMS recall @0.1% FPR, no lower worst held-out SMS AUC, email AUC >= 0.99',
              served: o.nonLinear.kept
                ? 'stacked-trees: the linear model and the trees in one ONNX graph (kind in this card)'
                : 'linear: the rule did not keep the trees',
            }
          : 'not tried in this run',
      },
      denseWeights: linkWeights,
    },
    data: {
      labelMap: LABEL_MAP,
      files: loaded.files.map((f) => ({
        ...f,
        file: f.file.startsWith('@') ? f.file : relative(o.repoRoot, join(o.dataDir, f.file)),
      })),
      dedup: {
        key: 'analyze(text).normalized from @gavel/features, across all SMS sources at once (first copy wins)',
        ...loaded.dedup,
      },
      groups: loaded.groupCounts,
    },
    thresholdSelection: {
      pool: `calibrated leave-one-source-out scores of ${o.pooledLogitCount} held-out SMS messages`,
      block: `lowest threshold (rounded up to 1e-4) with held-out ham FPR <= ${THRESHOLD_TARGETS.blockMaxFpr}`,
      review: `lowest threshold (rounded up to 1e-4) with held-out ham FPR <= ${THRESHOLD_TARGETS.reviewMaxFpr} (review-queue budget)`,
    },
    metrics: {
      note: 'Leave-one-source-out: each row scored by a model that never saw its source; promotions excluded from AUC and rates and reported on their own.',
      leaveOneSourceOut: perSource,
      asLabelled: o.exaisAsLabelled,
      pooledSms: o.pooledSummary,
      comparisonSplit: {
        note: 'UCI + Mendeley stratified 80/20 (deduplicated), trained on everything else',
        ...o.comparison,
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
  const onnxPath = join(o.outDir, o.onnxFile);
  writeFileSync(onnxPath, o.onnxBytes);

  const reportDatasets: ReportDataset[] = held.map((h) => {
    const list = Array.from(h.rows, (r) => examples[r]).filter((e) => e.labelClass !== 'promotion');
    const scores = list.map((e) => toScore(h.logits[Array.prototype.indexOf.call(h.rows, e.row)]));
    const labels = list.map((e) => (e.abusive ? 1 : 0));
    return {
      name: `held out: ${h.group}`,
      scores,
      labels,
      summary: evaluateScores(scores, labels, thresholds, { seed: o.seed, resamples: 200 }),
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
    ...schemaComparisons.map(
      (s) =>
        `Same chosen candidate on ${s.note}: worst SMS AUC ${s.figures.worstSmsAuc}, mean SMS recall @0.1% FPR ${s.figures.meanSmsRecallAt01Fpr}, email ${s.figures.emailAuc}; per source ${s.figures.perSource.map((p) => `${p.source} ${p.auc} / ${p.recallAt01Fpr}`).join(', ')}.\n`,
    ),
    o.nonLinear
      ? `Gradient-boosted trees (${o.nonLinear.config.trees} trees of depth ${o.nonLinear.config.depth}) over the dense and link features, the channel family and the linear logit, stacked on the chosen candidate: worst SMS AUC ${o.nonLinear.figures.worstSmsAuc}, mean SMS AUC ${o.nonLinear.figures.meanSmsAuc}, mean SMS recall @0.1% FPR ${o.nonLinear.figures.meanSmsRecallAt01Fpr}, email ${o.nonLinear.figures.emailAuc}; per source ${o.nonLinear.figures.perSource.map((p) => `${p.source} ${p.auc} / ${p.recallAt01Fpr}`).join(', ')}. ${o.nonLinear.kept ? `Kept by the rule (>= +0.01 mean recall @0.1% FPR, no lower worst AUC, email >= 0.99) and served: ${o.version} is the linear model and these trees in one ONNX graph, calibrated and thresholded on the stacked candidate's pooled held-out margins (the goal and per-source tables above are the stacked model's).` : 'Not kept (rule: >= +0.01 mean recall @0.1% FPR, no lower worst AUC, email AUC >= 0.99): the linear model is served.'}\n`
      : '',
    o.exaisAsLabelled
      ? `ExAIS held out under ${o.exaisAsLabelled.mapping}: AUC ${o.exaisAsLabelled.auc}, recall @0.1% FPR ${o.exaisAsLabelled.recallAt01Fpr} (not in the goal figures: under the label map ExAIS has no fraud rows).`
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
  const reportPath = join(o.outDir, `${o.version}.report.md`);
  writeFileSync(
    reportPath,
    renderReport({ version: o.version, thresholds, datasets: reportDatasets, sections }),
  );

  card.training = { trainedAt: new Date().toISOString(), seconds: round(progress.elapsedSeconds(), 1) };
  const cardPath = join(o.outDir, `${o.version}.json`);
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(
    join(o.outDir, 'manifest.json'),
    `${JSON.stringify(updatedManifest(o.outDir, o.version), null, 2)}\n`,
  );
  progress.step(
    `wrote ${relative(o.repoRoot, onnxPath)}, ${relative(o.repoRoot, cardPath)}, ${relative(o.repoRoot, reportPath)}`,
  );
  return { card, onnxPath, cardPath, reportPath };
}
