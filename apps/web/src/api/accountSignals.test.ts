import { describe, expect, it } from 'vitest';
import { describeSignals, humanizeName } from './accountSignals';

describe('describeSignals', () => {
  it('labels signals in words, in a fixed reading order, whatever order they arrive in', () => {
    const rows = describeSignals({
      optOutRate: 0.125,
      count24h: 1234,
      uniqueRecipients1h: 40,
      ageMs: 3 * 3_600_000,
      firstSeenAt: Date.UTC(2026, 10, 29, 10, 0),
      recentScoreMax: 0.9712,
      otpConversion: null,
    });
    expect(rows.map((r) => r.label)).toEqual([
      'Account age',
      'First message seen',
      'Messages in the last 24 hours',
      'Different recipients, last hour',
      'Opt-out (STOP) rate',
      'One-time codes completed',
      'Highest recent message score',
    ]);
    expect(rows.map((r) => r.value)).toEqual([
      '3 hours',
      '29 Nov 2026, 10:00 UTC',
      '1,234',
      '40',
      '12.5%',
      'none recorded',
      '0.97',
    ]);
    for (const r of rows) {
      expect(r.label).not.toMatch(/[a-z][A-Z]/);
      expect(r.value).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('keeps names it does not know, readable, after the known ones', () => {
    const rows = describeSignals({ zetaBurst5m: 2, count1h: 1 });
    expect(rows.map((r) => r.label)).toEqual(['Messages in the last hour', 'Zeta burst 5m']);
    expect(humanizeName('shadowModelScore')).toBe('Shadow model score');
  });
});
