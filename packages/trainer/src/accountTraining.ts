import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNT_FEATURE_SCHEMA,
  ACCOUNT_FEATURES,
  AccountModel,
  type AccountModelParams,
  type ContentModel,
  NUM_ACCOUNT_FEATURES,
  runAccountOnnx,
} from '@gavel/model';
import { loadPolicy } from '@gavel/policy';
import { buildScenario, formatSummaryTable, type ProfileSummary, summarize } from '@gavel/simulator';
import * as ort from 'onnxruntime-node';
import { exportAccountOnnx } from './accountOnnxExport';
import { type AccountSnapshot, replayScenario } from './accountReplay';
import type { Progress } from './progress';

export interface AccountTrainOptions {
  content: ContentModel;
  outDir: string;
  version: string;
  trainSeeds: number[];
  evalSeeds: number[];
  accountsPerSeed: number;
  evalAccounts: number;
  realHam: string[];
  realHamSource: { file: string; sha256: string } | null;
  progress: Progress;
  /** Fixed simulated start so the data, and so the bytes, do not depend on the day of the run. */
  start?: number;
}

const START = Date.UTC(2026, 11, 1, 6);
const L2 = 1e-3;
/**
 * Abusive rows after the 60th abusive message of their account are left out of the fit, and each
 * account weighs the same in total (1 / its fitted rows): the ladder must decide within the first
 * few dozen abusive messages (the goals: suspension within a median of 50, pumping before 100), so
 * the fit spends its capacity there rather than on the 500th message of a pumping run. Every honest
 * row stays in: the 200th message of a large marketing campaign must look honest too.
 */
const TRAIN_MAX_ABUSE_INDEX = 60;

/**
 * Weighted logistic regression by Newton's method (IRLS) on the account features: deterministic (no
 * sampling, fixed iteration order), converges in a handful of steps. Each account weighs the same
 * in total, so a pumping account with 600 snapshots does not outvote 600 honest chats.
 */
export function fitLogistic(
  x: Float64Array[],
  y: Uint8Array,
  w: Float64Array,
  iterations = 25,
): { weights: Float64Array; bias: number } {
  const d = NUM_ACCOUNT_FEATURES + 1;
  const beta = new Float64Array(d);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    for (let i = 0; i < x.length; i++) {
      const row = x[i];
      let z = beta[d - 1];
      for (let j = 0; j < d - 1; j++) z += beta[j] * row[j];
      const p = 1 / (1 + Math.exp(-z));
      const g = w[i] * (p - y[i]);
      const h = w[i] * Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        const xa = a === d - 1 ? 1 : row[a];
        grad[a] += g * xa;
        for (let b = 0; b <= a; b++) hess[a * d + b] += h * xa * (b === d - 1 ? 1 : row[b]);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) hess[b * d + a] = hess[a * d + b];
      if (a < d - 1) {
        grad[a] += L2 * beta[a];
        hess[a * d + a] += L2;
      }
    }
    const step = solve(hess, grad, d);
    let change = 0;
    for (let a = 0; a < d; a++) {
      beta[a] -= step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-7) break;
  }
  return { weights: beta.slice(0, d - 1), bias: beta[d - 1] };
}

