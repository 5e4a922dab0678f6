import { expect } from 'vitest';
import {
  createTestDatabase,
  deleteRedisPrefix,
  randomSuffix,
  startGavel,
  type TestGavel,
} from './gavelHarness';
import { HONEST_BODIES, message, pick, uniqueId } from './sampleMessages';

/** 1 token per 100 s: nothing refills while a test runs, so the counts below are exact. */
const RATE_ENV = { RATE_LIMIT_PER_KEY: '0.01', RATE_LIMIT_BURST: '10' };

async function post(gavel: TestGavel, key: string, url: string, payload: unknown) {
  return gavel.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}` },
    payload: payload as object,
  });
}

/**
 * Per-key token buckets (RATE_LIMIT_PER_KEY) on the pipeline routes: `replicas` instances sharing one
 * database and `redisUrl` (a server, a Cluster, or null for the in-process store with one instance)
 * spend one bucket per key; a batch costs its message count; refusals are 429 RATE_LIMITED with
 * Retry-After and counted in /metrics. Used by tests/integration/rateLimit.test.ts and tests/cluster.
 */
export async function bucketsSharedPerKey(
  redisUrl: string | null,
  replicas: number,
  cleanups: (() => Promise<unknown>)[],
): Promise<void> {
  const database = await createTestDatabase();
  const prefix = `gvtest:${randomSuffix()}:`;
  cleanups.push(async () => {
    await database.close();
    if (redisUrl) await deleteRedisPrefix(prefix, redisUrl);
  });
  const instances: TestGavel[] = [];
  for (let i = 0; i < replicas; i++) {
    const gavel = await startGavel({ database, redisUrl, redisPrefix: prefix, env: RATE_ENV });
    cleanups.push(() => gavel.close());
    instances.push(gavel);
  }
  const key = (await instances[0].app.apiKeys.create('limited', ['score', 'events'])).key;
  const other = (await instances[0].app.apiKeys.create('neighbour', ['score'])).key;
  const account = uniqueId('AC');

  // Twelve single messages spread over the instances: the bucket of 10 is one for all of them.
  const statuses: number[] = [];
  let refused: Awaited<ReturnType<typeof post>> | undefined;
  for (let i = 0; i < 12; i++) {
    const res = await post(
      instances[i % replicas],
      key,
      '/v1/score',
      message(account, pick(HONEST_BODIES, i)),
    );
    statuses.push(res.statusCode);
    if (res.statusCode === 429) refused ??= res;
  }
  expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
  expect(refused?.headers['content-type']).toContain('application/problem+json');
  expect(refused?.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  // One token per 100 s: the next one is 100 s away (give or take the time the test took).
  expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(90);
  expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(100);

  // Another key has a bucket of its own.
  expect(
    (await post(instances[replicas - 1], other, '/v1/score', message(account, HONEST_BODIES[0]))).statusCode,
  ).toBe(200);

  // A batch costs its message count; events share the key's bucket too.
  const fresh = (await instances[0].app.apiKeys.create('batches', ['score', 'events'])).key;
  const batch = (n: number) => ({
    messages: Array.from({ length: n }, (_, i) => message(account, pick(HONEST_BODIES, i))),
  });
  expect((await post(instances[0], fresh, '/v1/score/batch', batch(6))).statusCode).toBe(200);
  expect((await post(instances[replicas - 1], fresh, '/v1/score/batch', batch(5))).statusCode).toBe(429);
  const events = {
    events: Array.from({ length: 4 }, () => ({ type: 'verification', accountId: account })),
  };
  expect((await post(instances[replicas - 1], fresh, '/v1/events', events)).statusCode).toBe(202);
  expect((await post(instances[0], fresh, '/v1/events', events)).statusCode).toBe(429);

  const metrics = (await instances[0].app.inject({ method: 'GET', url: '/metrics' })).body;
  expect(metrics).toMatch(/gavel_rate_limited_requests_total\{route="\/v1\/score"\} [1-9]/);
}
