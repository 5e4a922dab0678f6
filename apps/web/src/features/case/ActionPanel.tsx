import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CaseDetail } from '../../api/adapters';
import { isApiError } from '../../api/client';
import type { CaseActionType } from '../../api/types';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { TextArea } from '../../primitives/Field';
import { Section } from '../../primitives/Section';
import { useCaseActionMutation } from '../../queries/useCaseActionMutation';

type ActionChoice = { type: CaseActionType; label: string; help: string };

/** The key that chooses each action on the case page (listed in its `?` overlay). */
export const ACTION_KEYS: Record<CaseActionType, string> = {
  reinstate: 'r',
  uphold: 'u',
  escalate: 'e',
  ask: 'a',
  note: 'n',
};

export function actionChoices(kind: string): ActionChoice[] {
  const decisions: ActionChoice[] =
    kind === 'appeal'
      ? [
          {
            type: 'reinstate',
            label: 'Reinstate',
            help: 'Lift the suspension now. The holder is told, with your rationale.',
          },
          {
            type: 'uphold',
            label: 'Uphold',
            help: 'Keep the suspension. The holder is told, with your rationale.',
          },
        ]
      : [
          {
            type: 'reinstate',
            label: 'Clear the flag',
            help: 'The account is active again. Nothing is sent to the holder.',
          },
          {
            type: 'uphold',
            label: 'Suspend the account',
            help: 'Blocks its messages; the holder gets a statement of reasons and an appeal link.',
          },
        ];
  return [
    ...decisions,
    { type: 'escalate', label: 'Escalate to a lead', help: 'Only a lead can decide an escalated case.' },
    { type: 'ask', label: 'Ask the holder', help: 'Your question appears on the holder’s appeal page.' },
    { type: 'note', label: 'Add a note', help: 'Internal: recorded in the audit trail only.' },
  ];
}

/**
 * The action form. The chosen action is the route's state, so a shortcut key can choose it too;
 * `chosenByKey` changes each time one does, and the form then moves focus to what to write next.
 */
export function ActionPanel({
  detail,
  type,
  onTypeChange: setType,
  chosenByKey = 0,
}: {
  detail: CaseDetail;
  type: CaseActionType | null;
  onTypeChange: (type: CaseActionType | null) => void;
  chosenByKey?: number;
}) {
  const choices = actionChoices(detail.summary.kind);
  const allowed = choices.filter((a) => detail.allowedActions.includes(a.type));
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (chosenByKey === 0) return;
    formRef.current
      ?.querySelector<HTMLElement>('textarea[name="question"], textarea[name="rationale"]')
      ?.focus();
  }, [chosenByKey]);
  const [rationale, setRationale] = useState('');
  const [question, setQuestion] = useState('');
  const [errors, setErrors] = useState<{ rationale?: string; question?: string; type?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const mutation = useCaseActionMutation(detail.summary.id);

  if (detail.summary.status === 'decided') {
    return (
      <Section title="Actions">
        <p>This case is decided{detail.summary.outcome ? `: ${detail.summary.outcome}` : ''}.</p>
        {done ? <Alert tone="success">{done}</Alert> : null}
      </Section>
    );
  }
  if (allowed.length === 0) {
    return (
      <Section title="Actions">
        <p>Claim this case to act on it.</p>
      </Section>
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!type) next.type = 'Choose an action.';
    if (!rationale.trim())
      next.rationale = 'Write a rationale: it is recorded, and shown to the holder for a decision.';
    if (type === 'ask' && !question.trim()) next.question = 'Write the question for the holder.';
    setErrors(next);
    if (Object.keys(next).length > 0 || !type) return;
    mutation.mutate(
      {
        type,
        rationale: rationale.trim(),
        ...(type === 'ask' ? { question: question.trim() } : {}),
        version: detail.summary.version,
      },
      {
        onSuccess: () => {
          setDone(`Done: ${choices.find((a) => a.type === type)?.label ?? type}.`);
          setRationale('');
          setQuestion('');
          setType(null);
        },
      },
    );
  }

  return (
    <Section title="Actions" className="action-panel">
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <fieldset aria-describedby={errors.type ? 'action-type-error' : undefined}>
          <legend>Action</legend>
          {allowed.map((a) => (
            <div className="radio" key={a.type}>
              <input
                type="radio"
                id={`action-${a.type}`}
                name="action"
                value={a.type}
                checked={type === a.type}
                onChange={() => setType(a.type)}
                aria-describedby={`action-${a.type}-help`}
                aria-keyshortcuts={ACTION_KEYS[a.type]}
              />
              <label htmlFor={`action-${a.type}`}>{a.label}</label>
              <span id={`action-${a.type}-help`} className="field-hint">
                {a.help} Key: <kbd>{ACTION_KEYS[a.type]}</kbd>
              </span>
            </div>
          ))}
          {errors.type ? (
            <div id="action-type-error" className="field-error">
              {errors.type}
            </div>
          ) : null}
        </fieldset>
        {type === 'ask' ? (
          <TextArea
            label="Question for the holder"
            name="question"
            required
            rows={3}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            error={errors.question}
          />
        ) : null}
        <TextArea
          label="Rationale"
          name="rationale"
          required
          rows={4}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          error={errors.rationale}
          hint="Recorded in the audit trail. For reinstate and uphold, the holder reads it."
        />
        {mutation.error ? (
          <Alert
            tone="error"
            title={isApiError(mutation.error, 409) ? 'Someone else acted first' : 'Not done'}
          >
            {mutation.error.message}
          </Alert>
        ) : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        <Button type="submit" busy={mutation.isPending} variant={type === 'uphold' ? 'danger' : 'primary'}>
          Submit action
        </Button>
      </form>
    </Section>
  );
}
