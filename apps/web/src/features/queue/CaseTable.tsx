import { Link } from 'react-router';
import type { CaseSummary } from '../../api/adapters';
import { Badge } from '../../primitives/Badge';
import { formatCount } from '../../primitives/formatCount';
import { formatDateTime, formatDuration } from '../../primitives/formatTime';
import { type QueueSort, type SortKey, slaCountdown } from './queueView';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'priority', label: 'Case' },
  { key: 'kind', label: 'Kind' },
  { key: 'account', label: 'Account' },
  { key: 'score', label: 'Opening score' },
  { key: 'reason', label: 'Top reason' },
  { key: 'age', label: 'Account age' },
  { key: 'volume', label: 'Messages, 24 h' },
  { key: 'due', label: 'Due' },
  { key: 'holder', label: 'Held by' },
];

const DAY_MS = 86_400_000;
const STATUS_TONE: Record<string, 'success' | 'warning' | 'danger'> = {
  active: 'success',
  flagged: 'warning',
  suspended: 'danger',
};

const NOT_RECORDED = <span className="muted">not recorded</span>;

export function CaseTable({
  cases,
  caption,
  sort,
  onSort,
  selectedId,
  now,
}: {
  cases: CaseSummary[];
  caption: string;
  sort: QueueSort;
  onSort: (sort: QueueSort) => void;
  selectedId: string | null;
  now: Date;
}) {
  if (cases.length === 0) return <p className="empty">No cases match these filters.</p>;
  return (
    <div className="table-wrap">
      <table className="cases">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => {
              const active = sort.key === col.key;
              return (
                <th key={col.key} scope="col" aria-sort={active ? sort.direction : undefined}>
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      onSort({
                        key: col.key,
                        direction: active && sort.direction === 'ascending' ? 'descending' : 'ascending',
                      })
                    }
                  >
                    {col.label}
                    <span aria-hidden="true" className="sort-mark">
                      {active ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => {
            const sla = slaCountdown(c.dueAt, now);
            const overdue = c.status !== 'decided' && sla.overdue;
            const selected = c.id === selectedId;
            return (
              <tr
                key={c.id}
                data-case-id={c.id}
                aria-current={selected ? 'true' : undefined}
                className={
                  [overdue ? 'overdue' : '', selected ? 'selected' : ''].filter(Boolean).join(' ') ||
                  undefined
                }
              >
                <th scope="row">
                  <Link to={`/review/cases/${c.id}`}>{c.id}</Link>
                  <div className="muted">
                    {c.statusLabel}
                    {c.outcome ? ` (${c.outcome})` : ''}
                    {c.closedWith ? (
                      <>
                        {' '}
                        with <Link to={`/review/cases/${c.closedWith.caseId}`}>{c.closedWith.caseId}</Link>
                      </>
                    ) : null}
                  </div>
                </th>
                <td>{c.kindLabel}</td>
                <td>
                  <Link to={`/review/accounts/${encodeURIComponent(c.accountId)}`}>
                    <code>{c.accountId}</code>
                  </Link>
                  <div>
                    <Badge tone={STATUS_TONE[c.accountStatus] ?? 'neutral'}>{c.accountStatus}</Badge>
                  </div>
                </td>
                <td className="num">{c.openingScore === null ? NOT_RECORDED : c.openingScore.toFixed(2)}</td>
                <td>{c.openingReason ? c.openingReason.message : NOT_RECORDED}</td>
                <td>{formatDuration(c.accountAgeDays * DAY_MS)}</td>
                <td className="num">{formatCount(c.accountMessages24h, 'message')}</td>
                <td className={overdue ? 'sla sla-overdue' : 'sla'}>
                  {c.status === 'decided' ? (
                    <span className="muted">decided</span>
                  ) : (
                    <>
                      <time dateTime={c.dueAt.toISOString()} title={formatDateTime(c.dueAt)}>
                        {sla.text}
                      </time>{' '}
                      {overdue ? <Badge tone="danger">Overdue</Badge> : null}
                    </>
                  )}
                </td>
                <td>{c.assignee ? c.assignee.name : <span className="muted">Nobody</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
