import { connectRedis, type RedisConnection } from '@gavel/signals';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one Redis connection (a server or a Cluster) when REDIS_URL is set; null on the embedded default. */
    redis: RedisConnection | null;
  }
}

/**
 * One connection shared by the signal store and the rate limiter: their script calls leave in the
 * same socket writes, and a Cluster's topology is discovered once. Registered before its users, so
 * fastify closes it after them (their last writes drain first).
 */
async function redisPlugin(app: FastifyInstance) {
  const { config } = app;
  if (!config.redisUrl) {
    app.decorate('redis', null);
    return;
  }
  // Reconnect storms would flood the log: one line per 10 s is enough to see the outage.
  let lastLogged = 0;
  const onError = (err: Error) => {
    const now = Date.now();
    if (now - lastLogged < 10_000) return;
    lastLogged = now;
    app.log.warn({ err: { message: err.message } }, 'redis connection error');
  };
  const connection = await connectRedis({ url: config.redisUrl, onError });
  app.log.info({ kind: connection.kind, ready: connection.isReady }, 'redis connection opened');
  app.decorate('redis', connection);
  app.addHook('onClose', async () => connection.close());
}

export default fp(redisPlugin, { name: 'redis', dependencies: ['config'] });
