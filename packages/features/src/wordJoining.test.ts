import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { LEGACY_FEATURE_SCHEMA_VERSION } from './schema';

const normalized = (text: string) => analyze(text).normalized;

describe('word re-joining (schema 2026.12.1)', () => {
  it('joins brands and trigger words split by a separator or a space', () => {
    expect(normalized('Pay.Pal: ver-ify your acc ount')).toBe('paypal: verify your account');
    expect(normalized('Net flix acc_ount')).toBe('netflix account');
    // A piece that is a vocabulary word on its own ("pass") is not joined: the joined-unigram
    // feature of featurize() covers that case instead.
    expect(normalized('pass_word')).toBe('pass_word');
  });

  it('leaves ordinary words alone, including a known word followed by a short one', () => {
    expect(normalized('your parcel is held')).toBe('your parcel is held');
    expect(normalized('see you at the check in desk')).toBe('see you at the check in desk');
  });

  it('is not part of the legacy schema', () => {
    expect(analyze('Pay.Pal: ver-ify', LEGACY_FEATURE_SCHEMA_VERSION).normalized).not.toContain('paypal');
  });
});
