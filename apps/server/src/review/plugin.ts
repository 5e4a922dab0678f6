import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { deleteEndedLoginWindows, deleteExpiredReviewerSessions } from '@gavel/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import appealsPlugin from '../appeals/plugin';
import casesPlugin from '../cases/plugin';
import reviewersPlugin from '../reviewers/plugin';
import statsPlugin from '../stats/plugin';
import webAppPlugin from '../webApp/plugin';

const SESSION_SWEEP_MS = 3_600_000;

/**
 * The review role: registers the appeal portal, reviewer admin, the cases (queue, case page,
 * actions, dashboard) and the built web app. Sign-in and sessions live in `auth/`. Cookies and
 * rate limits are registered in an encapsulated scope, so they apply to these routes only.
 */
async function reviewPlugin(app: FastifyInstance) {
  const { db } = app;
  const sessions = app.reviewerSessions;

  // Expired sessions and ended sign-in windows count for nothing already; this keeps the tables small.
  const sweep = setInterval(() => {
    deleteExpiredReviewerSessions(db).catch((err) =>
      app.log.warn({ err }, 'sweeping expired reviewer sessions failed'),
    );
    deleteEndedLoginWindows(db).catch((err) => app.log.warn({ err }, 'sweeping sign-in windows failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  await app.register(async (scope) => {
    await scope.register(fastifyCookie);
    await scope.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
    scope.decorateRequest('reviewer', null);
    scope.decorateRequest('reviewerSession', null);
    await scope.register(appealsPlugin);
    await scope.register(reviewersPlugin, { sessions });
    await scope.register(casesPlugin, { sessions });
    await scope.register(statsPlugin, { sessions });
  });
  await app.register(webAppPlugin);
}

export default fp(reviewPlugin, {
  name: 'review',
  dependencies: ['config', 'db', 'auth', 'signals', 'policy', 'enforcement'],
});
