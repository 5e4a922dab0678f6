import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../auth/reviewerSession.service';

/**
 * `/openapi.json` and `/docs`, generated from the route schemas (which come from @gavel/contracts):
 * there is no hand-written copy to drift. Registered before the routes so it sees all of them.
 */
async function openapiPlugin(app: FastifyInstance) {
  // Before swagger's own hook: every operation gets an id, a summary and a security requirement.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'GET';
    const named = OPERATIONS[`${method} ${route.url}`];
    const schema = route.schema as Record<string, unknown>;
    if (named) {
      schema.operationId ??= named[0];
      if (named[1]) schema.summary ??= named[1];
    }
    schema.security ??= defaultSecurity(method, route.url);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gavel',
        version: '1',
        description: 'Anti-abuse decisions for outbound messages. Errors are application/problem+json.',
      },
      servers: [{ url: app.config.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'gvl_... API key' },
          reviewerSession: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'The review console’s session (POST /api/session). State-changing requests also send the session’s CSRF token in X-CSRF-Token.',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // The default CSP upgrades requests to https, which leaves /docs blank over plain http on any
    // address but localhost (a LAN host, a container): keep the policy, drop the upgrade.
    transformStaticCSP: (header) =>
      header
        .split(';')
        .filter((d) => d.trim() !== 'upgrade-insecure-requests')
        .join(';'),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Operation ids (what generated clients call the methods) and summaries for routes that do not name
 * themselves in their schema; a route's own `operationId`/`summary` wins. The lint test
 * (tests/integration/openapi.test.ts) fails on any operation left without them.
 */
const OPERATIONS: Record<string, [operationId: string, summary: string]> = {
  'GET /healthz': ['getHealth', 'Liveness: the process answers'],
  'GET /readyz': ['getReadiness', 'Readiness: the state of each dependency'],
  'POST /v1/score': ['scoreMessage', ''],
  'POST /v1/score/batch': ['scoreMessages', ''],
  'POST /v1/events': ['sendEvents', ''],
  'GET /v1/accounts/:accountId': ['getAccount', ''],
  'PUT /v1/admin/accounts/:accountId': ['updateAccountSettings', ''],
  'POST /v1/admin/keys': ['createApiKey', 'Create an API key (shown once)'],
  'GET /v1/admin/keys': ['listApiKeys', 'List API keys (never the keys themselves)'],
  'DELETE /v1/admin/keys/:id': ['revokeApiKey', 'Revoke an API key'],
  'POST /api/session': ['signIn', 'Sign a reviewer in (sets the session cookie)'],
  'GET /api/session': ['getSession', 'The signed-in reviewer, or 204 when nobody is'],
  'DELETE /api/session': ['signOut', 'Sign out (ends the session)'],
  'GET /api/admin/reviewers': ['listReviewers', 'List reviewers (admins)'],
  'POST /api/admin/reviewers': ['createReviewer', 'Create a reviewer (admins)'],
  'POST /api/admin/reviewers/:id/unlock': [
    'unlockReviewer',
    'Unlock a reviewer locked out by failed sign-ins',
  ],
  'GET /api/cases': ['listCases', 'The review queue, filtered and sorted'],
  'POST /api/cases/claim-next': ['claimNextCase', 'Claim the next case in the queue'],
  'GET /api/cases/:id': ['getCase', 'Everything the case page shows, in one answer'],
  'POST /api/cases/:id/claim': ['claimCase', 'Claim a case'],
  'POST /api/cases/:id/extend': ['extendCaseClaim', 'Extend your claim on a case'],
  'POST /api/cases/:id/release': ['releaseCase', 'Release a claimed case'],
  'POST /api/cases/:id/actions': ['actOnCase', 'Reinstate, uphold, escalate, ask the holder or add a note'],
  'GET /api/dashboard': ['getDashboard', 'Queue and outcome figures for leads and admins'],
};

/** Who may call a route, for routes that do not say: the console's session under /api, else public. */
function defaultSecurity(method: string, url: string): Record<string, string[]>[] {
  if (url === '/healthz' || url === '/readyz') return [];
  if (url === '/api/session' && method === 'POST') return [];
  // Answers 204 without a session: the session is optional here.
  if (url === '/api/session') return [{ reviewerSession: [] }, {}];
  if (url.startsWith('/api/')) return [{ reviewerSession: [] }];
  return [{ apiKey: [] }];
}

export default fp(openapiPlugin, { name: 'openapi', dependencies: ['config'] });
