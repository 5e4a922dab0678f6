// Horizontal bar chart in plain SVG. Values are also given as text (and in the aria-label) so
// the chart never carries information by colour or length alone.
export interface Bar {
  label: string;
  value: number;
  display?: string;
}

const ROW = 26;
const LABEL_WIDTH = 180;
const WIDTH = 560;

export function BarChart({ bars, title, max }: { bars: Bar[]; title: string; max?: number }) {
  if (bars.length === 0) return <p className="empty">No data yet.</p>;
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 8;
  const barSpace = WIDTH - LABEL_WIDTH - 70;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.display ?? b.value}`).join('; ')}`;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={summary}>
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const w = top > 0 ? Math.max(0, (b.value / top) * barSpace) : 0;
        return (
          <g key={b.label}>
            <text x={LABEL_WIDTH - 8} y={y + 15} textAnchor="end" fontSize="12" fill="#1d2939">
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 10} fill="#2453a6" rx="2" />
            <text x={LABEL_WIDTH + w + 6} y={y + 15} fontSize="12" fill="#1d2939">
              {b.display ?? b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
