import { createHmac, timingSafeEqual } from 'node:crypto';

/** Five minutes either way: the receiver refuses replays of old deliveries. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The per-account signing key, derived from SECRET: one account's key reveals nothing about another's,
 * and no key table is needed. An admin reads it when setting the account's webhook URL.
 */
export function webhookSigningKey(secret: string, accountId: string): string {
  return createHmac('sha256', secret).update(`gavel/webhook/v1/${accountId}`).digest('hex');
}

/** `Gavel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">`. */
export function signWebhook(body: string, key: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** What a receiver does (also used by the tests): check the signature and the timestamp window. */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string,
  key: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(nowSeconds - t) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', key).update(`${t}.${body}`).digest();
  return timingSafeEqual(Buffer.from(v1, 'hex'), expected);
}
