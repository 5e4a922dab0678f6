import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactExcerpt } from './redact';

describe('redactExcerpt', () => {
  it('masks digits, emails and link paths', () => {
    expect(redactExcerpt('Pay £2.99 at https://evil.top/pay?id=123 or mail bob@example.com, ref 4821')).toBe(
      'Pay £#.## at evil.top/… or mail <email>, ref ####',
    );
    expect(redactExcerpt('see usps-care.info/track/9912 now')).toBe('see usps-care.info/… now');
  });

  it('removes invisible characters and turns control characters into spaces', () => {
    expect(redactExcerpt('f\u200bree\u0000gift\u202e')).toBe('free gift');
  });

  it('truncates to maxLength characters with an ellipsis', () => {
    const out = redactExcerpt('word '.repeat(200), 50);
    expect(Array.from(out).length).toBeLessThanOrEqual(50);
    expect(out.endsWith('…')).toBe(true);
    expect(Array.from(redactExcerpt('x'.repeat(1000))).length).toBe(280);
  });

  it('never throws, never exceeds maxLength and never lets a digit through', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.integer({ min: 1, max: 400 }),
        (text, max) => {
          const out = redactExcerpt(text, max);
          expect(Array.from(out).length).toBeLessThanOrEqual(max);
          expect(/\p{Nd}/u.test(out)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
