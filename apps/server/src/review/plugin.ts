import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { deleteExpiredReviewerSessions } from '@gavel/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { adminRoutes } from './admin.routes';
import { appealRoutes } from './appeal.routes';
import { AppealPortalService } from './appealPortal.service';
import { CaseActionService } from './caseActions.service';
import { caseRoutes } from './cases.routes';
import { CaseService } from './cases.service';
import { ReviewerService } from './reviewers.service';
import { registerWebApp } from './webApp';

const SESSION_SWEEP_MS = 3_600_000;

export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * The review role: the holder's appeal portal, reviewer sign-in, the queue, case actions, the lead
 * dashboard, and the built web app. Cookies and rate limits are registered in this encapsulated
 * scope, so they apply to these routes only.
 */
async function reviewPlugin(app: FastifyInstance, opts: { webDistDir?: string }) {
  const { config, db } = app;
  const sessions = app.reviewerSessions;
  const reviewers = new ReviewerService(db);
  const portal = new AppealPortalService(db, {
    secret: config.secret,
    appealDueHours: config.appealDueHours,
  });
  const cases = new CaseService(db, { claimTtlMinutes: config.claimTtlMinutes });
  const actions = new CaseActionService({
    db,
    publicUrl: config.publicUrl,
    secret: config.secret,
    mailFrom: config.mailFrom,
    policy: app.policy,
    onReinstated: async (accountId) => {
      if (app.hasDecorator('accountDirectory')) app.accountDirectory.setStatus(accountId, 'active');
      await app.signals.setStatus(accountId, 'active', { resetRisk: true });
    },
    onSuspended: async (accountId) => {
      if (app.hasDecorator('accountDirectory')) app.accountDirectory.setStatus(accountId, 'suspended');
      await app.signals.setStatus(accountId, 'suspended');
    },
    onOutboxRows: () => {
      if (app.hasDecorator('wakeOutbox')) app.wakeOutbox();
    },
  });

  // Expired sessions are refused on read; this only keeps the table small.
  const sweep = setInterval(() => {
    deleteExpiredReviewerSessions(db).catch((err) =>
      app.log.warn({ err }, 'sweeping expired reviewer sessions failed'),
    );
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  if (config.bootstrapAdminEmail && config.bootstrapAdminPassword) {
    await reviewers.ensureBootstrapAdmin(config.bootstrapAdminEmail, config.bootstrapAdminPassword);
    app.log.info('bootstrap admin reviewer ensured');
  }

  await app.register(async (scope) => {
    await scope.register(fastifyCookie);
    // preHandler, not onRequest: the sign-in limit keys on the parsed body's email.
    await scope.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
    scope.decorateRequest('reviewer', null);
    scope.decorateRequest('reviewerSession', null);
    await scope.register(appealRoutes, { portal });
    await scope.register(adminRoutes, { sessions, reviewers });
    await scope.register(caseRoutes, { sessions, cases, actions });
  });
  await app.register(async (scope) => {
    await registerWebApp(scope, opts.webDistDir ?? WEB_DIST_DIR);
  });
}

export default fp(reviewPlugin, {
  name: 'review',
  dependencies: ['config', 'db', 'signals', 'policy', 'auth'],
});
