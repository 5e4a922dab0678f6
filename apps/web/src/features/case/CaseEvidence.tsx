import { Link } from 'react-router';
import type { CaseDetail } from '../../api/adapters';
import { APPEAL_STATUS_LABEL } from '../../api/adapters';
import { Badge } from '../../primitives/Badge';
import { formatCount } from '../../primitives/formatCount';
import { formatDateTime } from '../../primitives/formatTime';
import { Section } from '../../primitives/Section';
import { HighlightedExcerpt } from './HighlightedExcerpt';
import { ScoreChart } from './ScoreChart';
import { SignalList } from './SignalList';

export function AccountPanel({ detail }: { detail: CaseDetail }) {
  const a = detail.account;
  return (
    <Section title="Account">
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge tone={a.status === 'suspended' ? 'danger' : a.status === 'flagged' ? 'warning' : 'success'}>
            {a.status}
          </Badge>
        </dd>
        <dt>Risk</dt>
        <dd>{a.risk.toFixed(2)}</dd>
        <dt>Age</dt>
        <dd>
          {a.ageDays < 1 ? 'less than a day' : formatCount(Math.floor(a.ageDays), 'day')} (since{' '}
          {formatDateTime(a.createdAt)})
        </dd>
        <dt>Messages scored</dt>
        <dd>
          {formatCount(a.messageCount, 'message')} ({a.blockedCount.toLocaleString('en-GB')} blocked)
        </dd>
      </dl>
      {a.statusHistory.length > 0 ? (
        <>
          <h3>Status history</h3>
          <ol className="timeline">
            {a.statusHistory.map((s, i) => (
              <li key={i}>
                {formatDateTime(s.at)}: {s.from ?? 'new'} → <strong>{s.to}</strong> ({s.actor})
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Section>
  );
}

export function ScoresPanel({ detail }: { detail: CaseDetail }) {
  const { count, first, last } = detail.suspendedOnly;
  const e = detail.evidenceCounts;
  return (
    <Section title="Message scores over time">
      <p data-testid="evidence-counts">
        From {formatDateTime(e.from)} to {formatDateTime(e.to)}: {formatCount(e.messages, 'message')} scored,{' '}
        {e.blocked.toLocaleString('en-GB')} blocked by score or risk, {e.review.toLocaleString('en-GB')} sent
        to review, {e.allowed.toLocaleString('en-GB')} allowed
        {e.blockedWhileSuspended > 0
          ? `; ${e.blockedWhileSuspended.toLocaleString('en-GB')} more blocked only because the account was already suspended`
          : ''}
        .
      </p>
      <ScoreChart points={detail.scores} />
      {count > 0 ? (
        <p className="muted" data-testid="suspended-only">
          Not drawn: {formatCount(count, 'more message was', 'more messages were')} blocked only because the
          account was already suspended
          {first && last
            ? first.getTime() === last.getTime()
              ? ` (${formatDateTime(first)})`
              : ` (${formatDateTime(first)} to ${formatDateTime(last)})`
            : ''}
          . No model scored {count === 1 ? 'it' : 'them'}, so {count === 1 ? 'it is' : 'they are'} no evidence
          either way.
        </p>
      ) : null}
    </Section>
  );
}

export function ReasonsPanel({ detail }: { detail: CaseDetail }) {
  const max = Math.max(0.0001, ...detail.topReasons.map((r) => Math.abs(r.weight)));
  return (
    <Section title="Top reasons">
      {detail.topReasons.length === 0 ? (
        <p className="empty">No reasons recorded.</p>
      ) : (
        <table className="reasons-table">
          <caption className="sr-only">Reasons with their weights</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {detail.topReasons.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <code>{r.code}</code> <span className="muted">{r.message}</span>
                </th>
                <td>
                  <span
                    className="weight-bar"
                    style={{ width: `${(Math.abs(r.weight) / max) * 80}px` }}
                    aria-hidden="true"
                  />{' '}
                  {r.weight.toFixed(2)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function SignalsPanel({ detail }: { detail: CaseDetail }) {
  return (
    <Section title="Account signals at the decision">
      <SignalList rows={detail.signalsAtDecision} />
    </Section>
  );
}

export function SamplesPanel({ detail }: { detail: CaseDetail }) {
  return (
    <Section title="Sample messages (redacted)">
      {detail.samples.length === 0 ? (
        <p className="empty">No excerpts held.</p>
      ) : (
        <ul className="samples">
          {detail.samples.map((s) => (
            <li key={s.messageId}>
              <p className="sample-meta">
                <code>{s.messageId}</code> · {formatDateTime(s.at)} · score {s.score.toFixed(2)} ·{' '}
                <Badge tone={s.action === 'block' ? 'danger' : s.action === 'review' ? 'warning' : 'success'}>
                  {s.action}
                </Badge>
              </p>
              <HighlightedExcerpt text={s.excerpt} />
              {s.reasons.length > 0 ? (
                <ul className="chips" aria-label="Features that fired">
                  {s.reasons.map((r) => (
                    <li key={r.code} title={r.message}>
                      {r.code}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function AppealPanel({ detail }: { detail: CaseDetail }) {
  const appeal = detail.appeal;
  return (
    <Section title="The appeal">
      {appeal ? (
        <>
          <dl className="facts">
            <dt>Reference</dt>
            <dd>
              <code>{appeal.reference}</code>
            </dd>
            <dt>Status</dt>
            <dd>{APPEAL_STATUS_LABEL[appeal.status]}</dd>
            <dt>Sent</dt>
            <dd>{formatDateTime(appeal.submittedAt)}</dd>
            <dt>Contact</dt>
            <dd>{appeal.contactEmail}</dd>
          </dl>
          <h3>Explanation</h3>
          <blockquote className="holder-text">{appeal.explanation}</blockquote>
          {appeal.changes ? (
            <>
              <h3>What the holder changed</h3>
              <blockquote className="holder-text">{appeal.changes}</blockquote>
            </>
          ) : null}
        </>
      ) : (
        <p className="empty">No appeal: the models flagged this account.</p>
      )}
      {detail.messages.length > 0 ? (
        <>
          <h3>Questions and answers</h3>
          <ol className="thread">
            {detail.messages.map((m) => (
              <li key={m.id} className={`thread-${m.author}`}>
                <p className="thread-meta">
                  {m.author === 'reviewer' ? 'Reviewer' : 'Holder'} · {formatDateTime(m.at)}
                </p>
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Section>
  );
}

export function HistoryPanel({ detail }: { detail: CaseDetail }) {
  return (
    <Section title="Earlier cases and audit trail">
      <h3>Earlier cases</h3>
      {detail.earlierCases.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        <ul>
          {detail.earlierCases.map((c) => (
            <li key={c.id}>
              <Link to={`/review/cases/${c.id}`}>{c.id}</Link>: {c.kindLabel}, {c.statusLabel}
              {c.outcome ? ` (${c.outcome})` : ''}, opened {formatDateTime(c.openedAt)}
            </li>
          ))}
        </ul>
      )}
      <h3>Audit trail</h3>
      <ol className="audit">
        {detail.events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time> <strong>{e.type}</strong> by{' '}
            {e.actor}
            {e.detail ? <span className="muted">: {e.detail}</span> : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
