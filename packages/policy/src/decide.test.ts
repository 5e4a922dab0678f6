import { type AccountSignals, emptySignals } from '@gavel/signals';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContentScoreLike, type DecisionInput, decide, messageOutcome } from './decide';
import { loadPolicy } from './policy';

const policy = loadPolicy({ modelThresholds: { review: 0.5, block: 0.9 } });

function content(score: number, codes: ContentScoreLike['reasons'][number]['code'][] = []): ContentScoreLike {
  return { score, reasons: codes.map((code) => ({ code, message: '', weight: 0.3 })) };
}

function signals(overrides: Partial<AccountSignals> = {}): AccountSignals {
  return { ...emptySignals(), status: 'active', firstSeenAt: 1, ageMs: 30 * 86_400_000, ...overrides };
}

const account = (overrides: Partial<DecisionInput['account']> = {}): DecisionInput['account'] => ({
  status: 'active',
  allowlisted: false,
  blocklisted: false,
  ...overrides,
});

/** An account that has already sent `abusive` block-level messages in the last hours. */
function afterAbusive(abusive: number, overrides: Partial<AccountSignals> = {}): AccountSignals {
  return signals({
    abusiveCount24h: abusive,
    suspiciousCount1h: abusive,
    recentScoreMax: abusive > 0 ? 0.97 : 0,
    recentScoreMean: abusive > 0 ? 0.97 : 0,
    recentScoreWeight: abusive,
    ...overrides,
  });
}

describe('decide: message action', () => {
  it('maps the content score to allow, review and block at the thresholds', () => {
    const at = (score: number) =>
      decide({ content: content(score), account: account(), signals: signals() }, policy).action;
    expect([at(0.1), at(0.4999), at(0.5), at(0.89), at(0.9), at(1)]).toEqual([
      'allow',
      'allow',
      'review',
      'review',
      'block',
      'block',
    ]);
  });

  it('carries the content reasons with their sentences', () => {
    const d = decide(
      { content: content(0.95, ['SHORTENED_URL']), account: account(), signals: signals() },
      policy,
    );
    expect(d.reasons).toEqual([
      { code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.3 },
    ]);
  });

  it('answers the policy action with CONTENT_UNAVAILABLE when the model gave no score', () => {
    const d = decide({ content: null, account: account(), signals: signals() }, policy);
    expect(d.action).toBe('allow');
    expect(d.reasons.map((r) => r.code)).toEqual(['CONTENT_UNAVAILABLE']);
    expect(d.transition).toBeNull();
  });
});

describe('messageOutcome', () => {
  it('judges suspicious and abusive on content alone, and has no score without content', () => {
    expect(messageOutcome(content(0.95), policy)).toEqual({ score: 0.95, suspicious: true, abusive: true });
    expect(messageOutcome(content(0.6), policy)).toEqual({ score: 0.6, suspicious: true, abusive: false });
    expect(messageOutcome(content(0.1), policy)).toEqual({ score: 0.1, suspicious: false, abusive: false });
    expect(messageOutcome(null, policy)).toEqual({ score: null, suspicious: false, abusive: false });
  });
});

