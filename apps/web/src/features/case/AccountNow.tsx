import { Link } from 'react-router';
import type { CaseDetail } from '../../api/adapters';
import { Badge } from '../../primitives/Badge';
import { formatDateTime } from '../../primitives/formatTime';

const STATUS_TONE = { active: 'success', flagged: 'warning', suspended: 'danger' } as const;

/**
 * The account as it is now, above the evidence: a case can outlive the situation it was opened
 * for (a flagged case still open after an appeal reinstated the account), and the reviewer must
 * see that before deciding on stale evidence.
 */
export function AccountNow({ detail }: { detail: CaseDetail }) {
  const { account, latestDecision, summary } = detail;
  const tone = STATUS_TONE[account.status as keyof typeof STATUS_TONE] ?? 'neutral';
  const decidedSinceOpened =
    latestDecision && summary.status !== 'decided' && latestDecision.at > summary.openedAt;
  return (
    <section
      className={`account-now status-${account.status}`}
      aria-label="The account now"
      data-testid="account-now"
    >
      <p>
        Account{' '}
        <Link to={`/review/accounts/${encodeURIComponent(account.id)}`}>
          <code>{account.id}</code>
        </Link>{' '}
        is now <Badge tone={tone}>{account.status}</Badge>
      </p>
      {latestDecision ? (
        <p data-testid="latest-decision">
          Latest decision: <strong>{latestDecision.outcome}</strong> by {latestDecision.by} on{' '}
          {formatDateTime(latestDecision.at)}
          {latestDecision.caseId && latestDecision.caseId !== summary.id ? (
            <>
              {' '}
              in <Link to={`/review/cases/${latestDecision.caseId}`}>{latestDecision.caseId}</Link>
            </>
          ) : null}
          {latestDecision.rationale ? <span className="muted">: {latestDecision.rationale}</span> : null}
        </p>
      ) : (
        <p className="muted">No reviewer has decided on this account yet.</p>
      )}
      {detail.openCases.length > 0 ? (
        <p>
          Other open {detail.openCases.length === 1 ? 'case' : 'cases'} on this account:{' '}
          {detail.openCases.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/review/cases/${c.id}`}>{c.id}</Link> ({c.kindLabel.toLowerCase()})
            </span>
          ))}
        </p>
      ) : null}
      {decidedSinceOpened ? (
        <p className="stale" role="note">
          A reviewer decided on this account after this case opened. Check that its evidence still applies
          before acting.
        </p>
      ) : null}
    </section>
  );
}
