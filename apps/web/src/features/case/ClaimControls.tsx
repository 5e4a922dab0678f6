import type { CaseSummary, Reviewer } from '../../api/adapters';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { formatDateTime } from '../../primitives/formatTime';
import type { useCaseClaimMutation } from '../../queries/useCaseClaimMutation';

/** The claim buttons; the mutation is the route's, shared with its `c` shortcut. */
export function ClaimControls({
  summary,
  me,
  claim,
}: {
  summary: CaseSummary;
  me: Reviewer;
  claim: ReturnType<typeof useCaseClaimMutation>;
}) {
  const mine = summary.assignee?.id === me.id;
  const decided = summary.status === 'decided';
  return (
    <div className="claim">
      <p>
        {summary.assignee ? (
          <>
            Held by <strong>{mine ? 'you' : summary.assignee.name}</strong>
            {summary.claimExpiresAt ? ` until ${formatDateTime(summary.claimExpiresAt)}` : ''}
          </>
        ) : (
          'Nobody holds this case.'
        )}
      </p>
      {decided ? null : (
        <div className="button-row">
          {!summary.assignee ? (
            <Button onClick={() => claim.mutate('claim')} busy={claim.isPending} aria-keyshortcuts="c">
              Claim this case
            </Button>
          ) : null}
          {mine ? (
            <>
              <Button variant="secondary" onClick={() => claim.mutate('extend')} busy={claim.isPending}>
                Extend my claim
              </Button>
              <Button variant="secondary" onClick={() => claim.mutate('release')} busy={claim.isPending}>
                Release
              </Button>
            </>
          ) : null}
        </div>
      )}
      {claim.error ? <Alert tone="error">{claim.error.message}</Alert> : null}
    </div>
  );
}
