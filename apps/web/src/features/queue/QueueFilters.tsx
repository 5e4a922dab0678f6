import { SelectField, TextField } from '../../primitives/Field';
import type { CaseFilters } from '../../queries/useCasesQuery';
import type { AgeBand, RowFilters } from './queueView';

const optionalNumber = (value: string) => (value === '' ? undefined : Number(value));

export function QueueFilters({
  filters,
  onChange,
  rowFilters,
  onRowFiltersChange,
  reasons,
}: {
  filters: CaseFilters;
  onChange: (f: CaseFilters) => void;
  rowFilters: RowFilters;
  onRowFiltersChange: (f: RowFilters) => void;
  reasons: { code: string; message: string }[];
}) {
  return (
    <fieldset className="filters">
      <legend>Filter the queue</legend>
      <SelectField
        label="Kind"
        value={filters.kind ?? ''}
        onChange={(e) => onChange({ ...filters, kind: e.target.value || undefined })}
      >
        <option value="">All kinds</option>
        <option value="appeal">Appeals</option>
        <option value="flagged">Flagged accounts</option>
      </SelectField>
      <SelectField
        label="Status"
        value={filters.status ?? ''}
        onChange={(e) => onChange({ ...filters, status: e.target.value || undefined })}
      >
        <option value="">Not decided</option>
        <option value="open">Open</option>
        <option value="awaiting_info">Awaiting holder</option>
        <option value="escalated">Escalated</option>
        <option value="decided">Decided</option>
        <option value="all">All</option>
      </SelectField>
      <SelectField
        label="Held by"
        value={filters.assignee ?? ''}
        onChange={(e) => onChange({ ...filters, assignee: e.target.value || undefined })}
      >
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="none">Nobody</option>
      </SelectField>
      <TextField
        label="Account"
        name="account-filter"
        value={rowFilters.account ?? ''}
        onChange={(e) => onRowFiltersChange({ ...rowFilters, account: e.target.value || undefined })}
      />
      <SelectField
        label="Top reason"
        value={rowFilters.reason ?? ''}
        onChange={(e) => onRowFiltersChange({ ...rowFilters, reason: e.target.value || undefined })}
      >
        <option value="">Any reason</option>
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.message}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Opening score"
        value={rowFilters.minScore ?? ''}
        onChange={(e) => onRowFiltersChange({ ...rowFilters, minScore: optionalNumber(e.target.value) })}
      >
        <option value="">Any score</option>
        <option value="0.5">0.50 or more</option>
        <option value="0.8">0.80 or more</option>
        <option value="0.95">0.95 or more</option>
      </SelectField>
      <SelectField
        label="Account age"
        value={rowFilters.age ?? ''}
        onChange={(e) =>
          onRowFiltersChange({ ...rowFilters, age: (e.target.value || undefined) as AgeBand | undefined })
        }
      >
        <option value="">Any age</option>
        <option value="day">Under a day</option>
        <option value="week">Under a week</option>
        <option value="month">Under 30 days</option>
        <option value="older">30 days or older</option>
      </SelectField>
      <SelectField
        label="Messages, 24 h"
        value={rowFilters.minVolume ?? ''}
        onChange={(e) => onRowFiltersChange({ ...rowFilters, minVolume: optionalNumber(e.target.value) })}
      >
        <option value="">Any volume</option>
        <option value="100">100 or more</option>
        <option value="1000">1,000 or more</option>
        <option value="10000">10,000 or more</option>
      </SelectField>
      <div className="field checkbox">
        <input
          id="filter-overdue"
          type="checkbox"
          checked={!!filters.overdue}
          onChange={(e) => onChange({ ...filters, overdue: e.target.checked || undefined })}
        />
        <label htmlFor="filter-overdue">Overdue only</label>
      </div>
    </fieldset>
  );
}