describe('decide: account ladder', () => {
  it('never suspends or flags for one bad message on a clean account', () => {
    const d = decide({ content: content(0.99), account: account(), signals: afterAbusive(0) }, policy);
    expect(d.action).toBe('block');
    expect(d.transition).toBeNull();
    expect(d.accountStatus).toBe('active');
    expect(d.accountRisk).toBeLessThan(policy.ladder.flagRisk);
  });

  it('flags at the second block-level message, suspends at the third', () => {
    const second = decide({ content: content(0.98), account: account(), signals: afterAbusive(1) }, policy);
    expect(second).toMatchObject({ transition: 'flag', accountStatus: 'flagged', action: 'block' });
    expect(second.accountRisk).toBeGreaterThanOrEqual(policy.ladder.flagRisk);

    const third = decide(
      { content: content(0.98), account: account({ status: 'flagged' }), signals: afterAbusive(2) },
      policy,
    );
    expect(third).toMatchObject({ transition: 'suspend', accountStatus: 'suspended', action: 'block' });
    expect(third.reasons[0].code).toBe('ACCOUNT_SUSPENDED');
    expect(third.accountReasons[0].code).toBe('RECENT_ABUSIVE_MESSAGES');
    expect(third.accountReasons.every((r) => r.message.length > 10 && r.weight > 0)).toBe(true);
  });

  it('suspends an active account directly when both suspension conditions hold', () => {
    const d = decide({ content: content(0.98), account: account(), signals: afterAbusive(2) }, policy);
    expect(d.transition).toBe('suspend');
  });

  it('flags when enough review-level messages arrive within the hour, whatever the risk', () => {
    const history = signals({
      suspiciousCount1h: 4,
      recentScoreMax: 0.6,
      recentScoreMean: 0.6,
      recentScoreWeight: 4,
    });
    const d = decide({ content: content(0.6), account: account(), signals: history }, policy);
    expect(d.accountRisk).toBeLessThan(policy.ladder.flagRisk);
    expect(d).toMatchObject({ transition: 'flag', action: 'review' });
    expect(d.accountReasons.map((r) => r.code)).toContain('SUSPICIOUS_MESSAGES');

    const fewer = decide(
      { content: content(0.6), account: account(), signals: { ...history, suspiciousCount1h: 3 } },
      policy,
    );
    expect(fewer.transition).toBeNull();
  });

  it('does not suspend on behaviour alone: high risk without enough block-level messages only flags', () => {
    const pumping = signals({
      count1h: 500,
      count24h: 2000,
      topPrefixShare1h: 0.97,
      otpConversion: 0.02,
      otpSent24h: 400,
      complaints24h: 10,
      deliveryFailureRate: 0.7,
      deliveryReports24h: 300,
    });
    const d = decide({ content: content(0.2), account: account(), signals: pumping }, policy);
    expect(d.accountRisk).toBeGreaterThanOrEqual(policy.ladder.suspendRisk);
    expect(d.transition).toBe('flag');
    expect(d.accountReasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['SMS_PUMPING', 'LOW_OTP_CONVERSION', 'COMPLAINTS', 'HIGH_FAILURE_RATE']),
    );
  });

  it('keeps a flagged account flagged (hysteresis): low risk never moves it back to active', () => {
    const d = decide(
      { content: content(0.01), account: account({ status: 'flagged' }), signals: signals() },
      policy,
    );
    expect(d).toMatchObject({ transition: null, accountStatus: 'flagged', action: 'allow' });
  });

  it('does not count a review-level message towards suspension', () => {
    const d = decide(
      { content: content(0.7), account: account({ status: 'flagged' }), signals: afterAbusive(2) },
      policy,
    );
    expect(d.transition).toBeNull();
  });

  it('flags an allowlisted account instead of suspending it, and says so', () => {
    const d = decide(
      { content: content(0.98), account: account({ allowlisted: true }), signals: afterAbusive(5) },
      policy,
    );
    expect(d).toMatchObject({ transition: 'flag', accountStatus: 'flagged', action: 'block' });
    expect(d.accountReasons.map((r) => r.code)).toContain('ALLOWLISTED');
    const again = decide(
      {
        content: content(0.98),
        account: account({ allowlisted: true, status: 'flagged' }),
        signals: afterAbusive(9),
      },
      policy,
    );
    expect(again).toMatchObject({ transition: null, accountStatus: 'flagged' });
  });

  it('blocks every message of a blocklisted account, with no automatic transition', () => {
    const d = decide(
      { content: content(0.01), account: account({ blocklisted: true }), signals: afterAbusive(5) },
      policy,
    );
    expect(d).toMatchObject({ action: 'block', transition: null, accountStatus: 'active' });
    expect(d.reasons[0].code).toBe('BLOCKLISTED');
  });

  it('blocks a suspended account with ACCOUNT_SUSPENDED, without content, and never transitions', () => {
    for (const s of [null, signals(), afterAbusive(0)]) {
      const d = decide({ content: null, account: account({ status: 'suspended' }), signals: s }, policy);
      expect(d).toMatchObject({ action: 'block', transition: null, accountStatus: 'suspended' });
      expect(d.reasons.map((r) => r.code)).toEqual(['ACCOUNT_SUSPENDED']);
    }
  });

  it('decides on content alone when degraded, with no transition', () => {
    const d = decide({ content: content(0.99), account: account(), signals: null }, policy);
    expect(d).toMatchObject({ action: 'block', transition: null, accountStatus: 'active' });
    const flagged = decide(
      { content: content(0.2), account: account({ status: 'flagged' }), signals: null },
      policy,
    );
    expect(flagged).toMatchObject({ action: 'allow', transition: null, accountStatus: 'flagged' });
  });

  it('reads a young account sending fast as a burst', () => {
    const young = signals({ ageMs: 3_600_000, count1h: 1000, count24h: 1000, uniqueRecipients24h: 2000 });
    const d = decide({ content: content(0.1), account: account(), signals: young }, policy);
    expect(d.accountReasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['HIGH_SEND_RATE', 'MANY_RECIPIENTS']),
    );
    const old = decide(
      { content: content(0.1), account: account(), signals: { ...young, ageMs: 30 * 86_400_000 } },
      policy,
    );
    expect(old.accountReasons.map((r) => r.code)).not.toContain('HIGH_SEND_RATE');
  });
});

