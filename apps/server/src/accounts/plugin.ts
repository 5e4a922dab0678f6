import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { accountPageRoutes } from './accountPage.routes';
import { AccountPageService } from './accountPage.service';

/** The reviewer's account page (review role): `/api/accounts/{accountId}` and its decision timeline. */
async function accountPagePlugin(app: FastifyInstance) {
  const pages = new AccountPageService(app.db);
  await app.register(async (scope) => {
    await scope.register(fastifyCookie);
    scope.decorateRequest('reviewer', null);
    scope.decorateRequest('reviewerSession', null);
    await scope.register(accountPageRoutes, { sessions: app.reviewerSessions, pages });
  });
}

export default fp(accountPagePlugin, { name: 'account-page', dependencies: ['config', 'db', 'auth'] });
