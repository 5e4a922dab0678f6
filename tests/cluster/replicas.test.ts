import { startRedisCluster, type TestRedisCluster } from '@gavel/signals/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
});