const arbitrarySignals: fc.Arbitrary<AccountSignals> = fc.record({
  status: fc.constantFrom('active', 'flagged', 'suspended', null),
  firstSeenAt: fc.nat(),
  count1m: fc.nat(500),
  count1h: fc.nat(5000),
  count24h: fc.nat(50000),
  uniqueRecipients1h: fc.nat(5000),
  uniqueRecipients24h: fc.nat(50000),
  destCountries24h: fc.nat(200),
  destPrefixes24h: fc.nat(5000),
  topPrefixShare1h: fc.double({ min: 0, max: 1, noNaN: true }),
  repeatedContent1h: fc.nat(5000),
  linkDomains24h: fc.nat(100),
  deliveryFailureRate: fc.double({ min: 0, max: 1, noNaN: true }),
  carrierFilteredRate: fc.double({ min: 0, max: 1, noNaN: true }),
  optOutRate: fc.double({ min: 0, max: 1, noNaN: true }),
  otpConversion: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  complaints24h: fc.nat(50),
  recentScoreMax: fc.double({ min: 0, max: 1, noNaN: true }),
  recentScoreMean: fc.double({ min: 0, max: 1, noNaN: true }),
  suspiciousCount1h: fc.nat(50),
  abusiveCount24h: fc.nat(50),
  ageMs: fc.nat(),
  recentScoreWeight: fc.double({ min: 0, max: 100, noNaN: true }),
  deliveryReports24h: fc.nat(5000),
  otpSent24h: fc.nat(5000),
});

const arbitraryInput: fc.Arbitrary<DecisionInput> = fc.record({
  content: fc.option(
    fc.record({
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      reasons: fc.array(
        fc.record({
          code: fc.constantFrom('SHORTENED_URL' as const, 'URGENCY' as const, 'PRIZE_CLAIM' as const),
          message: fc.string(),
          weight: fc.double({ min: 0, max: 5, noNaN: true }),
        }),
        { maxLength: 3 },
      ),
    }),
  ),
  account: fc.record({
    status: fc.constantFrom('active' as const, 'flagged' as const, 'suspended' as const),
    allowlisted: fc.boolean(),
    blocklisted: fc.boolean(),
  }),
  signals: fc.option(arbitrarySignals),
});

