import { Link, useOutletContext, useParams } from 'react-router';
import { ActionPanel } from '../features/case/ActionPanel';
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
import { formatDateTime } from '../primitives/formatTime';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useCaseQuery } from '../queries/useCaseQuery';
import type { ReviewOutletContext } from './ReviewLayout';

export function CaseRoute() {
  const { id = '' } = useParams();
  const { session } = useOutletContext<ReviewOutletContext>();
  const query = useCaseQuery(id);
  useDocumentTitle(query.data ? `${query.data.summary.kindLabel} ${query.data.summary.id}` : `Case ${id}`);
  if (query.isPending) return <Loading label="Loading the case…" />;
  if (query.isError) return <Alert tone="error">{query.error.message}</Alert>;
  const detail = query.data;
  const s = detail.summary;
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
        </div>
      </div>
      <ClaimControls summary={s} me={session.reviewer} />
      <div className="case-grid">
        <div className="case-main">
          <ScoresPanel detail={detail} />
          <ReasonsPanel detail={detail} />
          <SamplesPanel detail={detail} />
          <AppealPanel detail={detail} />
          <HistoryPanel detail={detail} />
        </div>
        <div className="case-side">
          <ActionPanel detail={detail} />
          <AccountPanel detail={detail} />
          <SignalsPanel detail={detail} />
        </div>
      </div>
    </div>
  );
}
