import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../database';
import { reviewerSessions, reviewers } from '../schema';
import type { Reviewer } from './reviewers';

export type ReviewerSession = typeof reviewerSessions.$inferSelect;

export interface NewReviewerSession {
  /** sha256 hex of the cookie's token: the table never holds a usable cookie. */
  idHash: string;
  reviewerId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createReviewerSession(db: Db, input: NewReviewerSession): Promise<ReviewerSession> {
  const [row] = await db
    .insert(reviewerSessions)
    .values({
      id: input.idHash,
      reviewerId: input.reviewerId,
      csrfToken: input.csrfToken,
      expiresAt: input.expiresAt,
    })
    .returning();
  return row;
}

/** The live session and its reviewer: not expired, reviewer not disabled. */
export async function findReviewerSession(
  db: Db,
  idHash: string,
  now: Date = new Date(),
): Promise<{ session: ReviewerSession; reviewer: Reviewer } | null> {
  const [row] = await db
    .select({ session: reviewerSessions, reviewer: reviewers })
    .from(reviewerSessions)
    .innerJoin(reviewers, eq(reviewers.id, reviewerSessions.reviewerId))
    .where(
      and(eq(reviewerSessions.id, idHash), gt(reviewerSessions.expiresAt, now), isNull(reviewers.disabledAt)),
    );
  return row ?? null;
}

/** Sliding expiry: a session in use stays alive up to `expiresAt`. */
export async function touchReviewerSession(
  db: Db,
  idHash: string,
  expiresAt: Date,
  now: Date = new Date(),
): Promise<void> {
  await db
    .update(reviewerSessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(eq(reviewerSessions.id, idHash));
}

export async function deleteReviewerSession(db: Db, idHash: string): Promise<void> {
  await db.delete(reviewerSessions).where(eq(reviewerSessions.id, idHash));
}

export async function deleteExpiredReviewerSessions(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(reviewerSessions)
    .where(lt(reviewerSessions.expiresAt, now))
    .returning({ id: reviewerSessions.id });
  return rows.length;
}
