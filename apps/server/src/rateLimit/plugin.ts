import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problem';
import { withinBudget } from '../scoring/budget';
import { MemoryTokenBuckets, RedisTokenBuckets, type TokenBuckets } from './tokenBuckets';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This route spends the caller's per-key token bucket (RATE_LIMIT_PER_KEY): the tokens one
     * request costs (a batch: its message count). Read after the body is parsed.
     */
    keyRateLimitCost?: (request: FastifyRequest) => number;
  }
}

/** After Redis fails or is slow, requests pass unchecked for this long instead of each waiting again. */
const FAIL_OPEN_MS = 1_000;

/**
 * Per-API-key rate limits on the pipeline routes: a token bucket per key, in Redis when REDIS_URL is
 * set (every replica spends the same bucket), in process otherwise. Refusals are 429 RATE_LIMITED
 * with Retry-After. When Redis does not answer within a fraction of the score budget the request
 * passes (fail open, counted): a limiter outage must not become a scoring outage. Hand-written rather
 * than @fastify/rate-limit: that plugin counts requests in fixed windows, per replica unless given a
 * Redis client of its own, and cannot charge a batch by its message count.
 */
async function rateLimitPlugin(app: FastifyInstance) {
  const { config, metrics } = app;
  const spec = config.rateLimitPerKey;
  if (!spec) return;
  const buckets: TokenBuckets = app.redis
    ? new RedisTokenBuckets(app.redis, config.redisPrefix, spec)
    : new MemoryTokenBuckets(spec);
  // A Redis round trip is well under a millisecond; past this the limiter steps aside.
  const waitMs = Math.max(2, Math.min(10, config.scoreBudgetMs / 5));
  let skipUntil = 0;
  app.log.info({ ...spec, store: app.redis ? 'redis' : 'memory' }, 'per-key rate limit on');

  app.addHook('preHandler', async (request) => {
    const costOf = request.routeOptions.config.keyRateLimitCost;
    const keyId = request.apiKey?.id;
    if (!costOf || !keyId) return;
    const route = request.routeOptions.url ?? 'unmatched';
    if (performance.now() < skipUntil) {
      metrics.rateLimitUnchecked.inc({ route });
      return;
    }
    const cost = Math.max(1, costOf(request));
    const taken = await withinBudget(buckets.take(keyId, cost), waitMs);
    if (!taken.ok) {
      skipUntil = performance.now() + FAIL_OPEN_MS;
      metrics.rateLimitUnchecked.inc({ route });
      request.log.warn(
        { timedOut: taken.timedOut, err: taken.error },
        'rate limiter unavailable; passing requests unchecked for 1 s',
      );
      return;
    }
    if (taken.value.allowed) return;
    metrics.rateLimited.inc({ route });
    metrics.rateLimitedCost.inc({ route }, cost);
    throw new ProblemError(
      429,
      'RATE_LIMITED',
      `This API key is over its rate of ${spec.ratePerSecond} messages/s (burst ${spec.burst}).`,
      undefined,
      taken.value.retryAfterMs / 1000,
    );
  });
}

/** The cost of a pipeline request: one, or the number of items of a batch body. */
export function itemsIn(field: 'messages' | 'events'): (request: FastifyRequest) => number {
  return (request) => {
    const items = (request.body as Record<string, unknown> | null | undefined)?.[field];
    return Array.isArray(items) ? items.length : 1;
  };
}

export default fp(rateLimitPlugin, {
  name: 'rate-limit',
  dependencies: ['config', 'redis', 'metrics', 'auth'],
});
