import { LoginBody, SessionView } from '@gavel/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROBLEM_RESPONSES } from '../problem';
import { currentReviewer, requireReviewer } from './reviewerAuth';
import { type ReviewerSessionService, SESSION_COOKIE } from './reviewerSession.service';
import { reviewerView } from './reviewers.service';

/** Login attempts per client address, on top of the per-account lockout. */
const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };

export const sessionRoutes: FastifyPluginAsyncTypebox<{ sessions: ReviewerSessionService; secureCookie: boolean }> = async (
  app,
  { sessions, secureCookie },
) => {
  const tags = ['reviewer session'];
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookie,
  };

  app.post(
    '/api/session',
    {
      config: { rateLimit: LOGIN_RATE_LIMIT },
      schema: { tags, body: LoginBody, response: { 200: SessionView, ...PROBLEM_RESPONSES } },
    },
    async (request, reply) => {
      const signedIn = await sessions.login(request.body.email, request.body.password);
      void reply.setCookie(SESSION_COOKIE, signedIn.token, { ...cookieOptions, maxAge: Math.floor(sessions.ttlMs / 1000) });
      return { reviewer: reviewerView(signedIn.reviewer), csrfToken: signedIn.session.csrfToken };
    },
  );

  app.get(
    '/api/session',
    { preHandler: requireReviewer(sessions), schema: { tags, response: { 200: SessionView, ...PROBLEM_RESPONSES } } },
    async (request) => ({ reviewer: reviewerView(currentReviewer(request)), csrfToken: request.reviewerSession!.csrfToken }),
  );

  app.delete(
    '/api/session',
    { preHandler: requireReviewer(sessions), schema: { tags, response: { 204: { type: 'null' }, ...PROBLEM_RESPONSES } } },
    async (request, reply) => {
      await sessions.logout(request.cookies[SESSION_COOKIE]);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );
};
