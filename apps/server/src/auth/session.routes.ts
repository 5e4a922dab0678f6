import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LoginBody, SessionView } from '@gavel/contracts';
import Type from 'typebox';
import { PROBLEM_RESPONSES } from '../problem';
import { reviewerView } from '../reviewers/reviewers.service';
import { requireReviewer } from './reviewerAuth';
import { type ReviewerSessionService, SESSION_COOKIE } from './reviewerSession.service';

export const sessionRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  secureCookie: boolean;
}> = async (app, { sessions, secureCookie }) => {
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
      schema: { tags, body: LoginBody, response: { 200: SessionView, ...PROBLEM_RESPONSES } },
    },
    async (request, reply) => {
      const signedIn = await sessions.login(request.body.email, request.body.password, request.ip);
      void reply.setCookie(SESSION_COOKIE, signedIn.token, {
        ...cookieOptions,
        maxAge: Math.floor(sessions.ttlMs / 1000),
      });
      return { reviewer: reviewerView(signedIn.reviewer), csrfToken: signedIn.session.csrfToken };
    },
  );

  // Signed out is an ordinary state for the console, not an error: 204 instead of 401 keeps the
  // browser console clean on the sign-in page.
  app.get(
    '/api/session',
    { schema: { tags, response: { 200: SessionView, 204: Type.Null(), ...PROBLEM_RESPONSES } } },
    async (request, reply) => {
      const found = await sessions.resolve(request.cookies[SESSION_COOKIE]);
      if (!found) return reply.code(204).send(null);
      return { reviewer: reviewerView(found.reviewer), csrfToken: found.session.csrfToken };
    },
  );

  app.delete(
    '/api/session',
    {
      preHandler: requireReviewer(sessions),
      schema: { tags, response: { 204: Type.Null(), ...PROBLEM_RESPONSES } },
    },
    async (request, reply) => {
      await sessions.logout(request.cookies[SESSION_COOKIE]);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );
};
