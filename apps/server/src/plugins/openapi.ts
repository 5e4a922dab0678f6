import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * `/openapi.json` and `/docs`, generated from the route schemas (which come from @gavel/contracts):
 * there is no hand-written copy to drift. Registered before the routes so it sees all of them.
 */
async function openapiPlugin(app: FastifyInstance) {
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
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'gvl_... API key' } },
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

export default fp(openapiPlugin, { name: 'openapi', dependencies: ['config'] });
