import fastifyCookie from '@fastify/cookie';
import type { ApiKeyScope } from '@gavel/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problem';
import { apiKeyRoutes } from './keys/apiKeys.routes';
import { ApiKeyService, type VerifiedKey } from './keys/apiKeys.service';
import { LoginThrottle } from './loginThrottle';
import { ReviewerSessionService } from './reviewerSession.service';
import { sessionRoutes } from './session.routes';

declare module 'fastify' {
  interface FastifyInstance {
    apiKeys: ApiKeyService;
    /** Reviewer sign-in and sessions; the review role's routes check sessions through it. */
    reviewerSessions: ReviewerSessionService;
    /** onRequest hook (before the body is parsed or validated): a valid `Authorization: Bearer gvl_...` key with this scope, else 401/403. */
    requireScope(scope: ApiKeyScope): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    apiKey: VerifiedKey | null;
  }
}

/**
 * Who is calling: pipeline API keys (and the admin routes that manage them, with the scoring role)
 * and reviewer sessions (and the sign-in routes, with the review role).
 */
async function authPlugin(app: FastifyInstance) {
  const { config } = app;
  const service = new ApiKeyService(app.db, app.log, {
    cacheTtlMs: config.apiKeyCacheTtlMs,
    lookupTimeoutMs: config.scoreBudgetMs,
    firstLookupTimeoutMs: Math.min(1_000, config.databaseTimeoutMs),
    revocationPollMs: config.keyRevocationPollMs,
  });
  app.decorate('apiKeys', service);
  app.decorateRequest('apiKey', null);
  const throttle = new LoginThrottle(app.db, config.secret, {
    maxAttempts: config.loginMaxAttempts,
    maxAttemptsPerAddress: config.loginMaxAttemptsPerAddress,
    windowMs: config.loginLockMinutes * 60_000,
  });
  app.decorate('reviewerSessions', new ReviewerSessionService(app.db, throttle));

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

  // The revocation epoch is read once before the first request: the first poll clears the cache, and
  // a poll that first succeeded after keys were cached threw them away; with Postgres down at that
  // moment (tests/integration/resilience.test.ts) every request then got 503 instead of being
  // served from the cache. A failed read here is retried by the timer as before.
  app.addHook('onReady', async () => service.pollRevocations());
  app.addHook('onClose', async () => service.close());

  if (config.roles.has('scoring')) await app.register(apiKeyRoutes);
  if (config.roles.has('review')) {
    // Encapsulated: cookies apply to the session routes only. Sign-in attempts are limited by the
    // LoginThrottle (per email and per address, shared by every replica through Postgres).
    await app.register(async (scope) => {
      await scope.register(fastifyCookie);
      scope.decorateRequest('reviewer', null);
      scope.decorateRequest('reviewerSession', null);
      await scope.register(sessionRoutes, {
        sessions: app.reviewerSessions,
        secureCookie: config.publicUrl.startsWith('https://'),
      });
    });
  }
}

export default fp(authPlugin, { name: 'auth', dependencies: ['config', 'db'] });
