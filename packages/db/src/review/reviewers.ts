import { asc, eq } from 'drizzle-orm';
import type { Db } from '../database';
import { newId } from '../ids';
import { type ReviewerRole, reviewers } from '../schema';

export type Reviewer = typeof reviewers.$inferSelect;

export interface NewReviewer {
  email: string;
  name: string;
  /** Already hashed (the server owns the hashing scheme); never a password. */
  passwordHash: string;
  role: ReviewerRole;
}

/** A new reviewer's row; emails are stored lower-case (the unique index is on them). */
function reviewerRow(input: NewReviewer) {
  return {
    id: newId('rv'),
    email: input.email.toLowerCase(),
    name: input.name,
    passwordHash: input.passwordHash,
    role: input.role,
  };
}

/** Creates a reviewer; null when the email is taken (unique index on lower-case email). */
export async function createReviewer(db: Db, input: NewReviewer): Promise<Reviewer | null> {
  const [row] = await db
    .insert(reviewers)
    .values(reviewerRow(input))
    .onConflictDoNothing({ target: reviewers.email })
    .returning();
  return row ?? null;
}

/**
 * BOOTSTRAP_ADMIN_*: makes sure an admin with this email exists. An existing account keeps its
 * password (a restart must not undo a password change) but is promoted to admin and re-enabled
 * (the server also clears its sign-in lock).
 */
export async function ensureAdminReviewer(db: Db, input: Omit<NewReviewer, 'role'>): Promise<Reviewer> {
  const [row] = await db
    .insert(reviewers)
    .values(reviewerRow({ ...input, role: 'admin' }))
    .onConflictDoUpdate({
      target: reviewers.email,
      set: { role: 'admin', disabledAt: null },
    })
    .returning();
  return row;
}

export async function findReviewerByEmail(db: Db, email: string): Promise<Reviewer | null> {
  const [row] = await db.select().from(reviewers).where(eq(reviewers.email, email.toLowerCase()));
  return row ?? null;
}

export async function getReviewer(db: Db, id: string): Promise<Reviewer | null> {
  const [row] = await db.select().from(reviewers).where(eq(reviewers.id, id));
  return row ?? null;
}

export async function listReviewers(db: Db): Promise<Reviewer[]> {
  return db.select().from(reviewers).orderBy(asc(reviewers.email));
}
