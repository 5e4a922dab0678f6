import { SelectField } from '../../primitives/Field';
import type { CaseFilters } from '../../queries/useCasesQuery';

export function QueueFilters({
  filters,
  onChange,
}: {
  filters: CaseFilters;
  onChange: (f: CaseFilters) => void;
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
        label="Assignee"
        value={filters.assignee ?? ''}
        onChange={(e) => onChange({ ...filters, assignee: e.target.value || undefined })}
      >
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="none">Nobody</option>
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
