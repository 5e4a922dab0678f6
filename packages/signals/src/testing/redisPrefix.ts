import { createClient, createCluster } from 'redis';
import { parseRedisUrl } from '../redisConnection';

/** The shared Redis the integration tests use, each under a key prefix of its own. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every key under the prefix (tests share the Redis server; never FLUSHDB). On a Cluster, on every master. */
export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const target = parseRedisUrl(url);
  if (target.kind === 'standalone') {
    const client = createClient({ url });
    await client.connect();
    try {
      await deleteMatching(client, prefix);
    } finally {
      client.destroy();
    }
    return;
  }
  const cluster = createCluster({ rootNodes: target.seeds.map((socket) => ({ socket })) });
  await cluster.connect();
  try {
    for (const master of cluster.masters) await deleteMatching(await cluster.nodeClient(master), prefix);
  } finally {
    cluster.destroy();
  }
}

async function deleteMatching(
  client: { sendCommand(args: string[]): Promise<unknown> },
  prefix: string,
): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = (await client.sendCommand([
      'SCAN',
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      '1000',
    ])) as [string, string[]];
    cursor = next;
    // One DEL per key (a Cluster refuses a multi-key DEL across slots), pipelined.
    await Promise.all(keys.map((key) => client.sendCommand(['DEL', key])));
  } while (cursor !== '0');
}
