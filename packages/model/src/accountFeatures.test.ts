import { type AccountSignals, emptySignals } from '@gavel/signals';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FEATURES, accountFeatures } from './accountFeatures';

const HOUR = 3_600_000;
const signals = (o: Partial<AccountSignals>): AccountSignals => ({
  ...emptySignals(),
  status: 'active',
  ...o,
});
const byName = (x: Float32Array) => Object.fromEntries(ACCOUNT_FEATURES.map((f, i) => [f.name, x[i]]));
const quiet = { score: null, suspicious: false, abusive: false };

describe('accountFeatures (golden values)', () => {
  it('reads SMS pumping: one range, codes never used, from an account busy for hours', () => {
    const f = byName(
      accountFeatures(
        signals({
          ageMs: 2 * HOUR,
          count1h: 200,
          count24h: 240,
          uniqueRecipients1h: 200,
          topPrefixShare1h: 0.9,
          otpConversion: 0,
          otpSent24h: 240,
          deliveryReports24h: 200,
          deliveryFailureRate: 0.3,
        }),
        { score: 0.4, suspicious: true, abusive: false },
      ),
    );
    expect(f.destinationConcentration).toBeCloseTo(0.9, 6);
    expect(f.lowOtpConversion).toBe(1);
    expect(f.deliveryFailures).toBeCloseTo(0.3, 6);
    expect(f.recipientSpread1h).toBe(1);
    expect(f.volume1h).toBeCloseTo(Math.log1p(200) / Math.log1p(1000), 6);
    expect(f.suddenVolumeChange).toBe(0); // under 3 hours old: no baseline to change from
    expect(f.currentScore).toBeCloseTo(0.4, 6);
    expect(f.evidence24h).toBe(1);
  });

  it('reads a sudden blast from an account quiet for a day, and nothing from an empty window', () => {
    const f = byName(accountFeatures(signals({ ageMs: 20 * HOUR, count1h: 300, count24h: 310 }), quiet));
    // prior rate 10 messages / 19 hours; log(301 / 1.53) sits above log(100): full strength
    expect(f.suddenVolumeChange).toBe(1);
    const none = accountFeatures(signals({}), quiet);
    expect(Array.from(none).every((v) => v === 0)).toBe(true);
  });

  it('needs enough reports and messages before rates count', () => {
    const few = byName(
      accountFeatures(
        signals({ deliveryReports24h: 5, carrierFilteredRate: 1, count24h: 20, optOutRate: 1 }),
        quiet,
      ),
    );
    expect(few.carrierFiltering).toBe(0);
    expect(few.optOuts).toBe(0);
    const enough = byName(
      accountFeatures(
        signals({ deliveryReports24h: 30, carrierFilteredRate: 0.2, count24h: 100, optOutRate: 0.025 }),
        quiet,
      ),
    );
    expect(enough.carrierFiltering).toBeCloseTo(0.2, 6);
    expect(enough.optOuts).toBeCloseTo(0.5, 6);
  });

  it('folds the current message into the score features like policy does', () => {
    const f = byName(
      accountFeatures(
        signals({
          count1h: 3,
          recentScoreMax: 0.5,
          recentScoreMean: 0.5,
          recentScoreWeight: 1,
          abusiveCount24h: 0,
        }),
        { score: 0.9, suspicious: true, abusive: true },
      ),
    );
    expect(f.recentScores).toBeCloseTo((0.9 + 0.7) / 2, 6);
    expect(f.abusiveMessages).toBeCloseTo(Math.log1p(1) / Math.log1p(10), 6);
    expect(f.suspiciousShare1h).toBeCloseTo(1 / 4, 6);
  });

  it('weighs reactions as evidence: it grows with the reports and its sign says which rate fits (v2)', () => {
    const reactions = (reports: number, filtered: number, failed: number) =>
      byName(
        accountFeatures(
          signals({
            count24h: reports,
            deliveryReports24h: reports,
            carrierFilteredRate: filtered / reports,
            deliveryFailureRate: failed / reports,
          }),
          { score: 0.8, suspicious: true, abusive: false },
        ),
      );
    const llr = (k: number, n: number, p0: number, p1: number) =>
      Math.min(15, Math.max(-5, k * Math.log(p1 / p0) + (n - k) * Math.log((1 - p1) / (1 - p0)))) / 10;
    // 3 filtered in 30 reports: far more than an honest sender's 1%.
    const spam = reactions(30, 3, 3);
    expect(spam.filteredEvidence).toBeCloseTo(llr(3, 30, 0.01, 0.15), 5);
    expect(spam.failureEvidence).toBeCloseTo(llr(3, 30, 0.03, 0.15), 5);
    expect(spam.scoredFailures).toBeCloseTo(0.8 * llr(6, 30, 0.04, 0.25), 5);
    // The same share in 300 reports is ten times the evidence (clipped at 1.5).
    expect(reactions(300, 30, 0).filteredEvidence).toBe(1.5);
    // Clean delivery over many reports is evidence for the honest rate: negative.
    const clean = reactions(100, 0, 2);
    expect(clean.filteredEvidence).toBeLessThan(0);
    expect(clean.failureEvidence).toBeLessThan(0);
    expect(accountFeatures(signals({}), quiet).length).toBe(ACCOUNT_FEATURES.length);
  });
});
