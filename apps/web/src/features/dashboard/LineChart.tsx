// A line chart in plain SVG for the live figures (one point per minute). Values are given in the
// aria-label and the legend shows each series' latest value, so nothing is read from colour alone.
export interface Series {
  label: string;
  color: string;
  /** NaN = no value that minute (drawn as a gap, e.g. no message was compared). */
  values: number[];
  /** How the latest value is shown in the legend (default: the number). */
  format?: (v: number) => string;
}

const WIDTH = 560;
const HEIGHT = 170;
const PAD = { left: 40, right: 8, top: 10, bottom: 22 };

export function LineChart({
  title,
  series,
  xLabels,
  max,
  testId,
}: {
  title: string;
  series: Series[];
  /** One label per point (e.g. "10:42"); the first, middle and last are drawn. */
  xLabels: string[];
  max?: number;
  testId?: string;
}) {
  const points = xLabels.length;
  if (points === 0) return <p className="empty">No data yet.</p>;
  const top = max ?? Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points === 1 ? plotW : (i / (points - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;
  const show = (s: Series, v: number) => (!Number.isFinite(v) ? 'none' : s.format ? s.format(v) : String(v));
  const latest = (s: Series) => show(s, [...s.values].reverse().find(Number.isFinite) ?? Number.NaN);
  const summary = `${title}, ${xLabels[0]} to ${xLabels.at(-1)}: ${series
    .map((s) => `${s.label} ${s.values.map((v) => show(s, v)).join(', ')}`)
    .join('; ')}`;
  // One polyline per run of values (a NaN ends a run), so a gap is not drawn as a fall to zero; a
  // run of one point is a dot.
  const runs = (values: number[]) => {
    const out: [number, number][][] = [];
    let run: [number, number][] = [];
    values.forEach((v, i) => {
      if (Number.isFinite(v)) run.push([x(i), y(v)]);
      else if (run.length > 0) {
        out.push(run);
        run = [];
      }
    });
    if (run.length > 0) out.push(run);
    return out;
  };
  const ticks = [...new Set([0, Math.floor((points - 1) / 2), points - 1])];
  return (
    <figure className="chart" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
          stroke="#98a2b3"
        />
        <text x={PAD.left - 6} y={PAD.top + 8} fontSize="11" textAnchor="end" fill="#344054">
          {series[0]?.format ? series[0].format(top) : top}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} fontSize="11" textAnchor="end" fill="#344054">
          0
        </text>
        {ticks.map((i) => (
          <text
            key={i}
            x={x(i)}
            y={HEIGHT - 6}
            fontSize="11"
            textAnchor={i === 0 ? 'start' : i === points - 1 ? 'end' : 'middle'}
            fill="#344054"
          >
            {xLabels[i]}
          </text>
        ))}
        {series.flatMap((s) =>
          runs(s.values).map((run, k) =>
            run.length === 1 ? (
              <circle
                key={`${s.label}-${k}`}
                data-series={s.label}
                cx={run[0][0]}
                cy={run[0][1]}
                r="3"
                fill={s.color}
              />
            ) : (
              <polyline
                key={`${s.label}-${k}`}
                data-series={s.label}
                fill="none"
                stroke={s.color}
                strokeWidth="2"
                points={run.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}
              />
            ),
          ),
        )}
      </svg>
      <figcaption>
        {series.map((s) => (
          <span key={s.label} className="legend-item">
            <span className="legend-dot" style={{ background: s.color }} /> {s.label}{' '}
            <strong>{latest(s)}</strong>{' '}
          </span>
        ))}
        (latest minute)
      </figcaption>
    </figure>
  );
}
