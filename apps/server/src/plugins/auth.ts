import type { ApiKeyScope } from '@gavel/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiKeyService, type VerifiedKey } from '../keys/apiKeys.service';
import { ProblemError } from '../problem';

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyService;
    /** onRequest hook (before the body is parsed or validated): a valid `Authorization: Bearer gvl_...` key with this scope, else 401/403. */
    requireScope(scope: ApiKeyScope): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    apiKey: VerifiedKey | null;
  }
}

async function authPlugin(app: FastifyInstance) {
  const service = new ApiKeyService(app.db, app.log, app.config.apiKeyCacheTtlMs);
  app.decorate('apiKeys', service);
  app.decorateRequest('apiKey', null);

  app.decorate('requireScope', (scope: ApiKeyScope) => async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new ProblemError(401, 'UNAUTHORIZED', 'Send Authorization: Bearer <key>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ProblemError(401, 'UNAUTHORIZED', 'Send Authorization: Bearer <key>');
    const key = await service.verify(match[1]);
    if (!key) throw new ProblemError(401, 'UNAUTHORIZED', 'Unknown or revoked API key');
    if (!key.scopes.has(scope))
      throw new ProblemError(403, 'FORBIDDEN', `This key lacks the '${scope}' scope`);
    request.apiKey = key;
  });

  app.addHook('onClose', async () => service.close());
}

export default fp(authPlugin, { name: 'auth', dependencies: ['config', 'db'] });
