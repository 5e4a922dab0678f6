import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { loginAttempts } from '../schema';

export interface LoginAttemptCount {
  key: string;
  /** Attempts in the window, this one included. */
  attempts: number;
  windowEndsAt: Date;
}

/**
 * Counts one sign-in attempt against each key, in one statement, before the password is checked.
 * The upsert takes each row's lock, so concurrent attempts are serialised per key and each sees a
 * distinct count: ten at once against a limit of five get counts 1..10, never five times 5. A row
 * whose window has ended restarts at 1 with a new window of `windowMs`.
 */
export async function countLoginAttempt(
  db: Db,
  keys: readonly string[],
  opts: { windowMs: number; now?: Date },
): Promise<LoginAttemptCount[]> {
  const now = opts.now ?? new Date();
  const windowEndsAt = new Date(now.getTime() + opts.windowMs);
  const ended = sql`${loginAttempts.windowEndsAt} <= ${now.toISOString()}::timestamptz`;
  const rows = await db
    .insert(loginAttempts)
    .values(keys.map((key) => ({ key, attempts: 1, windowEndsAt })))
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        attempts: sql`case when ${ended} then 1 else ${loginAttempts.attempts} + 1 end`,
        windowEndsAt: sql`case when ${ended} then excluded.window_ends_at else ${loginAttempts.windowEndsAt} end`,
      },
    })
    .returning();
  return rows.map((r) => ({ key: r.key, attempts: r.attempts, windowEndsAt: r.windowEndsAt }));
}

/** A successful sign-in: the email's count is cleared; the address gives back the attempt it used. */
export async function refundLoginAttempt(
  db: Db,
  opts: { clear: readonly string[]; refund: readonly string[] },
): Promise<void> {
  if (opts.clear.length > 0)
    await db.delete(loginAttempts).where(inArray(loginAttempts.key, [...opts.clear]));
  if (opts.refund.length > 0)
    await db
      .update(loginAttempts)
      .set({ attempts: sql`greatest(${loginAttempts.attempts} - 1, 0)` })
      .where(and(inArray(loginAttempts.key, [...opts.refund]), gt(loginAttempts.attempts, 0)));
}

/** An admin unlocks: the key's window is forgotten. */
export async function clearLoginAttempts(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

/** Housekeeping: rows whose window has ended count as empty already; this keeps the table small. */
export async function deleteEndedLoginWindows(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(loginAttempts)
    .where(lte(loginAttempts.windowEndsAt, now))
    .returning({ key: loginAttempts.key });
  return rows.length;
}
