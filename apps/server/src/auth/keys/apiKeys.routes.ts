import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiKeyList, ApiKeyParams, CreateApiKeyRequest, CreatedApiKey } from '@gavel/contracts';
import Type from 'typebox';
import { PROBLEM_RESPONSES } from '../../problem';

const tags = ['admin'];
const security = [{ apiKey: [] }];

/** Admin: create (the key is in this response only), list and revoke API keys. Scope `admin`. */
export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = app.requireScope('admin');

  app.post(
    '/v1/admin/keys',
    {
      onRequest,
      schema: {
        tags,
        security,
        body: CreateApiKeyRequest,
        response: { 201: CreatedApiKey, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await app.apiKeys.create(request.body.name, request.body.scopes)),
  );

  app.get(
    '/v1/admin/keys',
    { onRequest, schema: { tags, security, response: { 200: ApiKeyList, ...PROBLEM_RESPONSES } } },
    async () => ({ keys: await app.apiKeys.list() }),
  );

  app.delete(
    '/v1/admin/keys/:id',
    {
      onRequest,
      schema: {
        tags,
        security,
        description:
          'Revokes the key: at once on this replica, within 1 s on the others (KEY_REVOCATION_POLL_MS, 250 ms).',
        params: ApiKeyParams,
        response: { 204: Type.Null(), ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      await app.apiKeys.revoke(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
