import { createHmac, timingSafeEqual } from 'node:crypto';

/** Appeals are open at least six months from the notice (DESIGN.md); links last a little longer. */
export const APPEAL_TOKEN_VALIDITY_MS = 200 * 24 * 3_600_000;

export interface AppealTokenClaims {
  suspensionId: string;
  accountId: string;
  /** When the link stops working. */
  expiresAt: Date;
}

export type AppealTokenCheck =
  | { ok: true; claims: AppealTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const SIGNATURE_BYTES = 32;
const MAX_TOKEN_LENGTH = 1024;

/** A key of its own for appeal links, derived from SECRET: a leak elsewhere cannot forge links. */
function appealKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('gavel/appeal-token/v1').digest();
}

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', appealKey(secret)).update(payload).digest();
}

/**
 * `<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`: the link in the suspension notice is the
 * holder's only credential, so it is unforgeable without SECRET and carries its own expiry.
 */
export function signAppealToken(claims: AppealTokenClaims, secret: string): string {
  const payload = Buffer.from(
    JSON.stringify({
      s: claims.suspensionId,
      a: claims.accountId,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** Never throws; tells apart malformed, forged and expired tokens (callers show one page for all). */
export function verifyAppealToken(token: string, secret: string, now: Date = new Date()): AppealTokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'malformed' };
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  if (given.length !== SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(given, sign(payload, secret))) return { ok: false, reason: 'bad_signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const p = parsed as { s?: unknown; a?: unknown; e?: unknown };
  if (typeof p.s !== 'string' || typeof p.a !== 'string' || typeof p.e !== 'number') {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = new Date(p.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { suspensionId: p.s, accountId: p.a, expiresAt } };
}

/** The appeal portal link for a suspension. */
export function appealLink(publicUrl: string, token: string): string {
  return `${publicUrl}/appeal/${token}`;
}
