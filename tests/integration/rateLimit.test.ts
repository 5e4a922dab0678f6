import { afterAll, describe, it } from 'vitest';
import { REDIS_URL } from './gavelHarness';
import { bucketsSharedPerKey } from './rateLimitSharing';

// Item 9 of issue 7: a runaway client must not take the service down for everyone.

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('per-key rate limits on the pipeline routes', () => {
  it('two instances on one Redis spend one token bucket per key', async () => {
    await bucketsSharedPerKey(REDIS_URL, 2, cleanups);
  });

  it('the embedded default (no Redis) keeps the bucket in process', async () => {
    await bucketsSharedPerKey(null, 1, cleanups);
  });
});
