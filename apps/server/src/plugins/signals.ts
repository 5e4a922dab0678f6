import { createMemorySignalStore, createRedisSignalStore, type SignalStore } from '@gavel/signals';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    signals: SignalStore;
  }
}

/** Redis when REDIS_URL is set, else the in-process store (one process only). */
async function signalsPlugin(app: FastifyInstance) {
  const { config } = app;
  const store = config.redisUrl
    ? await createRedisSignalStore({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        // A command that misses the scoring budget is abandoned by the caller anyway.
        commandTimeoutMs: Math.max(config.scoreBudgetMs, 20),
      })
    : createMemorySignalStore();
  app.log.info({ kind: config.redisUrl ? 'redis' : 'memory' }, 'signal store ready');
  app.decorate('signals', store);
  app.addHook('onClose', async () => store.close());
}

export default fp(signalsPlugin, { name: 'signals', dependencies: ['config'] });
