import { describe, expect, it } from 'vitest';
import { loadPolicy } from './policy';
import { statementOfReasons } from './statement';

const policy = loadPolicy();
const decidedAt = '2026-11-29T10:15:00Z';

const base = {
  suspensionId: 'SU9',
  accountId: 'AC42',
  decidedAt,
  policy,
  channel: 'sms',
  modelVersion: 'content-2026.11.1',
  appealUrl: 'https://gavel.example/appeal/tok',
  reasons: [
    { code: 'ACCOUNT_SUSPENDED' },
    { code: 'RECENT_ABUSIVE_MESSAGES', weight: 0.7 },
    { code: 'CREDENTIAL_REQUEST', message: '' },
    { code: 'SHORTENED_URL' },
    { code: 'SHORTENED_URL' },
  ],
  counts: { abusiveMessages24h: 3, messages24h: 40, suspiciousMessages1h: 4 },
  accountRisk: 0.912,
};

describe('statementOfReasons', () => {
  it('fills the DSA Transparency Database fields of an automated account suspension', () => {
    const s = statementOfReasons(base);
    expect(s).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_ground: 'Acceptable Use Policy §3: spam, phishing and fraud',
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      content_type: ['CONTENT_TYPE_TEXT'],
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_FULLY',
      source_type: 'SOURCE_VOLUNTARY',
      application_date: '2026-11-29',
      content_date: '2026-11-29',
      end_date_account_restriction: null,
      puid: 'SU9',
    });
    expect(s.category_specification).toContain('KEYWORD_PHISHING');
    expect(statementOfReasons({ ...base, contentAt: '2026-11-28T23:59:00Z' }).content_date).toBe(
      '2026-11-28',
    );
    expect(s.territorial_scope).toContain('DE');
    expect(s.territorial_scope).toHaveLength(30);
  });

  it('states the facts in plain language from reasons and counts', () => {
    const s = statementOfReasons(base);
    expect(s.decision_facts).toContain('29 November 2026');
    expect(s.decision_facts).toContain(
      '3 messages were blocked as likely spam, phishing or fraud out of 40 messages sent',
    );
    expect(s.decision_facts).toContain('Link through a URL shortener');
    expect(s.decision_facts).toContain('0.91');
    expect(s.decision_facts).not.toContain('suspended, so its messages are blocked');
    expect(s.incompatible_content_explanation).toMatch(/^The account sent messages/);
    expect(s.reasons.map((r) => r.code)).toEqual([
      'ACCOUNT_SUSPENDED',
      'RECENT_ABUSIVE_MESSAGES',
      'CREDENTIAL_REQUEST',
      'SHORTENED_URL',
    ]);
    expect(s.reasons.every((r) => r.message.length > 0)).toBe(true);
    expect(s.automation).toMatch(/automatically/);
  });

  it('gives at least six months to appeal, free, and names the other routes to redress', () => {
    const s = statementOfReasons({ ...base, noticeAt: '2026-11-29T10:20:00Z' });
    const deadline = new Date(`${s.redress.appealDeadline}T00:00:00Z`);
    const sixMonths = new Date('2027-05-29T00:00:00Z');
    expect(deadline.getTime()).toBeGreaterThanOrEqual(sixMonths.getTime());
    expect(s.redress.appealUrl).toBe('https://gavel.example/appeal/tok');
    expect(s.redress.howToAppeal).toMatch(/free/);
    expect(s.redress.howToAppeal).toMatch(/person who took no part/);
    expect(s.redress.otherRoutes.join(' ')).toMatch(/out-of-court dispute settlement/);
    expect(s.redress.otherRoutes.join(' ')).toMatch(/courts/);
  });

  it('keeps at most three examples, shortened, and never needs a message body', () => {
    const long = 'x'.repeat(500);
    const s = statementOfReasons({ ...base, examples: ['a', 'b', long, 'd'] });
    expect(s.examples).toHaveLength(3);
    expect(s.examples[2].length).toBeLessThanOrEqual(280);
    expect(statementOfReasons({ ...base, examples: undefined }).examples).toEqual([]);
  });

  it('picks the category from the reason codes', () => {
    const pumping = statementOfReasons({
      ...base,
      reasons: [{ code: 'SMS_PUMPING' }, { code: 'LOW_OTP_CONVERSION' }],
    });
    expect(pumping.category).toBe('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
    expect(pumping.category_specification).toEqual(['KEYWORD_OTHER']);
    expect(pumping.category_specification_other).toMatch(/SMS pumping/);
    const spam = statementOfReasons({
      ...base,
      reasons: [{ code: 'REPEATED_CONTENT' }, { code: 'HIGH_OPT_OUT_RATE' }],
    });
    expect(spam.category).toBe('STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE');
    expect(spam.category_specification_other).toMatch(/spam/);
  });

  it('is deterministic and rejects an invalid date', () => {
    expect(statementOfReasons(base)).toEqual(statementOfReasons(structuredClone(base)));
    expect(() => statementOfReasons({ ...base, decidedAt: 'not a date' })).toThrow(RangeError);
  });
});
