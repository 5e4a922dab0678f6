import { useState } from 'react';
import { Link, useOutletContext, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { AccountPrivacy } from '../features/account/AccountPrivacy';
import { ScoreChart } from '../features/case/ScoreChart';
import { SignalList } from '../features/case/SignalList';
import { CaseTable } from '../features/queue/CaseTable';
import { DEFAULT_SORT, type QueueSort, sortCases } from '../features/queue/queueView';
import { Alert } from '../primitives/Alert';
import { Badge } from '../primitives/Badge';
import { formatCount } from '../primitives/formatCount';
import { formatDateTime, formatDuration } from '../primitives/formatTime';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { Section } from '../primitives/Section';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useNow } from '../primitives/useNow';
import { useAccountQuery } from '../queries/useAccountQuery';
import type { ReviewOutletContext } from './ReviewLayout';

const STATUS_TONE = { active: 'success', flagged: 'warning', suspended: 'danger' } as const;
const DAY_MS = 86_400_000;
const TIMELINE_ROWS = 50;

export function AccountRoute() {
  const { id = '' } = useParams();
  const { session } = useOutletContext<ReviewOutletContext>();
  const query = useAccountQuery(id);
  const now = useNow();
  const [sort, setSort] = useState<QueueSort>(DEFAULT_SORT);
  useDocumentTitle(`Account ${id}`);
  if (query.isPending) return <Loading label="Loading the account…" />;
  if (query.isError) {
    return (
      <Alert tone="error">
        {isApiError(query.error, 404) ? `No account ${id} is known.` : query.error.message}
      </Alert>
    );
  }
  const a = query.data;
  const modelScored = a.decisions
    .filter((d) => d.score !== null && !d.blockedWhileSuspended)
    .map((d) => ({ at: d.at, score: d.score as number, action: d.action }))
    .sort((x, y) => x.at.getTime() - y.at.getTime());
  return (
    <div className="account-page">
      <p>
        <Link to="/review">← Back to the queue</Link>
      </p>
      <div className="page-head">
        <PageHeading>
          Account <code>{a.account.id}</code>
        </PageHeading>
        <div className="case-badges">
          <Badge tone={STATUS_TONE[a.account.status]}>{a.account.status}</Badge>
          {a.account.allowlisted ? <Badge tone="info">allowlisted</Badge> : null}
          {a.account.blocklisted ? <Badge tone="danger">blocklisted</Badge> : null}
        </div>
      </div>
      <div className="case-grid">
        <div className="case-main">
          <Section title="Status and its history">
            <dl className="facts">
              <dt>Status</dt>
              <dd data-testid="account-status">{a.account.status}</dd>
              <dt>Risk</dt>
              <dd>{a.account.risk.toFixed(2)}</dd>
              <dt>Age</dt>
              <dd>
                {formatDuration(a.account.ageDays * DAY_MS)} (first seen{' '}
                {formatDateTime(a.account.firstSeenAt)})
              </dd>
              <dt>Messages scored</dt>
              <dd>
                {formatCount(a.account.messageCount, 'message')}:{' '}
                {a.account.blockedCount.toLocaleString('en-GB')} blocked by score or risk,{' '}
                {a.account.blockedWhileSuspendedCount.toLocaleString('en-GB')} blocked while suspended
              </dd>
            </dl>
            {a.statusHistory.length === 0 ? (
              <p className="empty">The status never changed.</p>
            ) : (
              <ol className="timeline">
                {a.statusHistory.map((h, i) => (
                  <li key={i}>
                    {formatDateTime(h.at)}: {h.from} → <strong>{h.to}</strong> ({h.actor})
                    {h.caseId ? (
                      <>
                        {' '}
                        in <Link to={`/review/cases/${h.caseId}`}>{h.caseId}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Every case">
            <CaseTable
              cases={sortCases(a.cases, sort)}
              caption={formatCount(a.cases.length, 'case')}
              sort={sort}
              onSort={setSort}
              selectedId={null}
              now={now}
            />
          </Section>
          <Section title="Decision timeline">
            <ScoreChart points={modelScored} />
            <table className="decisions">
              <caption>
                The newest {formatCount(Math.min(TIMELINE_ROWS, a.decisions.length), 'decision')}
                {a.olderDecisionsBefore ? ' (older ones are in the export)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Message</th>
                  <th scope="col">Action</th>
                  <th scope="col">Score</th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {a.decisions.slice(0, TIMELINE_ROWS).map((d) => (
                  <tr key={d.messageId}>
                    <td>{formatDateTime(d.at)}</td>
                    <td>
                      <code>{d.messageId}</code> <span className="muted">{d.channel}</span>
                    </td>
                    <td>{d.action}</td>
                    <td className="num">
                      {d.blockedWhileSuspended || d.score === null ? (
                        <span className="muted">already suspended</span>
                      ) : (
                        d.score.toFixed(2)
                      )}
                    </td>
                    <td>{d.reasons.map((r) => r.message).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </div>
        <div className="case-side">
          {session.reviewer.isAdmin && a.canManagePrivacy ? (
            <AccountPrivacy accountId={a.account.id} pendingErasure={a.pendingErasure} />
          ) : null}
          <Section title="Signals">
            <SignalList rows={a.signals} />
          </Section>
          <Section title="Notices sent">
            {a.notices.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <ul data-testid="account-notices">
                {a.notices.map((n) => (
                  <li key={n.id}>
                    {n.topic.replace(/[._]/g, ' ')} by {n.kind}: {n.status}
                    {n.sentAt ? `, ${formatDateTime(n.sentAt)}` : `, queued ${formatDateTime(n.createdAt)}`}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Suspensions">
            {a.suspensions.length === 0 ? (
              <p className="empty">None.</p>
            ) : (
              <ul>
                {a.suspensions.map((s) => (
                  <li key={s.id}>
                    <code>{s.id}</code> {s.status}, {formatDateTime(s.suspendedAt)}
                    {s.closedAt ? ` to ${formatDateTime(s.closedAt)}` : ''} (
                    {s.automatedDecision ? 'automated' : 'by a reviewer'}):{' '}
                    {s.reasons.map((r) => r.message).join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
