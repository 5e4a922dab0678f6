/** The goal table of issue 8, filled from a training run's held-out figures. */
import type { EvasionFigures, FixtureCheck } from './contentChecks';
import { round } from './contentChecks';
import type { EvaluationSummary } from './evaluation';
import { SMS_TIME_SPLIT_TEST, type SourceRow } from './leaveOneSourceOut';

export function contentGoals(
  perSource: readonly SourceRow[],
  comparison: EvaluationSummary,
  pooledSummary: EvaluationSummary,
  evasion: Record<string, EvasionFigures>,
  a2pFixture: FixtureCheck | null,
) {
  const thai = perSource.find((r) => r.source === 'thai-sms');
  // Fraud-vs-ham by the label map: a source with no abusive row (ExAIS: ham and bulk only) has no AUC
  // or recall and is left out of these two goals; its ham counts in the pooled FPR goal.
  const smsRowsTable = perSource.filter((r) => r.source !== SMS_TIME_SPLIT_TEST && Number.isFinite(r.auc));
  const fraudSources = smsRowsTable.map((r) => r.source).join(', ');
  const emailRow = perSource.find((r) => r.source === SMS_TIME_SPLIT_TEST)!;
  const worstAuc = Math.min(...smsRowsTable.map((r) => r.auc));
  const meanRecall = round(smsRowsTable.reduce((a, r) => a + r.recallAt01Fpr, 0) / smsRowsTable.length, 4);
  const worstMedian = Math.max(...Object.values(evasion).map((e) => e.p50));
  const worstP90 = Math.max(...Object.values(evasion).map((e) => e.p90));
  const goals = [
    {
      measure: `worst held-out SMS source with fraud rows (${fraudSources}), ROC AUC (LOSO)`,
      today: 'not measured',
      goal: '>= 0.97',
      achieved: worstAuc,
      met: worstAuc >= 0.97,
    },
    {
      measure: `mean over held-out SMS sources with fraud rows (${fraudSources}), recall at 0.1% FPR (LOSO)`,
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
  return goals;
}
