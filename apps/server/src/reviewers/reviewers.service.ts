import { randomBytes } from 'node:crypto';
import type { CreateReviewerBody, ReviewerView } from '@gavel/contracts';
import {
  createReviewer,
  type Db,
  ensureAdminReviewer,
  getReviewer,
  listReviewers,
  type Reviewer,
} from '@gavel/db';
import type { LoginThrottle } from '../auth/loginThrottle';
import { hashPassword } from '../auth/passwords';
import { ProblemError } from '../problem';

export function reviewerView(r: Reviewer): ReviewerView {
  return { id: r.id, email: r.email, name: r.name, role: r.role };
}

export const FIRST_ADMIN_EMAIL = 'admin@gavel.local';

/** Admins create reviewers; BOOTSTRAP_ADMIN_* makes sure one admin exists at boot. */
export class ReviewerService {
  constructor(
    private readonly db: Db,
    private readonly throttle: LoginThrottle,
  ) {}

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

  async ensureBootstrapAdmin(email: string, password: string): Promise<Reviewer> {
    const admin = await ensureAdminReviewer(this.db, {
      email: email.trim().toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(password),
    });
    // A restart with BOOTSTRAP_ADMIN_* is the way back when every admin is locked out.
    await this.throttle.unlock(admin.email);
    return admin;
  }

  /** Clears the reviewer's sign-in lock (their email's attempt window). */
  async unlock(id: string): Promise<void> {
    const reviewer = await getReviewer(this.db, id);
    if (!reviewer) throw new ProblemError(404, 'NOT_FOUND', 'No such reviewer.');
    await this.throttle.unlock(reviewer.email);
  }
}

/**
 * A first start without BOOTSTRAP_ADMIN_*: when no reviewer exists, create `admin@gavel.local` with a
 * random password and return it, to be shown once (like the first API key) and never logged. Null
 * when any reviewer exists already (or another process created this one first).
 */
export async function ensureFirstAdmin(db: Db): Promise<{ email: string; password: string } | null> {
  if ((await listReviewers(db)).length > 0) return null;
  const email = FIRST_ADMIN_EMAIL;
  const password = randomBytes(18).toString('base64url');
  const created = await createReviewer(db, {
    email,
    name: 'Administrator',
    passwordHash: await hashPassword(password),
    role: 'admin',
  });
  return created ? { email, password } : null;
}
