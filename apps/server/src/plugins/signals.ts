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
  // Reconnect storms would flood the log: one line per 10 s is enough to see the outage.
  let lastLogged = 0;
  const onError = (err: Error) => {
    const now = Date.now();
    if (now - lastLogged < 10_000) return;
    lastLogged = now;
    app.log.warn({ err: { message: err.message } }, 'signal store connection error');
  };
  const store = config.redisUrl
    ? await createRedisSignalStore({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        // The scoring path bounds its own wait by the budget; this bound is for everything else
        // (events, account views) and keeps pending commands from piling up while Redis is down.
        commandTimeoutMs: Math.max(config.scoreBudgetMs * 10, 1_000),
        onError,
      })
    : createMemorySignalStore();
  app.log.info({ kind: config.redisUrl ? 'redis' : 'memory' }, 'signal store ready');
  app.decorate('signals', store);
  app.addHook('onClose', async () => store.close());
}

export default fp(signalsPlugin, { name: 'signals', dependencies: ['config'] });
