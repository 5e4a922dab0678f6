import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { privacyApiRoutes, privacySessionRoutes } from './privacy.routes';
import { PrivacyService } from './privacy.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Export, erasure (and its follow-up), the retention status and the transparency export. */
    privacy: PrivacyService;
  }
}

/**
 * The privacy promises as routes: for admin API keys with the scoring role, for signed-in admins with
 * the review role; the worker's retention job finishes held-back erasures through the same service.
 */
async function privacyPlugin(app: FastifyInstance) {
  const { config } = app;
  const privacy = new PrivacyService({
    db: app.db,
    signals: app.signals,
    directory: app.accountDirectory,
    settings: { excerptDays: config.retentionExcerptDays, intervalMinutes: config.retentionIntervalMinutes },
    log: app.log.child({ component: 'privacy' }),
  });
  app.decorate('privacy', privacy);

  if (config.roles.has('scoring')) await app.register(privacyApiRoutes, { privacy });
  if (config.roles.has('review')) {
    // Encapsulated: the session cookie is read on these routes only.
    await app.register(async (scope) => {
      await scope.register(fastifyCookie);
      scope.decorateRequest('reviewer', null);
      scope.decorateRequest('reviewerSession', null);
      await scope.register(privacySessionRoutes, { sessions: app.reviewerSessions, privacy });
    });
  }
}

export default fp(privacyPlugin, {
  name: 'privacy',
  dependencies: ['config', 'db', 'signals', 'auth', 'enforcement'],
});
