import type { CaseSummary, Reviewer } from '../../api/adapters';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { formatDateTime } from '../../primitives/formatTime';
import { useCaseClaimMutation } from '../../queries/useCaseClaimMutation';

export function ClaimControls({ summary, me }: { summary: CaseSummary; me: Reviewer }) {
  const claim = useCaseClaimMutation(summary.id);
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
            <Button onClick={() => claim.mutate('claim')} busy={claim.isPending}>
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
