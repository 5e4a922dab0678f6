import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentFingerprint, fingerprintDistance } from './fingerprint';

describe('contentFingerprint', () => {
  it('is 16 lower-case hex characters, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(contentFingerprint(text)).toMatch(/^[0-9a-f]{16}$/);
      }),
      { numRuns: 200 },
    );
  });

  it('collides for a template sent with different links, numbers and amounts', () => {
    const a = contentFingerprint(
      'Your parcel is held. Pay the £1.99 fee at http://bit.ly/abc or call 07700 900123',
    );
    const b = contentFingerprint(
      'Your parcel is held. Pay the £2.49 fee at https://pay-fee.top/x9 or call 07700 900456',
    );
    expect(a).toBe(b);
  });

  it('survives evasion tricks', () => {
    const a = contentFingerprint('Your account is locked, verify your details now');
    const b = contentFingerprint('Y0ur acc0unt is l0cked, v\u200berify your dеtails now');
    expect(fingerprintDistance(a, b)).toBeLessThanOrEqual(3);
  });

  it('separates unrelated messages', () => {
    const a = contentFingerprint('Your account is locked, verify your details now');
    const b = contentFingerprint('Are we still on for dinner at seven tonight?');
    expect(fingerprintDistance(a, b)).toBeGreaterThan(10);
  });
});
