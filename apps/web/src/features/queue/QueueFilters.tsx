import { SelectField, TextField } from '../../primitives/Field';
import type { CaseFilters } from '../../queries/useCasesQuery';
import type { AgeBand, RowFilters } from './queueView';

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** One filter's choices: the first option (value '') means no filter. */
type Choices = [value: string, label: string][];

const KINDS: Choices = [
  ['', 'All kinds'],
  ['appeal', 'Appeals'],
  ['flagged', 'Flagged accounts'],
];
const STATUSES: Choices = [
  ['', 'Not decided'],
  ['open', 'Open'],
  ['awaiting_info', 'Awaiting holder'],
  ['escalated', 'Escalated'],
  ['decided', 'Decided'],
  ['all', 'All'],
];
const HOLDERS: Choices = [
  ['', 'Anyone'],
  ['me', 'Me'],
  ['none', 'Nobody'],
];
const SCORES: Choices = [
  ['', 'Any score'],
  ['0.5', '0.50 or more'],
  ['0.8', '0.80 or more'],
  ['0.95', '0.95 or more'],
];
const AGES: Choices = [
  ['', 'Any age'],
  ['day', 'Under a day'],
  ['week', 'Under a week'],
  ['month', 'Under 30 days'],
  ['older', '30 days or older'],
];
const VOLUMES: Choices = [
  ['', 'Any volume'],
  ['100', '100 or more'],
  ['1000', '1,000 or more'],
  ['10000', '10,000 or more'],
];

/** A select whose empty choice clears the filter (`onChange(undefined)`). */
function FilterSelect({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string | number | undefined;
  choices: Choices;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <SelectField label={label} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
      {choices.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}

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
      <FilterSelect
        label="Kind"
        value={filters.kind}
        choices={KINDS}
        onChange={(kind) => onChange({ ...filters, kind })}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        choices={STATUSES}
        onChange={(status) => onChange({ ...filters, status })}
      />
      <FilterSelect
        label="Held by"
        value={filters.assignee}
        choices={HOLDERS}
        onChange={(assignee) => onChange({ ...filters, assignee })}
      />
      <TextField
        label="Account"
        name="account-filter"
        value={rowFilters.account ?? ''}
        onChange={(e) => onRowFiltersChange({ ...rowFilters, account: e.target.value || undefined })}
      />
      <FilterSelect
        label="Top reason"
        value={rowFilters.reason}
        choices={[['', 'Any reason'], ...reasons.map((r): [string, string] => [r.code, r.message])]}
        onChange={(reason) => onRowFiltersChange({ ...rowFilters, reason })}
      />
      <FilterSelect
        label="Opening score"
        value={rowFilters.minScore}
        choices={SCORES}
        onChange={(v) => onRowFiltersChange({ ...rowFilters, minScore: optionalNumber(v) })}
      />
      <FilterSelect
        label="Account age"
        value={rowFilters.age}
        choices={AGES}
        onChange={(v) => onRowFiltersChange({ ...rowFilters, age: v as AgeBand | undefined })}
      />
      <FilterSelect
        label="Messages, 24 h"
        value={rowFilters.minVolume}
        choices={VOLUMES}
        onChange={(v) => onRowFiltersChange({ ...rowFilters, minVolume: optionalNumber(v) })}
      />
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
