import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Metrics } from '../metrics';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

async function metricsPlugin(app: FastifyInstance) {
  const metrics = new Metrics();
  app.decorate('metrics', metrics);

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: account ids must not explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });

  app.addHook('onClose', async () => metrics.close());
}

export default fp(metricsPlugin, { name: 'metrics' });
