import type { ReviewerRole } from '@gavel/contracts';
import type { Reviewer, ReviewerSession } from '@gavel/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '../problem';
import { csrfTokenMatches, type ReviewerSessionService, SESSION_COOKIE } from './reviewerSession.service';

declare module 'fastify' {
  interface FastifyRequest {
    reviewer: Reviewer | null;
    reviewerSession: ReviewerSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * preHandler for reviewer routes: a live session cookie (401), the session's CSRF token in
 * X-CSRF-Token on every state-changing request (403), and one of `roles` when given (403).
 * The appeal token is no credential here: it never reaches this check.
 */
export function requireReviewer(sessions: ReviewerSessionService, roles?: readonly ReviewerRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const found = await sessions.resolve(request.cookies?.[SESSION_COOKIE]);
    if (!found) throw new ProblemError(401, 'UNAUTHORIZED', 'Sign in to continue.');
    if (
      !SAFE_METHODS.has(request.method) &&
      !csrfTokenMatches(found.session, request.headers['x-csrf-token'])
    ) {
      throw new ProblemError(
        403,
        'FORBIDDEN',
        'Missing or invalid CSRF token: reload the page and try again.',
      );
    }
    if (roles && !roles.includes(found.reviewer.role)) {
      throw new ProblemError(403, 'FORBIDDEN', 'Your role does not allow this.');
    }
    request.reviewer = found.reviewer;
    request.reviewerSession = found.session;
  };
}

/** The signed-in reviewer (set by requireReviewer). */
export function currentReviewer(request: FastifyRequest): Reviewer {
  if (!request.reviewer) throw new ProblemError(401, 'UNAUTHORIZED', 'Sign in to continue.');
  return request.reviewer;
}