describe('decide: properties', () => {
  it('is pure and deterministic: same input, same output, input untouched', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const snapshot = structuredClone(input);
        const first = decide(input, policy);
        expect(decide(structuredClone(input), policy)).toEqual(first);
        expect(input).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the ladder rules for any input', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const d = decide(input, policy);
        expect(d.accountRisk).toBeGreaterThanOrEqual(0);
        expect(d.accountRisk).toBeLessThanOrEqual(1);
        if (input.account.status === 'suspended') {
          expect(d).toMatchObject({ action: 'block', transition: null, accountStatus: 'suspended' });
        }
        if (input.account.blocklisted) expect(d.action).toBe('block');
        if (input.signals === null) expect(d.transition).toBeNull();
        if (d.transition === 'suspend') {
          expect(input.account.allowlisted).toBe(false);
          expect(input.signals).not.toBeNull();
          expect(d.action).toBe('block');
        }
        if (d.transition === 'flag') expect(input.account.status).toBe('active');
        if (d.transition === null) expect(d.accountStatus).toBe(input.account.status);
        // Thresholds only move an account up the ladder.
        if (input.account.status === 'flagged') expect(d.accountStatus).not.toBe('active');
      }),
      { numRuns: 500 },
    );
  });
});

describe('decide: with an account model', () => {
  const withModel = loadPolicy({
    modelThresholds: { review: 0.5, block: 0.9 },
    accountModelThresholds: { flag: 0.9, suspend: 0.98 },
  });
  const score = (risk: number, codes: string[] = ['LOW_OTP_CONVERSION']) => ({
    risk,
    reasons: codes.map((code) => ({ code, weight: 1.2 })),
    version: 'account-test',
  });

  it('suspends on behaviour alone once the model is sure and the account has sent enough', () => {
    const d = decide(
      {
        content: content(0.2),
        account: account(),
        signals: signals({ count24h: 40 }),
        accountScore: score(0.99),
      },
      withModel,
    );
    expect(d).toMatchObject({
      transition: 'suspend',
      accountStatus: 'suspended',
      action: 'block',
      accountRisk: 0.99,
    });
    expect(d.accountReasons).toEqual([
      { code: 'LOW_OTP_CONVERSION', message: expect.stringMatching(/one-time codes/), weight: 1.2 },
    ]);
  });

  it('only flags a sure model on too little traffic, and flags between the thresholds', () => {
    const early = decide(
      {
        content: content(0.2),
        account: account(),
        signals: signals({ count24h: 3 }),
        accountScore: score(0.99),
      },
      withModel,
    );
    expect(early.transition).toBe('flag');
    const middle = decide(
      {
        content: content(0.2),
        account: account(),
        signals: signals({ count24h: 40 }),
        accountScore: score(0.95),
      },
      withModel,
    );
    expect(middle).toMatchObject({ transition: 'flag', accountStatus: 'flagged', action: 'allow' });
  });

  it('lets the model overrule the formula: honest marketing with spammy text is not suspended', () => {
    const d = decide(
      {
        content: content(0.97),
        account: account(),
        signals: afterAbusive(5, { count24h: 80 }),
        accountScore: score(0.2, []),
      },
      withModel,
    );
    expect(d).toMatchObject({ transition: null, accountStatus: 'active', action: 'block', accountRisk: 0.2 });
    // Without the model the formula would have suspended it.
    expect(
      decide({ content: content(0.97), account: account(), signals: afterAbusive(5) }, policy).transition,
    ).toBe('suspend');
  });

  it('keeps the allowlist and the suspended short-circuit', () => {
    const allowlisted = decide(
      {
        content: content(0.2),
        account: account({ allowlisted: true }),
        signals: signals({ count24h: 40 }),
        accountScore: score(0.99),
      },
      withModel,
    );
    expect(allowlisted).toMatchObject({ transition: 'flag', accountStatus: 'flagged' });
    expect(allowlisted.accountReasons.map((r) => r.code)).toContain('ALLOWLISTED');
    const suspended = decide(
      {
        content: null,
        account: account({ status: 'suspended' }),
        signals: signals(),
        accountScore: score(0.1),
      },
      withModel,
    );
    expect(suspended).toMatchObject({ action: 'block', transition: null });
  });

  it('is ignored by a policy without account-model thresholds', () => {
    const d = decide(
      {
        content: content(0.2),
        account: account(),
        signals: signals({ count24h: 40 }),
        accountScore: score(0.99),
      },
      policy,
    );
    expect(d.transition).toBeNull();
  });
});
