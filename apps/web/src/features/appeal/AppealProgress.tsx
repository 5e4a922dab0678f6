import { APPEAL_STATUS_LABEL, type Appeal, type AppealStatus } from '../../api/adapters';
import { Alert } from '../../primitives/Alert';
import { formatDateTime } from '../../primitives/formatTime';
import { Section } from '../../primitives/Section';
import { AnswerForm } from './AnswerForm';

const STEPS: AppealStatus[] = ['received', 'in_review', 'decided'];

export function AppealProgress({ appeal, token }: { appeal: Appeal; token: string }) {
  const submitted = appeal.submitted!;
  const current = submitted.status === 'info_requested' ? 'in_review' : submitted.status;
  const currentIndex = STEPS.indexOf(current);
  return (
    <>
      {submitted.outcome ? (
        <Section title="The decision on your appeal">
          {submitted.outcome.decision === 'reinstated' ? (
            <Alert tone="success" title="Your account has been reinstated">
              The suspension is lifted and your messages are no longer blocked.
            </Alert>
          ) : (
            <Alert tone="warning" title="The suspension stays in place">
              A reviewer looked at your appeal and decided to keep the suspension.
            </Alert>
          )}
          <h3>The reviewer's reasons</h3>
          <p className="rationale">{submitted.outcome.rationale}</p>
          <p className="muted">Decided on {formatDateTime(submitted.outcome.decidedAt)}.</p>
        </Section>
      ) : null}
      <Section title="Appeal details">
        <dl className="facts">
          <dt>Reference</dt>
          <dd>
            <code data-testid="appeal-reference">{submitted.reference}</code>
          </dd>
          <dt>Sent</dt>
          <dd>{formatDateTime(submitted.submittedAt)}</dd>
          <dt>Status</dt>
          <dd data-testid="appeal-status">{APPEAL_STATUS_LABEL[submitted.status]}</dd>
          {submitted.outcome ? null : (
            <>
              <dt>Expected response</dt>
              <dd>by {formatDateTime(submitted.expectedResponseBy)}</dd>
            </>
          )}
        </dl>
        <ol className="steps" aria-label="Progress of your appeal">
          {STEPS.map((step, i) => (
            <li
              key={step}
              className={i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'todo'}
              aria-current={i === currentIndex ? 'step' : undefined}
            >
              {APPEAL_STATUS_LABEL[step]}
            </li>
          ))}
        </ol>
        <p className="muted">
          Keep this link: it is the only way to see your appeal. You do not need an account.
        </p>
      </Section>
      <Section title="What you sent">
        <h3>Why the suspension should be lifted</h3>
        <blockquote className="holder-text" data-testid="appeal-sent-explanation">
          {submitted.explanation}
        </blockquote>
        {submitted.changes ? (
          <>
            <h3>What you changed</h3>
            <blockquote className="holder-text">{submitted.changes}</blockquote>
          </>
        ) : null}
      </Section>
      {submitted.pendingQuestion ? (
        <Section title="A reviewer asked you a question">
          <blockquote className="question">{submitted.pendingQuestion}</blockquote>
          <AnswerForm token={token} />
        </Section>
      ) : null}
      {appeal.messages.length > 0 ? (
        <Section title="Questions and answers">
          <ol className="thread">
            {appeal.messages.map((m) => (
              <li key={m.id} className={`thread-${m.author}`}>
                <p className="thread-meta">
                  {m.author === 'reviewer' ? 'Reviewer' : 'You'} · {formatDateTime(m.at)}
                </p>
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </>
  );
}