/** Gaussian elimination with partial pivoting (the Hessian is small and positive definite). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const v = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[pivot * n + c])) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[pivot * n + k]] = [m[pivot * n + k], m[c * n + k]];
      [v[c], v[pivot]] = [v[pivot], v[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      v[r] -= f * v[c];
    }
  }
  const out = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = v[r];
    for (let k = r + 1; k < n; k++) s -= m[r * n + k] * out[k];
    out[r] = s / m[r * n + r];
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface AccountTrainResult {
  card: Record<string, unknown>;
  evaluation: { unseenSeeds: ProfileSummary[]; unseenVariants: ProfileSummary[] };
}

export async function trainAccountModel(opts: AccountTrainOptions): Promise<AccountTrainResult> {
  const { progress } = opts;
  const start = opts.start ?? START;
  // The content thresholds only shape what counts as suspicious/abusive in the windows.
  const basePolicy = loadPolicy({ modelThresholds: opts.content.card.thresholds });

  progress.stage('replay training scenarios through the in-process signal store');
  const snapshots: AccountSnapshot[] = [];
  for (const seed of opts.trainSeeds) {
    const scenario = buildScenario({ seed, accounts: opts.accountsPerSeed, start, realHam: opts.realHam });
    await replayScenario(scenario, {
      content: opts.content,
      policy: basePolicy,
      onSnapshot: (s) => snapshots.push(s),
      onProgress: (done, total) => progress.tick(`seed ${seed}`, done, total),
    });
  }
  const perAccount = new Map<string, number>();
  for (const s of snapshots) perAccount.set(s.accountId, (perAccount.get(s.accountId) ?? 0) + 1);
  const fitted = snapshots.filter((s) => !s.abusive || s.abuseIndex <= TRAIN_MAX_ABUSE_INDEX);
  const fittedPerAccount = new Map<string, number>();
  for (const s of fitted) fittedPerAccount.set(s.accountId, (fittedPerAccount.get(s.accountId) ?? 0) + 1);
  const x = fitted.map((s) => Float64Array.from(s.features));
  const y = Uint8Array.from(fitted, (s) => (s.abusive ? 1 : 0));
  const w = Float64Array.from(fitted, (s) => 1 / fittedPerAccount.get(s.accountId)!);
  progress.step(`${snapshots.length} snapshots from ${perAccount.size} accounts, ${fitted.length} fitted`);

  progress.stage('fit');
  const fit = fitLogistic(x, y, w);
  const params: AccountModelParams = { weights: Float32Array.from(fit.weights), bias: Math.fround(fit.bias) };

  // Thresholds from the training accounts: suspend above every honest account's highest risk once it
  // had sent enough to be judged, with a margin of 1.5 in log-odds; flag at 1 in 400 honest accounts.
  const minMessages = basePolicy.accountModel?.suspendMinMessages24h ?? 10;
  const honestMax = new Map<string, number>();
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i];
    if (s.abusive) continue;
    let z = params.bias;
    for (let j = 0; j < NUM_ACCOUNT_FEATURES; j++) z += params.weights[j] * s.features[j];
    const eligible = s.count24h + 1 >= minMessages;
    const key = s.accountId;
    honestMax.set(`${key}|all`, Math.max(honestMax.get(`${key}|all`) ?? -Infinity, z));
    if (eligible) honestMax.set(`${key}|judged`, Math.max(honestMax.get(`${key}|judged`) ?? -Infinity, z));
  }
  const judged = [...honestMax].filter(([k]) => k.endsWith('|judged')).map(([, z]) => z);
  const all = [...honestMax]
    .filter(([k]) => k.endsWith('|all'))
    .map(([, z]) => z)
    .sort((a, b) => a - b);
  const suspendLogit = Math.max(...judged) + 1.5;
  const flagLogit = Math.min(all[Math.floor(all.length * (1 - 1 / 400))] + 0.5, suspendLogit);
  const thresholds = { flag: round4(sigmoid(flagLogit)), suspend: round4(sigmoid(suspendLogit)) };
  progress.step(`thresholds flag ${thresholds.flag} suspend ${thresholds.suspend}`);

  progress.stage('export and parity');
  const onnxBytes = exportAccountOnnx(params, { version: opts.version });
  const golden = snapshots
    .filter((_, i) => i % Math.max(1, Math.floor(snapshots.length / 24)) === 0)
    .slice(0, 24);
  const goldenFeatures = golden.map((s) => Array.from(s.features, (v) => v));
  const session = await ort.InferenceSession.create(onnxBytes);
  const onnxRisks = await runAccountOnnx(session, goldenFeatures);
  await session.release();
  let parity = 0;
  goldenFeatures.forEach((row, i) => {
    let z = 0;
    for (let j = 0; j < NUM_ACCOUNT_FEATURES; j++)
      z = Math.fround(z + Math.fround(params.weights[j] * row[j]));
    parity = Math.max(parity, Math.abs(Math.fround(sigmoid(Math.fround(z + params.bias))) - onnxRisks[i]));
  });

  const onnxFile = `${opts.version}.onnx`;
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(join(opts.outDir, onnxFile), onnxBytes);
  const card: Record<string, unknown> = {
    name: 'account',
    version: opts.version,
    onnxFile,
    onnxSha256: createHash('sha256').update(onnxBytes).digest('hex'),
    // The account model reads signals, not text: no content feature schema applies.
    featureSchemaHash: ACCOUNT_FEATURE_SCHEMA,
    featureSchemaVersion: ACCOUNT_FEATURE_SCHEMA,
    // The content model whose scores fed the features and the evaluation: the pairing this card
    // measured. Serving this account model beside another content model is unevaluated.
    contentModel: { version: opts.content.version, onnxSha256: opts.content.card.onnxSha256 },
    features: ACCOUNT_FEATURES.map((f, j) => ({ ...f, weight: round4(params.weights[j]) })),
    bias: round4(params.bias),
    thresholds: { review: thresholds.flag, block: thresholds.suspend, ...thresholds },
    thresholdRule:
      'suspend: highest risk of any honest training account after 10 messages, plus 1.5 in log-odds; flag: the 99.75th percentile of honest accounts’ highest risk, plus 0.5 in log-odds',
    onnx: {
      opset: 13,
      inputs: { features: `float32 [N, ${NUM_ACCOUNT_FEATURES}]` },
      outputs: { risk: 'float32 [N]', logit: 'float32 [N]' },
      graph: 'features * W -> ReduceSum(axis 1) + bias -> Sigmoid',
      parityMaxAbsDiff: parity,
    },
    training: {
      algorithm: 'L2-regularised logistic regression, Newton (IRLS), each account weighted equally',
      l2: L2,
      labels:
        'simulator profile: abusive (snowshoe, smishing, sms_pumping, account_takeover, slow_drip) = 1, except a taken-over account’s own history before the takeover (= 0)',
      seeds: opts.trainSeeds,
      accountsPerSeed: opts.accountsPerSeed,
      simulatedStart: new Date(start).toISOString(),
      snapshots: snapshots.length,
      fittedSnapshots: fitted.length,
      maxAbusiveMessagesFittedPerAccount: TRAIN_MAX_ABUSE_INDEX,
      accountWeight: '1 / fitted rows of the account (each account weighs the same)',
      accounts: perAccount.size,
      data: opts.realHamSource ? [opts.realHamSource] : [],
      reviewerOutcomes: 'none yet: no reviewer labels exist in this repository',
    },
    goldenFeatures,
  };
  writeFileSync(join(opts.outDir, `${opts.version}.json`), `${JSON.stringify(card, null, 2)}\n`);

  progress.stage('evaluate: unseen seeds, then unseen profile variants');
  const model = await AccountModel.load({ modelDir: opts.outDir, version: opts.version });
  const policy = loadPolicy({
    modelThresholds: opts.content.card.thresholds,
    accountModelThresholds: thresholds,
  });
  const evaluate = async (set: 'train' | 'unseen') => {
    const outcomes = [];
    for (const seed of opts.evalSeeds) {
      const scenario = buildScenario({
        seed,
        accounts: opts.evalAccounts,
        start,
        set,
        realHam: opts.realHam,
      });
      const result = await replayScenario(scenario, {
        content: opts.content,
        policy,
        accountModel: model,
        onProgress: (done, total) => progress.tick(`${set} seed ${seed}`, done, total),
      });
      outcomes.push(...result.accounts);
    }
    return summarize(outcomes);
  };
  const unseenSeeds = await evaluate('train');
  const unseenVariants = await evaluate('unseen');
  card.evaluation = {
    seeds: opts.evalSeeds,
    accountsPerSeed: opts.evalAccounts,
    policy: policy.version,
    unseenSeeds,
    unseenVariants,
  };
  writeFileSync(join(opts.outDir, `${opts.version}.json`), `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(
    join(opts.outDir, `${opts.version}.report.md`),
    `# ${opts.version}\n\nSeeds ${opts.evalSeeds.join(', ')} (not used in training), ${opts.evalAccounts} accounts each.\n\n` +
      `## Unseen seeds, profiles as in training\n\n${formatSummaryTable(unseenSeeds, true)}\n\n` +
      `## Unseen profile variants (other pumping prefixes, new smishing templates and hosts, takeover of a one-time-code sender)\n\n${formatSummaryTable(unseenVariants, true)}\n`,
  );
  const manifestFile = join(opts.outDir, 'manifest.json');
  let manifest: Record<string, string> = {};
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    // a fresh output directory
  }
  manifest.account = opts.version;
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { card, evaluation: { unseenSeeds, unseenVariants } };
}
