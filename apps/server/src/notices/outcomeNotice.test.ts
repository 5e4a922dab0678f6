import { describe, expect, it } from 'vitest';
import { humanTime, renderOutcomeEmail } from './outcomeNotice';

describe('the outcome email', () => {
  it('writes times for a person, not as raw ISO', () => {
    const decidedAt = new Date('2026-12-07T14:05:09.123Z');
    expect(humanTime(decidedAt)).toBe('7 December 2026 at 14:05 UTC');
    const mail = renderOutcomeEmail({
      accountId: 'AC42',
      suspensionId: 'su_1',
      caseId: 'cs_1',
      appealReference: 'AP-7K3Q9D',
      outcome: 'reinstated',
      rationale: 'Own links.',
      decidedAt,
      statusUrl: 'http://gavel.test/appeal/x.y',
      email: 'holder@example.com',
      webhookUrl: null,
    });
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('decided on 7 December 2026 at 14:05 UTC');
      expect(body).not.toContain('2026-12-07T14:05');
    }
  });
});
