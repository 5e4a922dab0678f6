import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { appealRoutes } from './appeal.routes';
import { AppealPortalService } from './appealPortal.service';

/** The holder's appeal portal (/api/appeal/{token}): no sign-in, the signed link is the credential. */
async function appealsPlugin(app: FastifyInstance) {
  const portal = new AppealPortalService(app.db, {
    secret: app.config.secret,
    appealDueHours: app.config.appealDueHours,
  });
  await app.register(appealRoutes, { portal });
}

export default fp(appealsPlugin, { name: 'appeals', dependencies: ['config', 'db'] });
