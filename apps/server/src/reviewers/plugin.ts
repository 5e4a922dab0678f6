import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { reviewerRoutes } from './reviewers.routes';
import { ReviewerService } from './reviewers.service';

/** Reviewer administration (admins create reviewers); BOOTSTRAP_ADMIN_* ensures one admin at boot. */
async function reviewersPlugin(app: FastifyInstance, opts: { sessions: ReviewerSessionService }) {
  const { config } = app;
  const reviewers = new ReviewerService(app.db, opts.sessions.throttle);
  if (config.bootstrapAdminEmail && config.bootstrapAdminPassword) {
    await reviewers.ensureBootstrapAdmin(config.bootstrapAdminEmail, config.bootstrapAdminPassword);
    app.log.info('bootstrap admin reviewer ensured');
  }
  await app.register(reviewerRoutes, { sessions: opts.sessions, reviewers });
}

export default fp(reviewersPlugin, { name: 'reviewers', dependencies: ['config', 'db'] });
