/** The markdown tables of the content model's report: the per-source LOSO table and the selection table. */
import type { RankingFigures, SourceRow } from './leaveOneSourceOut';

export function formatSourceTable(rows: SourceRow[]): string {
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

export function formatSelection(names: string[], figures: RankingFigures[], chosen: number): string {
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
