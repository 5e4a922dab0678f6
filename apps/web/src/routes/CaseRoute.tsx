import { useState } from 'react';
import { Link, useNavigate, useOutletContext, useParams } from 'react-router';
import type { CaseActionType } from '../api/types';
import { AccountNow } from '../features/case/AccountNow';
import { ACTION_KEYS, ActionPanel, actionChoices } from '../features/case/ActionPanel';
import {
  AccountPanel,
  AppealPanel,
  HistoryPanel,
  ReasonsPanel,
  SamplesPanel,
  ScoresPanel,
  SignalsPanel,
} from '../features/case/CaseEvidence';
import { ClaimControls } from '../features/case/ClaimControls';
import { Alert } from '../primitives/Alert';
import { Badge } from '../primitives/Badge';
import { Button } from '../primitives/Button';
import { formatDateTime } from '../primitives/formatTime';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { ShortcutHelp } from '../primitives/ShortcutHelp';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { type Shortcut, useKeyboardShortcuts } from '../primitives/useKeyboardShortcuts';
import { usePaintedMark } from '../primitives/usePaintedMark';
import { useCaseClaimMutation } from '../queries/useCaseClaimMutation';
import { useCaseQuery } from '../queries/useCaseQuery';
import type { ReviewOutletContext } from './ReviewLayout';

export function CaseRoute() {
  const { id = '' } = useParams();
  const { session } = useOutletContext<ReviewOutletContext>();
  const query = useCaseQuery(id);
  const claim = useCaseClaimMutation(id);
  const navigate = useNavigate();
  const [actionType, setActionType] = useState<CaseActionType | null>(null);
  const [chosenByKey, setChosenByKey] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  useDocumentTitle(query.data ? `${query.data.summary.kindLabel} ${query.data.summary.id}` : `Case ${id}`);

  const detail = query.data;
  // Read by tests/e2e/account-privacy.test.ts: case data arrived -> evidence painted.
  usePaintedMark('gavel:case-painted', detail);
  const s = detail?.summary;
  const canAct = (type: CaseActionType) =>
    !!detail && s?.status !== 'decided' && detail.allowedActions.includes(type);
  const choices = detail ? actionChoices(detail.summary.kind) : [];
  const shortcuts: Shortcut[] = [
    ...choices.map((choice) => ({
      key: ACTION_KEYS[choice.type],
      description: `Choose “${choice.label}”, then write the rationale`,
      disabled: !canAct(choice.type),
      run: () => {
        setActionType(choice.type);
        setChosenByKey((n) => n + 1);
      },
    })),
    {
      key: 'c',
      description: 'Claim this case',
      disabled: !s || !!s.assignee || s.status === 'decided',
      run: () => claim.mutate('claim'),
    },
    { key: 'q', description: 'Back to the queue', run: () => navigate('/review') },
    { key: '?', description: 'Show these shortcuts', run: () => setHelpOpen(true) },
  ];
  useKeyboardShortcuts(helpOpen ? [] : shortcuts);

  if (query.isPending) return <Loading label="Loading the case…" />;
  if (query.isError || !detail || !s) return <Alert tone="error">{query.error?.message}</Alert>;
  return (
    <div className="case-page">
      <p>
        <Link to="/review">← Back to the queue</Link>
      </p>
      <div className="page-head">
        <PageHeading>
          {s.kindLabel} {s.id}
        </PageHeading>
        <div className="case-badges">
          <Badge tone="info">{s.statusLabel}</Badge>
          {s.outcome ? (
            <Badge tone={s.outcome === 'reinstated' ? 'success' : 'danger'}>{s.outcome}</Badge>
          ) : null}
          {s.overdue ? <Badge tone="danger">Overdue</Badge> : null}
          <span className="muted">due {formatDateTime(s.dueAt)}</span>
          <Button variant="secondary" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </Button>
        </div>
      </div>
      {helpOpen ? <ShortcutHelp shortcuts={shortcuts} onClose={() => setHelpOpen(false)} /> : null}
      <AccountNow detail={detail} />
      <ClaimControls summary={s} me={session.reviewer} claim={claim} />
      <div className="case-grid">
        <div className="case-main">
          <ScoresPanel detail={detail} />
          <ReasonsPanel detail={detail} />
          <SamplesPanel detail={detail} />
          <AppealPanel detail={detail} />
          <HistoryPanel detail={detail} />
        </div>
        <div className="case-side">
          <ActionPanel
            detail={detail}
            type={actionType}
            onTypeChange={setActionType}
            chosenByKey={chosenByKey}
          />
          <AccountPanel detail={detail} />
          <SignalsPanel detail={detail} />
        </div>
      </div>
    </div>
  );
}
