import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createReviewerSession,
  type Db,
  deleteReviewerSession,
  findReviewerByEmail,
  findReviewerSession,
  type Reviewer,
  type ReviewerSession,
  touchReviewerSession,
} from '@gavel/db';
import { ProblemError } from '../problem';
import type { LoginThrottle } from './loginThrottle';
import { dummyPasswordHash, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'gavel_session';

export interface ReviewerSessionOptions {
  /** Idle lifetime of a session; each use slides it forward. */
  ttlMs: number;
}

export const DEFAULT_SESSION_OPTIONS: ReviewerSessionOptions = { ttlMs: 8 * 3_600_000 };

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

/**
 * Reviewer sign-in: scrypt passwords, a lockout per email and per address, server-side sessions with
 * a per-session CSRF token. Known and unknown emails get the same answers in the same time: both are
 * counted, both pay one scrypt, both lock.
 */
export class ReviewerSessionService {
  constructor(
    private readonly db: Db,
    readonly throttle: LoginThrottle,
    private readonly opts: ReviewerSessionOptions = DEFAULT_SESSION_OPTIONS,
  ) {
    // Made now, so the first unknown email does not pay two scrypts (a timing tell).
    dummyPasswordHash().catch(() => {});
  }

  async login(email: string, password: string, address: string, now: Date = new Date()): Promise<SignedIn> {
    // Counted before anything is checked: the lock cannot be raced by attempts in flight.
    const verdict = await this.throttle.attempt(email, address, now);
    if (verdict.locked) throw loginLocked(verdict.retryAfterSeconds);
    const reviewer = await findReviewerByEmail(this.db, email.trim());
    const known = reviewer && !reviewer.disabledAt ? reviewer : null;
    const right = await verifyPassword(password, known ? known.passwordHash : await dummyPasswordHash());
    if (!known || !right) {
      if (verdict.lastAttempt) throw loginLocked(verdict.retryAfterSeconds);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(verdict);
    const token = randomBytes(32).toString('base64url');
    const session = await createReviewerSession(this.db, {
      idHash: sha256(token),
      reviewerId: known.id,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: new Date(now.getTime() + this.opts.ttlMs),
    });
    return { token, session, reviewer: known };
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

/** The same for a known and an unknown email: it says nothing about whether the account exists. */
function loginLocked(retryAfterSeconds: number): ProblemError {
  return new ProblemError(
    429,
    'LOGIN_LOCKED',
    'Too many sign-in attempts. Try again later, or ask an administrator to unlock your account.',
    undefined,
    retryAfterSeconds,
  );
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
