import type { ThresholdPair } from '@gavel/model';
import type { EvaluationSummary } from './evaluation';
import { type CurvePoint, curves } from './metrics';

export interface ReportDataset {
  name: string;
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  summary: EvaluationSummary;
  /** Highest-scoring benign and lowest-scoring abusive messages, already redacted. */
  worstFalsePositives: { score: number; excerpt: string; source: string }[];
  worstFalseNegatives: { score: number; excerpt: string; source: string }[];
}

export interface ReportInput {
  version: string;
  thresholds: ThresholdPair;
  datasets: ReportDataset[];
  /** Extra Markdown sections (goals, evasion, synthetic check, ...), already formatted; `top` ones come first. */
  sections: { title: string; body: string; top?: boolean }[];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const SIZE = 320;
const PAD = 40;

/** Keeps at most ~400 points per curve so the SVG stays small; always keeps the ends. */
function thin(points: CurvePoint[], max = 400): CurvePoint[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out: CurvePoint[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.floor(i * step)]);
  out.push(points[points.length - 1]);
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

function svgChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: { name: string; points: CurvePoint[] }[],
  diagonal: boolean,
): string {
  const plot = SIZE - 2 * PAD;
  const px = (x: number) => (PAD + x * plot).toFixed(1);
  const py = (y: number) => (SIZE - PAD - y * plot).toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif" font-size="11">`,
    `<rect x="${PAD}" y="${PAD}" width="${plot}" height="${plot}" fill="none" stroke="#999"/>`,
    `<text x="${SIZE / 2}" y="16" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${SIZE / 2}" y="${SIZE - 8}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="12" y="${SIZE / 2}" text-anchor="middle" transform="rotate(-90 12 ${SIZE / 2})">${escapeXml(yLabel)}</text>`,
  ];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="${px(t)}" y="${SIZE - PAD + 14}" text-anchor="middle">${t}</text>`);
    parts.push(`<text x="${PAD - 4}" y="${Number(py(t)) + 4}" text-anchor="end">${t}</text>`);
  }
  if (diagonal)
    parts.push(
      `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}" stroke="#ccc" stroke-dasharray="4"/>`,
    );
  series.forEach((s, i) => {
    const d = thin(s.points)
      .map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p.x)},${py(p.y)}`)
      .join('');
    const colour = COLOURS[i % COLOURS.length];
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/>`);
    parts.push(`<text x="${PAD + 8}" y="${PAD + 16 + i * 14}" fill="${colour}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;

function confusionTable(summary: EvaluationSummary, thresholds: ThresholdPair): string {
  const rows = [
    ['decision 0.5', summary.atDecision],
    [`review ${thresholds.review}`, summary.atReview],
    [`block ${thresholds.block}`, summary.atBlock],
  ] as const;
  const lines = [
    '| threshold | TP | FP | TN | FN | precision | recall | FPR (95% CI) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const [name, p] of rows) {
    const c = p.confusion;
    lines.push(
      `| ${name} | ${c.tp} | ${c.fp} | ${c.tn} | ${c.fn} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.fpr, 3)} (${pct(p.fprCi.low, 3)}-${pct(p.fprCi.high, 3)}) |`,
    );
  }
  return lines.join('\n');
}

function exampleTable(rows: { score: number; excerpt: string; source: string }[]): string {
  if (rows.length === 0) return '_none_';
  const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  return [
    '| score | source | redacted excerpt |',
    '|--:|---|---|',
    ...rows.map((r) => `| ${r.score.toFixed(4)} | ${r.source} | ${cell(escapeXml(r.excerpt))} |`),
  ].join('\n');
}

/** The training report: curves, confusion matrices and worst errors per test dataset. */
export function renderReport(input: ReportInput): string {
  const rocSeries = input.datasets.map((d) => ({
    name: `${d.name} (AUC ${d.summary.auc.toFixed(4)})`,
    points: curves(d.scores, d.labels).roc,
  }));
  const prSeries = input.datasets.map((d) => ({ name: d.name, points: curves(d.scores, d.labels).pr }));
  const out: string[] = [
    `# Content model ${input.version}: training report`,
    '',
    `Thresholds: review ${input.thresholds.review}, block ${input.thresholds.block}. All figures on held-out, deduplicated data (each source scored by a model that never saw it); message excerpts are redacted (numbers, emails and URL paths masked).`,
    '',
    ...input.sections.filter((x) => x.top).flatMap((x) => [`## ${x.title}`, '', x.body, '']),
    '## Curves',
    '',
    svgChart('ROC', 'false-positive rate', 'true-positive rate', rocSeries, true),
    svgChart('Precision-recall', 'recall', 'precision', prSeries, false),
    '',
  ];
  for (const d of input.datasets) {
    const s = d.summary;
    out.push(
      `## ${d.name}`,
      '',
      `${s.n} messages (${s.positives} abusive, ${s.negatives} benign). ROC AUC ${s.auc.toFixed(4)} (95% CI ${s.aucCi.low.toFixed(4)}-${s.aucCi.high.toFixed(4)}), F1 at 0.5 ${s.f1.toFixed(4)} (${s.f1Ci.low.toFixed(4)}-${s.f1Ci.high.toFixed(4)}).`,
      '',
      confusionTable(s, input.thresholds),
      '',
      '### Worst false positives (benign, highest scores)',
      '',
      exampleTable(d.worstFalsePositives),
      '',
      '### Worst false negatives (abusive, lowest scores)',
      '',
      exampleTable(d.worstFalseNegatives),
      '',
    );
  }
  for (const section of input.sections.filter((x) => !x.top))
    out.push(`## ${section.title}`, '', section.body, '');
  return `${out.join('\n').trimEnd()}\n`;
}
