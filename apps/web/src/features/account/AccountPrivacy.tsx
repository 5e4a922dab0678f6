import { type FormEvent, useState } from 'react';
import type { Erasure } from '../../api/adapters';
import { isApiError } from '../../api/client';
import { Alert } from '../../primitives/Alert';
import { Button } from '../../primitives/Button';
import { TextField } from '../../primitives/Field';
import { formatCount } from '../../primitives/formatCount';
import { formatDateTime } from '../../primitives/formatTime';
import { Section } from '../../primitives/Section';
import { useEraseAccountMutation } from '../../queries/useEraseAccountMutation';
import { useExportAccountMutation } from '../../queries/useExportAccountMutation';

const refusal = (error: Error) => (isApiError(error, 403) ? 'Only an admin can do this.' : error.message);

/** Export and erasure, for admins. Erasure asks for the account id typed out: it cannot be undone. */
export function AccountPrivacy({
  accountId,
  pendingErasure,
}: {
  accountId: string;
  pendingErasure: { requestedAt: Date; heldCaseIds: string[] } | null;
}) {
  const exporter = useExportAccountMutation(accountId);
  const eraser = useEraseAccountMutation(accountId);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [erased, setErased] = useState<Erasure | null>(null);

  function onErase(event: FormEvent) {
    event.preventDefault();
    if (typed.trim() !== accountId) {
      setMismatch(`Type ${accountId} exactly to confirm.`);
      return;
    }
    setMismatch(null);
    eraser.mutate(undefined, {
      onSuccess: (result) => {
        setErased(result);
        setConfirming(false);
        setTyped('');
      },
    });
  }

  return (
    <Section title="Privacy (admins)">
      <p>
        Export everything Gavel holds about this account as one JSON file, or erase it. Erasure keeps only
        what an open case still needs, and erases that too once the case closes.
      </p>
      {pendingErasure ? (
        <Alert tone="info" title="An erasure is waiting">
          Requested {formatDateTime(pendingErasure.requestedAt)}; held back by{' '}
          {pendingErasure.heldCaseIds.join(', ')} until{' '}
          {pendingErasure.heldCaseIds.length === 1 ? 'it closes' : 'they close'}.
        </Alert>
      ) : null}
      <div className="button-row">
        <Button variant="secondary" onClick={() => exporter.mutate()} busy={exporter.isPending}>
          Export (JSON)
        </Button>
        {confirming ? null : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Erase this account…
          </Button>
        )}
      </div>
      {exporter.data ? (
        <Alert tone="success">
          Export downloaded: {formatCount(exporter.data.decisions, 'decision')},{' '}
          {formatCount(exporter.data.cases, 'case')}.
        </Alert>
      ) : null}
      {exporter.error ? <Alert tone="error">{refusal(exporter.error)}</Alert> : null}
      {confirming ? (
        <form onSubmit={onErase} noValidate className="confirm-erase">
          <Alert tone="warning" title="Erasure cannot be undone">
            Decisions, excerpts, appeals, messages, notices and contact details of {accountId} are erased or
            anonymised, and its signal-store keys deleted.
          </Alert>
          <TextField
            label={`Type the account id (${accountId}) to confirm`}
            name="confirm-account"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            error={mismatch}
          />
          <div className="button-row">
            <Button type="submit" variant="danger" busy={eraser.isPending}>
              Erase permanently
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {eraser.error ? <Alert tone="error">{refusal(eraser.error)}</Alert> : null}
      {erased ? <ErasureOutcome erasure={erased} /> : null}
    </Section>
  );
}

function ErasureOutcome({ erasure }: { erasure: Erasure }) {
  if (erasure.nothingLeft) {
    return <Alert tone="info">Nothing was left to erase: this account was already erased.</Alert>;
  }
  const e = erasure.erased;
  return (
    <Alert
      tone="success"
      title={erasure.status === 'complete' ? 'Erased' : 'Erased, except what open cases hold'}
    >
      <p>
        {formatCount(e.decisionsDeleted, 'decision')} deleted, {formatCount(e.appealsAnonymised, 'appeal')}{' '}
        anonymised, {formatCount(e.caseMessagesErased, 'case message')} and{' '}
        {formatCount(e.noticesDeleted, 'notice')} erased, {formatCount(e.labelsDetached, 'label')} detached,{' '}
        {formatCount(e.signalKeysDeleted, 'signal key')} deleted
        {e.contactDetailsCleared ? '; contact details cleared' : ''}.
      </p>
      {erasure.kept.length > 0 ? (
        <ul data-testid="erasure-kept">
          {erasure.kept.map((k) => (
            <li key={k.caseId}>
              Kept for {k.caseId} ({k.kind}): {k.holds.join(', ')}. {k.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
