import { createMemorySignalStore, createRedisSignalStore, type SignalStore } from '@gavel/signals';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { messageClock } from './messageClock';

declare module 'fastify' {
  interface FastifyInstance {
    signals: SignalStore;
  }
}

/** Redis (a server or a Cluster) when REDIS_URL is set, else the in-process store (one process only). */
async function signalsPlugin(app: FastifyInstance) {
  const { config, redis } = app;
  const create = async (now?: () => number): Promise<SignalStore> =>
    redis
      ? await createRedisSignalStore({
          connection: redis,
          prefix: config.redisPrefix,
          // The scoring path bounds its own wait by the budget; this bound is for everything else
          // (events, account views) and keeps pending commands from piling up while Redis is down.
          commandTimeoutMs: Math.max(config.scoreBudgetMs * 10, 1_000),
          ...(now ? { now } : {}),
        })
      : createMemorySignalStore(now ? { now } : {});
  const clock = config.signalClock === 'message' ? messageClock() : null;
  const store = clock ? clock.drive(await create(clock.now)) : await create();
  app.log.info(
    { kind: redis ? `redis ${redis.kind}` : 'memory', clock: config.signalClock },
    'signal store ready',
  );
  app.decorate('signals', store);
  app.addHook('onClose', async () => store.close());
}

export default fp(signalsPlugin, { name: 'signals', dependencies: ['config', 'redis'] });
