import { useEffect, useRef } from 'react';
import type { AppealSent } from './AppealForm';

/**
 * Shown once, right after the holder sends the form. The form is gone from the page by then, so
 * focus moves here (otherwise it falls to <body> and a screen-reader user hears nothing); the
 * route's live region announces the same news.
 */
export function AppealConfirmation({ sent }: { sent: AppealSent }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  if (sent.alreadyExisted) {
    return (
      <div
        ref={ref}
        tabIndex={-1}
        className="alert alert-warning confirmation"
        data-testid="appeal-confirmation"
      >
        <p className="alert-title">An appeal for this suspension already exists</p>
        <p>
          It was sent earlier, perhaps from another tab, with reference <code>{sent.reference}</code>. Only
          one appeal is kept per suspension, so the text you just wrote was not added to it. It is below if
          you want to keep a copy; if a reviewer asks you a question, you can answer with it.
        </p>
        {sent.unsent ? (
          <details>
            <summary>The text you wrote</summary>
            <blockquote className="holder-text">{sent.unsent.explanation}</blockquote>
            {sent.unsent.changes.trim() ? (
              <blockquote className="holder-text">{sent.unsent.changes}</blockquote>
            ) : null}
          </details>
        ) : null}
      </div>
    );
  }
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="alert alert-success confirmation"
      data-testid="appeal-confirmation"
    >
      <p className="alert-title">Your appeal has been sent</p>
      <p>
        Your reference is <code>{sent.reference}</code>. A reviewer will read it; this page shows its
        progress, and we will email you the outcome.
      </p>
    </div>
  );
}

/** The sentence the live region speaks for the same event. */
export function confirmationAnnouncement(sent: AppealSent): string {
  return sent.alreadyExisted
    ? `An appeal for this suspension already exists, reference ${sent.reference}. Your new text was not sent.`
    : `Your appeal has been sent. Reference ${sent.reference}.`;
}
