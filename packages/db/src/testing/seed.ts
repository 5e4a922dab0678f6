// Seeding for the db package's own query tests: a suspension as enforcement opens it (reasons, a
// statement, a notice in the outbox) and a reviewer row, each in one call.
import type { Db } from '../database';
import { suspendAccount } from '../enforcement';
import { pgErrorCode } from '../errors';
import { newId } from '../ids';
import { reviewers } from '../schema';
import { emailNotice, SIX_MONTHS_MS } from './rows';

export const reason = { code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.3 };

export async function suspend(
  db: Db,
  accountId: string,
  extra: Partial<Parameters<typeof suspendAccount>[1]> = {},
) {
  return suspendAccount(db, {
    accountId,
    reasons: [reason],
    statement: { decision_account: 'DECISION_ACCOUNT_SUSPENDED', automated_detection: true },
    appealDeadline: new Date(Date.now() + SIX_MONTHS_MS),
    outbox: (s) => [emailNotice(`suspension.notice:email:${s.id}`)],
    ...extra,
  });
}

export async function createReviewer(db: Db, role: 'reviewer' | 'lead' | 'admin' = 'reviewer') {
  const id = newId('rv');
  await db
    .insert(reviewers)
    .values({ id, email: `${id.toLowerCase()}@example.test`, name: id, passwordHash: 'x', role });
  return id;
}

/** The PostgreSQL error code a write is refused with (`error` without one), undefined if it passes. */
export async function rejected(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return pgErrorCode(err) ?? 'error';
  }
  return undefined;
}
