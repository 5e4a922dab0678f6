import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { clearLoginAttempts, countLoginAttempt, type Db, refundLoginAttempt } from '@gavel/db';

export interface LoginThrottleOptions {
  /** Attempts per email (known or not) in one window; the one past it is refused unchecked. */
  maxAttempts: number;
  /** Failed attempts per client address, over every email, in one window. */
  maxAttemptsPerAddress: number;
  /** Window length: a lock lasts at most this long from the window's first attempt. */
  windowMs: number;
}

export interface AttemptVerdict {
  /** Refused unchecked: the email's or the address's window is full. */
  locked: boolean;
  /** This attempt used the email's last one: a wrong password now locks the email. */
  lastAttempt: boolean;
  /** Seconds until the fullest window ends. */
  retryAfterSeconds: number;
  emailKey: string;
  addressKey: string;
}

/**
 * Sign-in attempts counted in PostgreSQL, per email and per client address, before the password is
 * checked (`countLoginAttempt`: one upsert, row locks serialise concurrent attempts). Postgres, not
 * Redis: sign-in needs Postgres anyway (the reviewer and the session live there), so counting there
 * adds no dependency and no way around the count (a Redis outage would either lift the lock or stop
 * sign-in); the count survives restarts and works on the embedded PGlite; an admin unlock is a row
 * delete. Keys are HMACs, so the table never holds an email that has no account, nor an address.
 */
export class LoginThrottle {
  private readonly key: KeyObject;

  constructor(
    private readonly db: Db,
    secret: string,
    readonly opts: LoginThrottleOptions,
  ) {
    this.key = createSecretKey(createHmac('sha256', secret).update('gavel/login-attempts/v1').digest());
  }

  emailKey(email: string): string {
    return `e:${this.mac(email.trim().toLowerCase())}`;
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }

  async attempt(email: string, address: string, now: Date = new Date()): Promise<AttemptVerdict> {
    const emailKey = this.emailKey(email);
    const addressKey = `a:${this.mac(address)}`;
    const counts = await countLoginAttempt(this.db, [emailKey, addressKey], {
      windowMs: this.opts.windowMs,
      now,
    });
    const byKey = new Map(counts.map((c) => [c.key, c]));
    const forEmail = byKey.get(emailKey);
    const forAddress = byKey.get(addressKey);
    const over = [
      forEmail && forEmail.attempts > this.opts.maxAttempts ? forEmail : null,
      forAddress && forAddress.attempts > this.opts.maxAttemptsPerAddress ? forAddress : null,
    ].filter((c) => c !== null);
    const lastAttempt = (forEmail?.attempts ?? 0) >= this.opts.maxAttempts;
    const ends = (over.length > 0 ? over : forEmail ? [forEmail] : []).map((c) => c.windowEndsAt.getTime());
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((Math.max(now.getTime(), ...ends) - now.getTime()) / 1000),
    );
    return { locked: over.length > 0, lastAttempt, retryAfterSeconds, emailKey, addressKey };
  }

  /** The password was right: the email starts afresh and the address gets its attempt back. */
  async succeeded(verdict: AttemptVerdict): Promise<void> {
    await refundLoginAttempt(this.db, { clear: [verdict.emailKey], refund: [verdict.addressKey] });
  }

  /** An admin's way back for a locked-out reviewer (or BOOTSTRAP_ADMIN_* at boot). */
  async unlock(email: string): Promise<void> {
    await clearLoginAttempts(this.db, this.emailKey(email));
  }
}
