import { formatCount } from '../../primitives/formatCount';
import { formatDateTime, formatShortDateTime } from '../../primitives/formatTime';

// A hand-written SVG line of message scores over time, one dot per scored message coloured by
// action, with the review and block thresholds drawn as guides.
const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

const ACTION_COLOUR: Record<string, string> = { allow: '#1b7f3b', review: '#9a6700', block: '#b42318' };

export function ScoreChart({ points }: { points: { at: Date; score: number; action: string }[] }) {
  if (points.length === 0) return <p className="empty">No scored messages.</p>;
  const t0 = points[0].at.getTime();
  const t1 = points[points.length - 1].at.getTime();
  const span = Math.max(1, t1 - t0);
  const x = (t: number) => PAD.left + ((t - t0) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (s: number) => PAD.top + (1 - s) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at.getTime()).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(' ');
  const counts = points.reduce<Record<string, number>>((acc, p) => {
    acc[p.action] = (acc[p.action] ?? 0) + 1;
    return acc;
  }, {});
  const summary = `${formatCount(points.length, 'message')} scored between ${formatDateTime(new Date(t0))} and ${formatDateTime(new Date(t1))}; highest score ${Math.max(...points.map((p) => p.score)).toFixed(2)}; ${Object.entries(
    counts,
  )
    .map(([action, n]) => `${n} ${action}`)
    .join(', ')}.`;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        preserveAspectRatio="xMidYMid meet"
      >
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} stroke="#d0d5dd" />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#344054">
              {v.toFixed(1)}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#475467" strokeWidth="1.5" />
        {points.map((p, i) => (
          <circle
            key={i}
            cx={x(p.at.getTime())}
            cy={y(p.score)}
            r="3.5"
            fill={ACTION_COLOUR[p.action] ?? '#475467'}
          />
        ))}
        <text x={PAD.left} y={HEIGHT - 8} fontSize="11" fill="#344054">
          {formatShortDateTime(new Date(t0))}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} fontSize="11" fill="#344054" textAnchor="end">
          {formatShortDateTime(new Date(t1))} UTC
        </text>
      </svg>
      <figcaption>
        <span className="legend-dot" style={{ background: ACTION_COLOUR.allow }} /> allow{' '}
        <span className="legend-dot" style={{ background: ACTION_COLOUR.review }} /> review{' '}
        <span className="legend-dot" style={{ background: ACTION_COLOUR.block }} /> block. {summary}
      </figcaption>
    </figure>
  );
}
