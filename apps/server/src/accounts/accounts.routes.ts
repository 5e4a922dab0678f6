import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountParams, AccountSettings, AccountSettingsView, AccountView } from '@gavel/contracts';
import { PROBLEM_RESPONSES } from '../problem';
import { AccountsService } from './accounts.service';

const security = [{ apiKey: [] }];

export const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new AccountsService({
    db: app.db,
    signals: app.signals,
    policy: app.policy,
    directory: app.accountDirectory,
    secret: app.config.secret,
  });

  app.get(
    '/v1/accounts/:accountId',
    {
      onRequest: app.requireScope('score'),
      schema: {
        tags: ['accounts'],
        security,
        summary: 'Status, risk and the open suspension of an account',
        params: AccountParams,
        response: { 200: AccountView, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => service.view(request.params.accountId),
  );

  app.put(
    '/v1/admin/accounts/:accountId',
    {
      onRequest: app.requireScope('admin'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Notice email, webhook URL and lists of an account',
        description: 'The response carries the key that signs this account’s webhooks.',
        params: AccountParams,
        body: AccountSettings,
        response: { 200: AccountSettingsView, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => service.updateSettings(request.params.accountId, request.body),
  );
};
