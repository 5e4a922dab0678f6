import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { AppealForm } from '../features/appeal/AppealForm';
import { AppealProgress } from '../features/appeal/AppealProgress';
import { StatementOfReasons } from '../features/appeal/StatementOfReasons';
import { Alert } from '../primitives/Alert';
import { formatDate } from '../primitives/formatTime';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { useAppealQuery } from '../queries/useAppealQuery';

export function AppealRoute() {
  const { token = '' } = useParams();
  const query = useAppealQuery(token);

  if (query.isPending) return <Loading label="Loading your notice…" />;
  if (query.isError) {
    return (
      <div className="holder-page">
        <PageHeading>This link does not work</PageHeading>
        {isApiError(query.error, 429) ? (
          <Alert tone="warning">Too many requests. Please wait a minute and reload the page.</Alert>
        ) : isApiError(query.error) && query.error.status < 500 ? (
          <Alert tone="error" title="We could not open this appeal link">
            It may have expired, or it was copied incompletely. Open the link from the most recent email we
            sent you, or reply to that email to ask for a new link.
          </Alert>
        ) : (
          <Alert tone="error">Something went wrong on our side. Please try again in a few minutes.</Alert>
        )}
      </div>
    );
  }

  const appeal = query.data;
  return (
    <div className="holder-page">
      <PageHeading>{appeal.submitted ? 'Your appeal' : 'Your account has been suspended'}</PageHeading>
      <p className="lede">
        Account <code>{appeal.accountId}</code>
        {appeal.suspensionLifted
          ? ' — the suspension has been lifted.'
          : ` — suspended on ${formatDate(appeal.suspendedAt)}.`}
      </p>
      {appeal.submitted ? <AppealProgress appeal={appeal} token={token} /> : null}
      {appeal.submitted ? (
        <details className="card">
          <summary>Read the statement of reasons again</summary>
          <StatementOfReasons appeal={appeal} />
        </details>
      ) : (
        <StatementOfReasons appeal={appeal} />
      )}
      {!appeal.submitted && appeal.canAppeal ? <AppealForm token={token} /> : null}
      {!appeal.submitted && !appeal.canAppeal ? (
        <Alert tone="info">The window for appealing this suspension has closed.</Alert>
      ) : null}
    </div>
  );
}
