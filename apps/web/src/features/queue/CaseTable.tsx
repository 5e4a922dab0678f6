import { Link } from 'react-router';
import type { CaseSummary } from '../../api/adapters';
import { Badge } from '../../primitives/Badge';
import { formatDateTime, formatRelative } from '../../primitives/formatTime';

export function CaseTable({ cases, caption }: { cases: CaseSummary[]; caption: string }) {
  if (cases.length === 0) return <p className="empty">No cases match these filters.</p>;
  const now = new Date();
  return (
    <div className="table-wrap">
      <table className="cases">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Kind</th>
            <th scope="col">Account</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">Held by</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} className={c.overdue ? 'overdue' : undefined}>
              <th scope="row">
                <Link to={`/review/cases/${c.id}`}>{c.id}</Link>
              </th>
              <td>{c.kindLabel}</td>
              <td>
                <code>{c.accountId}</code>
              </td>
              <td>
                {c.statusLabel}
                {c.outcome ? ` (${c.outcome})` : ''}
              </td>
              <td>
                <time dateTime={c.dueAt.toISOString()} title={formatDateTime(c.dueAt)}>
                  {formatRelative(c.dueAt, now)}
                </time>{' '}
                {c.overdue ? <Badge tone="danger">Overdue</Badge> : null}
              </td>
              <td>{c.assignee ? c.assignee.name : <span className="muted">Nobody</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
