import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { AppealConfirmation, confirmationAnnouncement } from '../features/appeal/AppealConfirmation';
import { AppealForm, type AppealSent } from '../features/appeal/AppealForm';
import { AppealProgress } from '../features/appeal/AppealProgress';
import { StatementOfReasons } from '../features/appeal/StatementOfReasons';
import { Alert } from '../primitives/Alert';
import { formatDate } from '../primitives/formatTime';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useAppealQuery } from '../queries/useAppealQuery';

export function AppealRoute() {
  const { token = '' } = useParams();
  const query = useAppealQuery(token);
  const [sent, setSent] = useState<AppealSent | null>(null);
  useDocumentTitle(
    query.isError
      ? 'This link does not work'
      : query.data
        ? query.data.submitted
          ? 'Your appeal'
          : 'Your account has been suspended'
        : null,
    'holder',
  );

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
      {/* Present from the first render, so assistive technology is already watching it when the
          confirmation text arrives. */}
      <p className="sr-only" aria-live="polite" data-testid="appeal-live-region">
        {sent ? confirmationAnnouncement(sent) : ''}
      </p>
      {sent ? <AppealConfirmation sent={sent} /> : null}
      {appeal.submitted ? <AppealProgress appeal={appeal} token={token} /> : null}
      {appeal.submitted ? (
        <details className="card">
          <summary>Read the statement of reasons again</summary>
          <StatementOfReasons appeal={appeal} />
        </details>
      ) : (
        <StatementOfReasons appeal={appeal} />
      )}
      {!appeal.submitted && appeal.canAppeal ? <AppealForm token={token} onSent={setSent} /> : null}
      {!appeal.submitted && !appeal.canAppeal ? (
        <Alert tone="info">The window for appealing this suspension has closed.</Alert>
      ) : null}
    </div>
  );
}
