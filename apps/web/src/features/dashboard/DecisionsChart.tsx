// Decisions per day as grouped columns (reinstated / upheld).
const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 32, bottom: 24, top: 10 };

export function DecisionsChart({ days }: { days: { day: string; reinstated: number; upheld: number }[] }) {
  if (days.length === 0) return <p className="empty">No decisions yet.</p>;
  const top = Math.max(1, ...days.map((d) => Math.max(d.reinstated, d.upheld)));
  const slot = (WIDTH - PAD.left) / days.length;
  const barW = Math.min(24, slot / 2 - 4);
  const h = (v: number) => (v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const summary = `Decisions per day: ${days.map((d) => `${d.day} ${d.reinstated} reinstated, ${d.upheld} upheld`).join('; ')}`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line x1={PAD.left} x2={WIDTH} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="#98a2b3" />
        <text x={PAD.left - 6} y={PAD.top + 8} fontSize="11" textAnchor="end" fill="#344054">
          {top}
        </text>
        {days.map((d, i) => {
          const x = PAD.left + i * slot + slot / 2;
          return (
            <g key={d.day}>
              <rect
                x={x - barW - 1}
                y={HEIGHT - PAD.bottom - h(d.reinstated)}
                width={barW}
                height={h(d.reinstated)}
                fill="#1b7f3b"
              />
              <rect
                x={x + 1}
                y={HEIGHT - PAD.bottom - h(d.upheld)}
                width={barW}
                height={h(d.upheld)}
                fill="#b42318"
              />
              <text x={x} y={HEIGHT - 8} fontSize="11" textAnchor="middle" fill="#344054">
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend-dot" style={{ background: '#1b7f3b' }} /> reinstated{' '}
        <span className="legend-dot" style={{ background: '#b42318' }} /> upheld
      </figcaption>
    </figure>
  );
}
