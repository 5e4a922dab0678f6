import { describe, expect, it } from 'vitest';
import { DAY, effectiveTime, fingerprintBands, MINUTE, recipientKey, windowBuckets } from './windows';

describe('window helpers', () => {
  it('cuts a SimHash into four bands so fingerprints within Hamming distance 3 share one', () => {
    expect(fingerprintBands('0123456789ABCDEF')).toEqual(['00123', '14567', '289ab', '3cdef']);
    expect(fingerprintBands('')).toEqual([]);
    expect(fingerprintBands('xyz')).toEqual([]);
    const a = BigInt('0x0123456789abcdef');
    const b = a ^ (1n << 3n) ^ (1n << 20n) ^ (1n << 40n); // three bits flipped in three bands
    const shared = fingerprintBands(b.toString(16).padStart(16, '0')).filter((x) =>
      fingerprintBands('0123456789abcdef').includes(x),
    );
    expect(shared.length).toBeGreaterThanOrEqual(1);
  });

  it('normalises phone recipients to digits and addresses to lower case', () => {
    expect(recipientKey('+44 (0) 7700-900123')).toBe('4407700900123');
    expect(recipientKey(' Someone@Example.COM ')).toBe('someone@example.com');
    expect(recipientKey('whatsapp:+447700900123')).toBe(recipientKey('+447700900123'));
  });

  it('counts a message at the store clock when its time is far off', () => {
    const now = Date.UTC(2026, 10, 29);
    expect(effectiveTime(now - MINUTE, now)).toBe(now - MINUTE);
    expect(effectiveTime(now + 4 * MINUTE, now)).toBe(now + 4 * MINUTE);
    expect(effectiveTime(now + 10 * MINUTE, now)).toBe(now);
    expect(effectiveTime(now - 2 * DAY, now)).toBe(now);
    expect(effectiveTime(Number.NaN, now)).toBe(now);
  });

  it('lists the buckets of a window newest first', () => {
    expect(windowBuckets(25 * MINUTE, 10 * MINUTE, 3)).toEqual([2, 1, 0]);
  });
});
