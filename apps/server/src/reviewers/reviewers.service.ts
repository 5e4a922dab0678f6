import { randomBytes } from 'node:crypto';
import type { CreateReviewerBody, ReviewerView } from '@gavel/contracts';
import { createReviewer, type Db, ensureAdminReviewer, listReviewers, type Reviewer } from '@gavel/db';
import { hashPassword } from '../auth/passwords';
import { ProblemError } from '../problem';

export function reviewerView(r: Reviewer): ReviewerView {
  return { id: r.id, email: r.email, name: r.name, role: r.role };
}

export const FIRST_ADMIN_EMAIL = 'admin@gavel.local';

/** Admins create reviewers; BOOTSTRAP_ADMIN_* makes sure one admin exists at boot. */
export class ReviewerService {
  constructor(private readonly db: Db) {}

  async create(body: CreateReviewerBody): Promise<ReviewerView> {
    const created = await createReviewer(this.db, {
      email: body.email.trim().toLowerCase(),
      name: body.name.trim(),
      passwordHash: await hashPassword(body.password),
      role: body.role,
    });
    if (!created)
      throw new ProblemError(409, 'REVIEWER_EXISTS', 'A reviewer with this email already exists.');
    return reviewerView(created);
  }

  async list(): Promise<ReviewerView[]> {
    return (await listReviewers(this.db)).map(reviewerView);
  }

  /**
   * A first start without BOOTSTRAP_ADMIN_*: when no reviewer exists, create `admin@gavel.local`
   * with a random password and return it, to be shown once (like the first API key) and never
   * logged. Null when any reviewer exists already (or another process created this one first).
   */
  async ensureFirstAdmin(): Promise<{ email: string; password: string } | null> {
    if ((await listReviewers(this.db)).length > 0) return null;
    const email = FIRST_ADMIN_EMAIL;
    const password = randomBytes(18).toString('base64url');
    const created = await createReviewer(this.db, {
      email,
      name: 'Administrator',
      passwordHash: await hashPassword(password),
      role: 'admin',
    });
    return created ? { email, password } : null;
  }

  async ensureBootstrapAdmin(email: string, password: string): Promise<Reviewer> {
    return ensureAdminReviewer(this.db, {
      email: email.trim().toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(password),
    });
  }
}
