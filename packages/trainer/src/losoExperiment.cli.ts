/**
 * `pnpm tsx packages/trainer/src/losoExperiment.cli.ts [--schema 2026.12.1] [--base N]
 *   [--candidate '<json overrides of DEFAULT_CANDIDATES[N]>'] [--gbdt '<json GbdtConfig overrides>']`
 * One leave-one-source-out run of one candidate (linear, or the stacked trees with --gbdt), printed as
 * a line of the selection table: to measure one feature, weight or learner choice without a full train.
 * e.g. --candidate '{"trainAsAbusive":["exais-sms"]}' trains ExAIS "1" as abusive (evaluation stays
 * by the label map).
 */
import { parseArgs } from 'node:util';
import { FEATURE_SCHEMA_VERSION, type FeatureSchemaVersion } from '@gavel/features';
import { DEFAULT_CANDIDATES } from './contentCandidates';
import { buildDataset, loadContentExamples } from './contentExamples';
import { SMS_SOURCE_NAMES } from './corpora';
import { type Candidate, leaveOneSourceOut, rankingFigures } from './leaveOneSourceOut';
import { createProgress } from './progress';
import { findRepoRoot, sharedDataDir } from './repoRoot';
import { DEFAULT_GBDT, leaveOneSourceOutStacked } from './stackedTrees';

const { values } = parseArgs({
  options: {
    schema: { type: 'string', default: FEATURE_SCHEMA_VERSION },
    candidate: { type: 'string', default: '{}' },
    base: { type: 'string', default: '0' },
    gbdt: { type: 'string' },
  },
});
const progress = createProgress(process.stderr, true);
const loaded = loadContentExamples(sharedDataDir(findRepoRoot()), progress);
const dataset = buildDataset(
  loaded.examples,
  values.schema as FeatureSchemaVersion,
  loaded.shortenerSet,
  progress,
);
const base = DEFAULT_CANDIDATES[Number(values.base)];
const overrides = JSON.parse(values.candidate ?? '{}') as Partial<Candidate> & { config?: object };
const candidate: Candidate = {
  ...base,
  ...overrides,
  config: { ...base.config, ...(overrides.config ?? {}), seed: 20261129 },
  groupWeights: { ...base.groupWeights, ...(overrides.groupWeights ?? {}) },
};
const held = values.gbdt
  ? leaveOneSourceOutStacked(
      dataset.data,
      dataset.info,
      SMS_SOURCE_NAMES,
      dataset.numFeatureIds,
      candidate,
      dataset.nonNegative,
      { ...DEFAULT_GBDT, ...JSON.parse(values.gbdt) },
    )
  : leaveOneSourceOut(
      dataset.data,
      dataset.info,
      SMS_SOURCE_NAMES,
      dataset.numFeatureIds,
      candidate,
      dataset.nonNegative,
    );
const f = rankingFigures(held, dataset.info, dataset.data);
console.log(
  `schema ${values.schema} base ${values.base} ${JSON.stringify(overrides)}${values.gbdt ? ` gbdt ${values.gbdt}` : ''}: worst ${f.worstSmsAuc} meanAUC ${f.meanSmsAuc} meanR@0.1% ${f.meanSmsRecallAt01Fpr} email ${f.emailAuc} | ${f.perSource.map((p) => `${p.source} ${p.auc}/${p.recallAt01Fpr}`).join(' ')}`,
);
