import type { SignalRow } from '../../api/accountSignals';

/** Account signals as label/value pairs (case page and account page), or a line saying none. */
export function SignalList({ rows }: { rows: SignalRow[] }) {
  if (rows.length === 0) return <p className="empty">No signal snapshot was recorded.</p>;
  return (
    <dl className="signals">
      {rows.map((row) => (
        <div key={row.key}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
