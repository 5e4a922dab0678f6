import { isApiError } from '../../api/client';
import { Alert } from '../../primitives/Alert';
import { formatCount } from '../../primitives/formatCount';
import { formatDateTime } from '../../primitives/formatTime';
import { Loading } from '../../primitives/Loading';
import { Section } from '../../primitives/Section';
import { useRetentionQuery } from '../../queries/useRetentionQuery';

/** The retention job's promise and its proof: what it is set to keep, and what it last purged. */
export function RetentionPanel() {
  const query = useRetentionQuery(true);
  return (
    <Section title="Retention">
      {query.isPending ? <Loading label="Loading the retention settings…" /> : null}
      {query.error ? (
        <Alert tone="error">
          {isApiError(query.error, 404)
            ? 'This server does not report its retention job yet.'
            : query.error.message}
        </Alert>
      ) : null}
      {query.data ? (
        <>
          <dl className="facts" data-testid="retention-settings">
            <dt>Redacted excerpts kept for</dt>
            <dd>{formatCount(query.data.excerptDays, 'day')}, unless a case holds them</dd>
            <dt>The job runs every</dt>
            <dd>{formatCount(query.data.intervalMinutes, 'minute')}</dd>
          </dl>
          <h3>Last run</h3>
          {query.data.lastRun ? (
            <p data-testid="retention-last-run">
              {formatDateTime(query.data.lastRun.finishedAt)}
              {query.data.lastRun.ok ? '' : ' (failed)'}:{' '}
              {formatCount(query.data.lastRun.excerptsCleared, 'excerpt')} cleared,{' '}
              {formatCount(query.data.lastRun.erasuresCompleted, 'pending erasure')} completed.
            </p>
          ) : (
            <p className="empty" data-testid="retention-last-run">
              The job has not run since the server started.
            </p>
          )}
        </>
      ) : null}
    </Section>
  );
}
