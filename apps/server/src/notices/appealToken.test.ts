import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPEAL_TOKEN_VALIDITY_MS, signAppealToken, verifyAppealToken } from './appealToken';

const secret = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const claims = {
  suspensionId: 'su_ABC',
  accountId: 'AC42',
  expiresAt: new Date(Date.now() + APPEAL_TOKEN_VALIDITY_MS),
};

describe('appeal tokens', () => {
  it('round-trips the claims', () => {
    const check = verifyAppealToken(signAppealToken(claims, secret), secret);
    expect(check).toMatchObject({ ok: true, claims: { suspensionId: 'su_ABC', accountId: 'AC42' } });
  });

  it('stays valid for at least six months', () => {
    expect(APPEAL_TOKEN_VALIDITY_MS).toBeGreaterThanOrEqual(183 * 24 * 3_600_000);
  });

  it('refuses a token signed with another secret', () => {
    const token = signAppealToken(claims, `${secret}x`);
    expect(verifyAppealToken(token, secret)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token whose payload was changed', () => {
    const token = signAppealToken(claims, secret);
    const other = signAppealToken({ ...claims, suspensionId: 'su_OTHER' }, secret);
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect(verifyAppealToken(forged, secret).ok).toBe(false);
  });

  it('refuses an expired token', () => {
    const token = signAppealToken({ ...claims, expiresAt: new Date(Date.now() - 1000) }, secret);
    expect(verifyAppealToken(token, secret)).toEqual({ ok: false, reason: 'expired' });
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(verifyAppealToken(s, secret).ok).toBe(false);
      }),
    );
  });
});
