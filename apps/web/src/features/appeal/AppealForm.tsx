import { type FormEvent, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { TextArea, TextField } from '../../primitives/Field';
import { Section } from '../../primitives/Section';
import { useSubmitAppealMutation } from '../../queries/useSubmitAppealMutation';
import { type AppealDraft, type AppealErrors, EXPLANATION_MAX, validateAppeal } from './validateAppeal';

export interface AppealSent {
  reference: string;
  /** Another tab (or an earlier visit) had already sent an appeal: this text was not recorded. */
  alreadyExisted: boolean;
  unsent: AppealDraft | null;
}

export function AppealForm({ token, onSent }: { token: string; onSent?: (sent: AppealSent) => void }) {
  const [draft, setDraft] = useState<AppealDraft>({ explanation: '', contactEmail: '', changes: '' });
  const [touched, setTouched] = useState<Partial<Record<keyof AppealDraft, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const submit = useSubmitAppealMutation(token);
  const formRef = useRef<HTMLFormElement>(null);

  const errors: AppealErrors = validateAppeal(draft);
  // Before the first submit, a field left empty says nothing when the holder tabs past it: only
  // something typed and then left (a half-written email) is worth flagging early.
  const shown = (field: keyof AppealDraft) =>
    submitted || (touched[field] && draft[field].trim() !== '') ? (errors[field] ?? null) : null;
  const set = (field: keyof AppealDraft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const blur = (field: keyof AppealDraft) => () => setTouched((t) => ({ ...t, [field]: true }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const firstInvalid = (['explanation', 'contactEmail', 'changes'] as const).find((f) => errors[f]);
    if (firstInvalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    submit.mutate(
      {
        explanation: draft.explanation.trim(),
        contactEmail: draft.contactEmail.trim(),
        ...(draft.changes.trim() ? { changes: draft.changes.trim() } : {}),
      },
      {
        onSuccess: ({ appeal, alreadyExisted }) =>
          onSent?.({
            reference: appeal.submitted?.reference ?? '',
            alreadyExisted,
            unsent: alreadyExisted ? draft : null,
          }),
      },
    );
  }

  return (
    <Section title="Ask for a human review">
      <p>
        A member of our trust and safety team, who took no part in the original decision, will read your
        appeal and the evidence and decide whether to lift the suspension.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-describedby="appeal-form-note">
        <p id="appeal-form-note" className="muted">
          Fields marked required must be filled in.
        </p>
        <TextArea
          label="Why should we lift the suspension?"
          name="explanation"
          required
          value={draft.explanation}
          onChange={set('explanation')}
          onBlur={blur('explanation')}
          error={shown('explanation')}
          maxLength={EXPLANATION_MAX}
          hint={`Tell us what these messages were and who they were for. ${draft.explanation.length.toLocaleString('en')} of ${EXPLANATION_MAX.toLocaleString('en')} characters; at least 20.`}
        />
        <TextField
          label="Your contact email"
          name="contactEmail"
          type="email"
          autoComplete="email"
          required
          value={draft.contactEmail}
          onChange={set('contactEmail')}
          onBlur={blur('contactEmail')}
          error={shown('contactEmail')}
          hint="We send the outcome here."
        />
        <TextArea
          label="What have you changed? (optional)"
          name="changes"
          rows={3}
          value={draft.changes}
          onChange={set('changes')}
          onBlur={blur('changes')}
          error={shown('changes')}
          maxLength={EXPLANATION_MAX}
          hint="For example: a compromised password reset, a sending script fixed, a consent list cleaned."
        />
        {submit.error ? (
          <Alert tone="error" title="Your appeal was not sent">
            {isApiError(submit.error, 429)
              ? 'Too many attempts. Please wait a minute and try again.'
              : submit.error.message}
          </Alert>
        ) : null}
        <Button type="submit" busy={submit.isPending}>
          {submit.isPending ? 'Sending…' : 'Send my appeal'}
        </Button>
      </form>
    </Section>
  );
}
