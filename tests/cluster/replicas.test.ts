import { startRedisCluster, type TestRedisCluster } from '@gavel/signals/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { bucketsSharedPerKey } from '../integration/rateLimitSharing';
import { twoReplicasCountAsOne } from '../integration/replicaCounting';

let cluster: TestRedisCluster;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await cluster?.stop();
});

describe('two instances sharing one Redis Cluster (REDIS_URL=redis+cluster://...)', () => {
  it('count what one instance counts, and answer repeats across instances with the first answer', async () => {
    await twoReplicasCountAsOne(cluster.url, cleanups);
  });

  it('spend one rate-limit token bucket per API key (one hash-tagged key, one slot)', async () => {
    await bucketsSharedPerKey(cluster.url, 2, cleanups);
  });
});
