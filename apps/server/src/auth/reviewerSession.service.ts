import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createReviewerSession,
  type Db,
  deleteReviewerSession,
  findReviewerByEmail,
  findReviewerSession,
  type Reviewer,
  type ReviewerSession,
  recordFailedLogin,
  resetFailedLogins,
  touchReviewerSession,
} from '@gavel/db';
import { ProblemError } from '../problem';
import { dummyPasswordHash, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'gavel_session';

export interface ReviewerSessionOptions {
  /** Idle lifetime of a session; each use slides it forward. */
  ttlMs: number;
  /** Failed sign-ins in a row before the account locks. */
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_SESSION_OPTIONS: ReviewerSessionOptions = {
  ttlMs: 8 * 3_600_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
};

/** Only touch the row when the last touch is this old: one write per few minutes, not per request. */
const TOUCH_EVERY_MS = 5 * 60_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  /** Goes into the cookie; the database keeps only its hash. */
  token: string;
  session: ReviewerSession;
  reviewer: Reviewer;
}

export interface ResolvedSession {
  session: ReviewerSession;
  reviewer: Reviewer;
}

/** Reviewer sign-in: scrypt passwords, lockout, server-side sessions with a per-session CSRF token. */
export class ReviewerSessionService {
  constructor(
    private readonly db: Db,
    private readonly opts: ReviewerSessionOptions = DEFAULT_SESSION_OPTIONS,
  ) {}

  async login(email: string, password: string, now: Date = new Date()): Promise<SignedIn> {
    const reviewer = await findReviewerByEmail(this.db, email.trim());
    if (!reviewer || reviewer.disabledAt) {
      await verifyPassword(password, await dummyPasswordHash());
      throw invalidCredentials();
    }
    if (reviewer.lockedUntil && reviewer.lockedUntil > now) {
      // Checked before the password, so a locked account gives no oracle to keep guessing against.
      throw new ProblemError(429, 'RATE_LIMITED', 'Too many failed sign-ins. Try again in a few minutes.');
    }
    if (!(await verifyPassword(password, reviewer.passwordHash))) {
      const after = await recordFailedLogin(this.db, reviewer.id, {
        maxFailures: this.opts.maxFailures,
        lockMs: this.opts.lockMs,
        now,
      });
      if (after?.lockedUntil && after.lockedUntil > now) {
        throw new ProblemError(429, 'RATE_LIMITED', 'Too many failed sign-ins. Try again in a few minutes.');
      }
      throw invalidCredentials();
    }
    if (reviewer.failedLogins > 0 || reviewer.lockedUntil) await resetFailedLogins(this.db, reviewer.id);
    const token = randomBytes(32).toString('base64url');
    const session = await createReviewerSession(this.db, {
      idHash: sha256(token),
      reviewerId: reviewer.id,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: new Date(now.getTime() + this.opts.ttlMs),
    });
    return { token, session, reviewer };
  }

  async resolve(token: string | undefined, now: Date = new Date()): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    const found = await findReviewerSession(this.db, sha256(token), now);
    if (!found) return null;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchReviewerSession(this.db, found.session.id, new Date(now.getTime() + this.opts.ttlMs), now);
    }
    return found;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token && token.length <= 200) await deleteReviewerSession(this.db, sha256(token));
  }

  get ttlMs(): number {
    return this.opts.ttlMs;
  }
}

function invalidCredentials(): ProblemError {
  return new ProblemError(401, 'UNAUTHORIZED', 'Email or password is wrong.');
}

/** Constant-time check of the X-CSRF-Token header against the session's token. */
export function csrfTokenMatches(session: ReviewerSession, header: unknown): boolean {
  if (typeof header !== 'string' || header.length === 0 || header.length > 200) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
