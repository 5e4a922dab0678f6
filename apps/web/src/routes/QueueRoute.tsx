import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CaseTable } from '../features/queue/CaseTable';
import { QueueFilters } from '../features/queue/QueueFilters';
import { Alert } from '../primitives/Alert';
import { Button } from '../primitives/Button';
import { formatCount } from '../primitives/formatCount';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { type CaseFilters, useCasesQuery } from '../queries/useCasesQuery';
import { useClaimNextMutation } from '../queries/useClaimNextMutation';

export function QueueRoute() {
  const [filters, setFilters] = useState<CaseFilters>({});
  useDocumentTitle('Review queue');
  const cases = useCasesQuery(filters);
  const claimNext = useClaimNextMutation();
  const navigate = useNavigate();
  const [nothingToClaim, setNothingToClaim] = useState(false);

  function onClaimNext() {
    setNothingToClaim(false);
    claimNext.mutate(undefined, {
      onSuccess: (claimed) => (claimed ? navigate(`/review/cases/${claimed.id}`) : setNothingToClaim(true)),
    });
  }

  const overdue = cases.data?.filter((c) => c.overdue).length ?? 0;
  return (
    <>
      <div className="page-head">
        <PageHeading>Review queue</PageHeading>
        <Button onClick={onClaimNext} busy={claimNext.isPending}>
          Claim next case
        </Button>
      </div>
      {nothingToClaim ? <Alert tone="info">Nothing left to claim. Well done.</Alert> : null}
      {claimNext.error ? <Alert tone="error">{claimNext.error.message}</Alert> : null}
      <QueueFilters filters={filters} onChange={setFilters} />
      {cases.isPending ? <Loading label="Loading cases…" /> : null}
      {cases.error ? <Alert tone="error">{cases.error.message}</Alert> : null}
      {cases.data ? (
        <>
          {overdue > 0 ? (
            <Alert tone="warning">
              {overdue} {overdue === 1 ? 'case is' : 'cases are'} overdue.
            </Alert>
          ) : null}
          <CaseTable
            cases={cases.data}
            caption={`${formatCount(cases.data.length, 'case')}, by priority and due time`}
          />
        </>
      ) : null}
    </>
  );
}
