import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { CaseTable } from '../features/queue/CaseTable';
import { QueueFilters } from '../features/queue/QueueFilters';
import {
  DEFAULT_SORT,
  filterCases,
  type QueueSort,
  type RowFilters,
  reasonsIn,
  sortCases,
} from '../features/queue/queueView';
import { Alert } from '../primitives/Alert';
import { Button } from '../primitives/Button';
import { formatCount } from '../primitives/formatCount';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { ShortcutHelp } from '../primitives/ShortcutHelp';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { type Shortcut, useKeyboardShortcuts } from '../primitives/useKeyboardShortcuts';
import { useNow } from '../primitives/useNow';
import { type CaseFilters, useCasesQuery } from '../queries/useCasesQuery';
import { useClaimNextMutation } from '../queries/useClaimNextMutation';

export function QueueRoute() {
  const [filters, setFilters] = useState<CaseFilters>({});
  const [rowFilters, setRowFilters] = useState<RowFilters>({});
  const [sort, setSort] = useState<QueueSort>(DEFAULT_SORT);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  useDocumentTitle('Review queue');
  const cases = useCasesQuery(filters);
  const claimNext = useClaimNextMutation();
  const navigate = useNavigate();
  const now = useNow();
  const [nothingToClaim, setNothingToClaim] = useState(false);

  const rows = useMemo(
    () => (cases.data ? sortCases(filterCases(cases.data, rowFilters), sort) : []),
    [cases.data, rowFilters, sort],
  );
  const reasons = useMemo(() => reasonsIn(cases.data ?? []), [cases.data]);
  const selectedIndex = rows.findIndex((c) => c.id === selectedId);

  function onClaimNext() {
    setNothingToClaim(false);
    claimNext.mutate(undefined, {
      onSuccess: (claimed) => (claimed ? navigate(`/review/cases/${claimed.id}`) : setNothingToClaim(true)),
    });
  }

  function move(step: 1 | -1) {
    if (rows.length === 0) return;
    const next = selectedIndex < 0 ? (step === 1 ? 0 : rows.length - 1) : selectedIndex + step;
    setSelectedId(rows[Math.min(rows.length - 1, Math.max(0, next))].id);
  }

  // The selected row's link takes focus, so the screen reader reads the row and Tab goes on from it.
  useEffect(() => {
    if (!selectedId) return;
    document
      .querySelector<HTMLElement>(`tr[data-case-id="${CSS.escape(selectedId)}"] th a`)
      ?.focus({ preventScroll: false });
  }, [selectedId]);

  const shortcuts: Shortcut[] = [
    { key: 'j', description: 'Select the next case', run: () => move(1) },
    { key: 'k', description: 'Select the previous case', run: () => move(-1) },
    {
      key: 'Enter',
      description: 'Open the selected case',
      disabled: selectedIndex < 0,
      run: () => navigate(`/review/cases/${rows[selectedIndex].id}`),
    },
    { key: 'c', description: 'Claim the next case and open it', run: onClaimNext },
    { key: '?', description: 'Show these shortcuts', run: () => setHelpOpen(true) },
  ];
  useKeyboardShortcuts(helpOpen ? [] : shortcuts);

  const overdue = rows.filter((c) => c.status !== 'decided' && c.dueAt < now).length;
  return (
    <>
      <div className="page-head">
        <PageHeading>Review queue</PageHeading>
        <div className="button-row">
          <Button variant="secondary" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            Keyboard shortcuts
          </Button>
          <Button onClick={onClaimNext} busy={claimNext.isPending} aria-keyshortcuts="c">
            Claim next case
          </Button>
        </div>
      </div>
      {helpOpen ? <ShortcutHelp shortcuts={shortcuts} onClose={() => setHelpOpen(false)} /> : null}
      {nothingToClaim ? <Alert tone="info">Nothing left to claim. Well done.</Alert> : null}
      {claimNext.error ? <Alert tone="error">{claimNext.error.message}</Alert> : null}
      <QueueFilters
        filters={filters}
        onChange={setFilters}
        rowFilters={rowFilters}
        onRowFiltersChange={setRowFilters}
        reasons={reasons}
      />
      {cases.isPending ? <Loading label="Loading cases…" /> : null}
      {cases.error ? <Alert tone="error">{cases.error.message}</Alert> : null}
      {cases.data ? (
        <>
          {overdue > 0 ? (
            <Alert tone="warning">{formatCount(overdue, 'case is', 'cases are')} overdue.</Alert>
          ) : null}
          <CaseTable
            cases={rows}
            caption={`${formatCount(rows.length, 'case')}${sort.key === 'priority' && sort.direction === 'ascending' ? ', by priority and due time' : ''}. Keys: j and k move, Enter opens, c claims the next case, ? lists them.`}
            sort={sort}
            onSort={setSort}
            selectedId={selectedId}
            now={now}
          />
        </>
      ) : null}
    </>
  );
}
