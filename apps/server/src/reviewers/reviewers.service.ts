import type { CreateReviewerBody, ReviewerView } from '@gavel/contracts';
import { createReviewer, type Db, ensureAdminReviewer, listReviewers, type Reviewer } from '@gavel/db';
import { hashPassword } from '../auth/passwords';
import { ProblemError } from '../problem';

export function reviewerView(r: Reviewer): ReviewerView {
  return { id: r.id, email: r.email, name: r.name, role: r.role };
}

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

  async ensureBootstrapAdmin(email: string, password: string): Promise<Reviewer> {
    return ensureAdminReviewer(this.db, {
      email: email.trim().toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(password),
    });
  }
}
