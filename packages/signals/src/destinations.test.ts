import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destinationOf } from './destinations';

describe('destinationOf', () => {
  it.each([
    ['+447700900123', 'GB', '44770'],
    ['+44 7700 900123', 'GB', '44770'],
    ['00447700900123', 'GB', '44770'],
    ['+33612345678', 'FR', '33612'],
    ['+4915112345678', 'DE', '49151'],
    ['+353861234567', 'IE', '353861'],
    ['+14155550123', 'US', '1415'],
    ['+14165550123', 'CA', '1416'],
    ['+18765550123', 'JM', '1876'],
    ['+79161234567', 'RU', '7916'],
    ['+77011234567', 'KZ', '7701'],
    ['+882160001234', 'XN', '882160'],
    ['+9991234567', 'ZZ', '999123'],
    ['whatsapp:+447700900123', 'GB', '44770'],
  ])('maps %s to %s, prefix %s', (number, country, prefix) => {
    expect(destinationOf(number)).toEqual({ country, prefix });
  });

  it('gives no prefix for addresses that are not phone numbers', () => {
    for (const to of ['someone@example.com', 'whatsapp:abc', 'tel:', '', '+12', '+1234567890123456789'])
      expect(destinationOf(to)).toEqual({ country: 'ZZ', prefix: '' });
  });

  it('never throws and always returns a two-letter country', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const d = destinationOf(s);
        expect(d.country).toMatch(/^[A-Z]{2}$/);
        expect(d.prefix).toMatch(/^\d*$/);
      }),
    );
  });
});
