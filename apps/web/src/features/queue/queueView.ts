// Sorting and the row-level filters of the queue, done in the browser: the server already answers
// kind, status, holder and overdue, and a queue is a few hundred rows at most, so re-sorting them
// costs nothing and needs no round trip.
import type { CaseSummary } from '../../api/adapters';

export type SortKey =
  | 'priority'
  | 'kind'
  | 'account'
  | 'score'
  | 'reason'
  | 'age'
  | 'volume'
  | 'due'
  | 'holder';

export interface QueueSort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

export const DEFAULT_SORT: QueueSort = { key: 'priority', direction: 'ascending' };

export type AgeBand = 'day' | 'week' | 'month' | 'older';

export interface RowFilters {
  account?: string;
  reason?: string;
  minScore?: number;
  age?: AgeBand;
  minVolume?: number;
}

const DAY_MS = 86_400_000;
const AGE_LIMIT: Record<Exclude<AgeBand, 'older'>, number> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
};

type Value = string | number | null;

function sortValue(c: CaseSummary, key: SortKey, index: number): Value {
  switch (key) {
    case 'priority':
      return index;
    case 'kind':
      return c.kindLabel;
    case 'account':
      return c.accountId;
    case 'score':
      return c.openingScore;
    case 'reason':
      return c.openingReason?.message ?? null;
    case 'age':
      return c.accountAgeDays;
    case 'volume':
      return c.accountMessages24h;
    case 'due':
      return c.dueAt.getTime();
    case 'holder':
      return c.assignee?.name ?? null;
  }
}

/** Stable; rows without the value (not recorded) go last in either direction. */
export function sortCases(cases: CaseSummary[], sort: QueueSort): CaseSummary[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return cases
    .map((c, index) => ({ c, index, v: sortValue(c, sort.key, index) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.index - b.index : a.v === null ? 1 : -1;
      const order =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v), 'en', { numeric: true });
      return order !== 0 ? sign * order : a.index - b.index;
    })
    .map((x) => x.c);
}

export function filterCases(cases: CaseSummary[], f: RowFilters): CaseSummary[] {
  const account = f.account?.trim().toLowerCase();
  return cases.filter((c) => {
    if (account && !c.accountId.toLowerCase().includes(account)) return false;
    if (f.reason && c.openingReason?.code !== f.reason) return false;
    if (f.minScore !== undefined && (c.openingScore ?? -1) < f.minScore) return false;
    if (f.minVolume !== undefined && (c.accountMessages24h ?? -1) < f.minVolume) return false;
    if (f.age) {
      const age = c.accountAgeDays * DAY_MS;
      if (f.age === 'older' ? age < AGE_LIMIT.month : age >= AGE_LIMIT[f.age]) return false;
    }
    return true;
  });
}

/** The reasons present in the queue, for the reason filter's options. */
export function reasonsIn(cases: CaseSummary[]): { code: string; message: string }[] {
  const byCode = new Map<string, string>();
  for (const c of cases) if (c.openingReason) byCode.set(c.openingReason.code, c.openingReason.message);
  return [...byCode.entries()]
    .map(([code, message]) => ({ code, message }))
    .sort((a, b) => a.message.localeCompare(b.message));
}

/** "in 3 h 12 min", "overdue by 20 min": the SLA countdown of one row. */
export function slaCountdown(dueAt: Date, now: Date = new Date()): { text: string; overdue: boolean } {
  const ms = dueAt.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const span =
    days > 0
      ? `${days} d ${hours} h`
      : hours > 0
        ? `${hours} h ${String(mins).padStart(2, '0')} min`
        : `${mins} min`;
  return ms >= 0 ? { text: `in ${span}`, overdue: false } : { text: `overdue by ${span}`, overdue: true };
}
