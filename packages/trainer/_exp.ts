import { analyze, createFeatureRow, featurize, NUM_FEATURE_IDS } from '@gavel/features';
import { loadSmsCorpora, loadSpamAssassin, SPAM_ASSASSIN_GROUP_1 } from './src/corpora';
import { deduplicate, stratifiedFolds, stratifiedSplit } from './src/dedupSplit';
import { rawLogits, type TrainConfig, trainLogisticRegression } from './src/logisticRegression';
import { partialAuc, ratesAt, rocAuc } from './src/metrics';
import { fitPlatt } from './src/plattScaling';
import { sharedDataDir } from './src/repoRoot';
import { SparseDatasetBuilder } from './src/sparseDataset';

const sms = loadSmsCorpora(sharedDataDir()).flatMap((c) => c.messages);
const sa = loadSpamAssassin().messages.sort((a, b) => Number(!SPAM_ASSASSIN_GROUP_1.includes(a.label)) - Number(!SPAM_ASSASSIN_GROUP_1.includes(b.label)));
const smsA = sms.map((m) => analyze(m.text));
const saA = sa.map((m) => analyze(m.text));
const sd = deduplicate(sms, (_m, i) => smsA[i].normalized).kept;
const ed = deduplicate(sa, (_m, i) => saA[i].normalized).kept;
const b = new SparseDatasetBuilder(1 << 22);
const row = createFeatureRow();
const ex: { family: string; abusive: boolean; source: string; label: string; g1: boolean }[] = [];
for (const i of sd) { b.push(featurize(smsA[i], row), sms[i].abusive); ex.push({ ...sms[i], family: 'sms', g1: false }); }
for (const i of ed) { b.push(featurize(saA[i], row), sa[i].abusive); ex.push({ ...sa[i], family: 'email', g1: SPAM_ASSASSIN_GROUP_1.includes(sa[i].label) }); }
const data = b.build();
const { HASH_SPACE: HS } = await import('@gavel/features');
const fr = Uint8Array.from(ex, (e) => (e.family === 'email' ? 1 : 0));
const rw = (w: number) => Float32Array.from(ex, (e) => (e.family === 'email' ? w : 1));
const smsIdx = ex.flatMap((e, i) => (e.family === 'sms' ? [i] : []));
const part = stratifiedSplit(smsIdx.map((i) => `${ex[i].source}/${ex[i].label}`), [0.8, 0.2], 20261129);
const smsTrain = smsIdx.filter((_i, j) => part[j] === 0);
const smsTest = smsIdx.filter((_i, j) => part[j] === 1);
const emailTrain = ex.flatMap((e, i) => (e.family === 'email' && e.g1 ? [i] : []));
const emailTest = ex.flatMap((e, i) => (e.family === 'email' && !e.g1 ? [i] : []));
console.error('data ready');

const base: TrainConfig = { algorithm: 'adagrad', epochs: 6, learningRate: 0.1, l2: 1e-6, l1: 0, beta: 1, positiveWeight: 1, emailWeight: 1, seed: 1 };
const variants: [string, Partial<TrainConfig>, boolean][] = JSON.parse(process.argv[2]);
for (const [name, over, withEmail] of variants) {
  const cfg = { ...base, ...over };
  const train = Int32Array.from(withEmail ? [...smsTrain, ...emailTrain] : smsTrain);
  const folds = stratifiedFolds(Array.from(train, (i) => `${ex[i].source}/${ex[i].label}`), 5, 7);
  const oof = new Float64Array(train.length);
  for (let f = 0; f < 5; f++) {
    const fit = Int32Array.from(Array.from(train).filter((_r, j) => folds[j] !== f));
    const heldPos = Array.from(train.keys()).filter((j) => folds[j] === f);
    const m = trainLogisticRegression(data, fit, NUM_FEATURE_IDS, { ...cfg, seed: cfg.seed + f }, { rowWeights: rw(cfg.emailWeight), frozenRows: (cfg as any).freeze ? fr : undefined, frozenIdsFrom: HS });
    const l = rawLogits(m, data, Int32Array.from(heldPos, (j) => train[j]));
    heldPos.forEach((j, q) => (oof[j] = l[q]));
  }
  const labels = Uint8Array.from(train, (i) => data.labels[i]);
  const platt = fitPlatt(oof, labels);
  const smsJ = Array.from(train.keys()).filter((j) => ex[train[j]].family === 'sms');
  const s = Float64Array.from(smsJ, (j) => 1 / (1 + Math.exp(-(platt.a * oof[j] + platt.b))));
  const l = Uint8Array.from(smsJ, (j) => labels[j]);
  // test
  const final = trainLogisticRegression(data, train, NUM_FEATURE_IDS, cfg, { rowWeights: rw(cfg.emailWeight), frozenRows: (cfg as any).freeze ? fr : undefined, frozenIdsFrom: HS });
  const ts = Array.from(rawLogits(final, data, Int32Array.from(smsTest)), (z) => 1 / (1 + Math.exp(-(platt.a * z + platt.b))));
  const tl = Uint8Array.from(smsTest, (i) => data.labels[i]);
  const es = rawLogits(final, data, Int32Array.from(emailTest));
  const el = Uint8Array.from(emailTest, (i) => data.labels[i]);
  let bestF1 = 0; for (let t = 0.05; t < 0.95; t += 0.01) bestF1 = Math.max(bestF1, ratesAt(s, l, t).f1);
  console.log(name, JSON.stringify({ oofAuc: +rocAuc(s, l).toFixed(4), oofPauc: +partialAuc(s, l, 0.01).toFixed(4), oofF1: +ratesAt(s, l, 0.5).f1.toFixed(4), oofBestF1: +bestF1.toFixed(4),
    testAuc: +rocAuc(ts, tl).toFixed(4), testF1: +ratesAt(ts, tl, 0.5).f1.toFixed(4), emailAuc: withEmail ? +rocAuc(es, el).toFixed(4) : null }));
}
if (process.argv[3] === 'dense') {
  const { DENSE_FEATURES, HASH_SPACE } = await import('@gavel/features');
  const cfg = { ...base, l2: 0.001 };
  const a = trainLogisticRegression(data, Int32Array.from(smsTrain), NUM_FEATURE_IDS, cfg);
  const bm = trainLogisticRegression(data, Int32Array.from([...smsTrain, ...emailTrain]), NUM_FEATURE_IDS, cfg);
  console.log('bias', a.bias.toFixed(2), bm.bias.toFixed(2));
  DENSE_FEATURES.forEach((f, i) => console.log(f.name.padEnd(26), a.weights[HASH_SPACE + i].toFixed(2).padStart(7), bm.weights[HASH_SPACE + i].toFixed(2).padStart(7)));
}
