import { describe, expect, it } from 'vitest';
import { adaptCaseSummary, type CaseSummary } from '../../api/adapters';
import { filterCases, reasonsIn, slaCountdown, sortCases } from './queueView';

const NOW = new Date(Date.UTC(2026, 11, 7, 12, 0));
const HOUR = 3_600_000;

function row(id: string, over: Partial<Parameters<typeof adaptCaseSummary>[0]> = {}): CaseSummary {
  return adaptCaseSummary({
    id,
    kind: 'appeal',
    status: 'open',
    priority: 1,
    accountId: `AC-${id}`,
    suspensionId: null,
    openedAt: new Date(NOW.getTime() - HOUR).toISOString(),
    dueAt: new Date(NOW.getTime() + HOUR).toISOString(),
    overdue: false,
    assignee: null,
    claimExpiresAt: null,
    outcome: null,
    version: 1,
    accountStatus: 'suspended',
    openingScore: null,
    topReason: null,
    accountAgeDays: 0,
    accountMessages24h: 0,
    dueInSeconds: 3600,
    closedWith: null,
    ...over,
  });
}

const cases = [
  row('a', {
    openingScore: 0.6,
    topReason: { code: 'SHORTENED_URL', message: 'Link through a URL shortener' },
    accountAgeDays: 2 / 24,
    accountMessages24h: 40,
  }),
  row('b', {
    openingScore: 0.97,
    topReason: { code: 'PAYMENT_REQUEST', message: 'Asks for a payment' },
    accountAgeDays: 40,
    accountMessages24h: 900,
    assignee: { id: 'r1', name: 'Rosa', email: 'rosa@x' },
  }),
  row('c', { accountAgeDays: 400 }),
];

describe('sortCases', () => {
  it('sorts by score both ways and keeps unrecorded values last', () => {
    const ids = (xs: CaseSummary[]) => xs.map((c) => c.id);
    expect(ids(sortCases(cases, { key: 'score', direction: 'descending' }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortCases(cases, { key: 'score', direction: 'ascending' }))).toEqual(['a', 'b', 'c']);
    expect(ids(sortCases(cases, { key: 'age', direction: 'ascending' }))).toEqual(['a', 'b', 'c']);
    expect(ids(sortCases(cases, { key: 'volume', direction: 'descending' }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortCases(cases, { key: 'age', direction: 'descending' }))).toEqual(['c', 'b', 'a']);
    expect(ids(sortCases(cases, { key: 'holder', direction: 'ascending' }))).toEqual(['b', 'a', 'c']);
    expect(ids(sortCases(cases, { key: 'priority', direction: 'descending' }))).toEqual(['c', 'b', 'a']);
  });
});

describe('filterCases', () => {
  it('filters by account, reason, score, age and volume', () => {
    const ids = (f: Parameters<typeof filterCases>[1]) => filterCases(cases, f).map((c) => c.id);
    expect(ids({ account: 'ac-B' })).toEqual(['b']);
    expect(ids({ reason: 'SHORTENED_URL' })).toEqual(['a']);
    expect(ids({ minScore: 0.9 })).toEqual(['b']);
    expect(ids({ age: 'day' })).toEqual(['a']);
    expect(ids({ age: 'older' })).toEqual(['b', 'c']);
    expect(ids({ minVolume: 100 })).toEqual(['b']);
    expect(ids({})).toEqual(['a', 'b', 'c']);
  });

  it('offers each reason present once, by name', () => {
    expect(reasonsIn(cases).map((r) => r.code)).toEqual(['PAYMENT_REQUEST', 'SHORTENED_URL']);
  });
});

describe('slaCountdown', () => {
  it('counts down to the due time, and up once overdue', () => {
    expect(slaCountdown(new Date(NOW.getTime() + 3 * HOUR + 12 * 60_000), NOW)).toEqual({
      text: 'in 3 h 12 min',
      overdue: false,
    });
    expect(slaCountdown(new Date(NOW.getTime() - 20 * 60_000), NOW)).toEqual({
      text: 'overdue by 20 min',
      overdue: true,
    });
    expect(slaCountdown(new Date(NOW.getTime() + 50 * HOUR), NOW).text).toBe('in 2 d 2 h');
  });
});
