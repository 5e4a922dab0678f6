import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScoreResponse } from '@gavel/contracts';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { buildApp, type Config, loadConfig } from '@gavel/server';
import { parseRedisUrl } from '@gavel/signals';
import type { FastifyInstance } from 'fastify';
import { createClient, createCluster } from 'redis';
import { expect } from 'vitest';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestGavel {
  app: FastifyInstance;
  config: Config;
  /** Key with scopes score, events and admin. */
  apiKey: string;
  /** Set when started with `listen: true`. */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  database: TestDatabase;
  /** null: the in-process signal store. */
  redisUrl?: string | null;
  redisPrefix?: string;
  dataDir?: string;
  listen?: boolean;
  env?: Record<string, string>;
}

/** One Gavel app on a test database (and Redis with its own prefix), as the server runs it. */
export async function startGavel(opts: StartOptions): Promise<TestGavel> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gavel-test-'));
  const ownDataDir = opts.dataDir === undefined;
  const redisUrl = opts.redisUrl === undefined ? REDIS_URL : opts.redisUrl;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: opts.database.url,
    ...(redisUrl
      ? { REDIS_URL: redisUrl, REDIS_PREFIX: opts.redisPrefix ?? `gvtest:${randomSuffix()}:` }
      : {}),
    SECRET: 'integration-test-secret-0123456789abcdef',
    PUBLIC_URL: 'http://gavel.test',
    LOG_LEVEL: 'silent',
    // The tests here pin decisions, not latency: on a loaded 2-core machine a cold first request can
    // pass the 50 ms production budget and answer `degraded`. Tests of the budget itself set it
    // back (resilience.test.ts); speed is measured in `pnpm bench`.
    SCORE_BUDGET_MS: '2000',
    // Test setup may read the environment: a model trained elsewhere (e.g. while features change).
    ...(process.env.TEST_MODEL_DIR ? { MODEL_DIR: process.env.TEST_MODEL_DIR } : {}),
    ...opts.env,
  });
  const app = await buildApp(config);
  await app.ready();
  const { key } = await app.apiKeys.create('test', ['score', 'events', 'admin']);
  let url = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  return {
    app,
    config,
    apiKey: key,
    url,
    close: async () => {
      await app.close();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OwnGavel extends TestGavel {
  database: TestDatabase;
}

/**
 * `startGavel` on a private database of its own: `close()` also closes the database and deletes the
 * instance's Redis keys, so a test file's afterAll is one call.
 */
export async function startGavelOnOwnDatabase(opts: Omit<StartOptions, 'database'> = {}): Promise<OwnGavel> {
  const database = await createTestDatabase();
  const gavel = await startGavel({ ...opts, database });
  return {
    ...gavel,
    database,
    close: async () => {
      await gavel.close();
      await database.close();
      // Only its own keys on a Redis it used (the in-process store has none to delete).
      if (opts.redisUrl !== null)
        await deleteRedisPrefix(gavel.config.redisPrefix, opts.redisUrl ?? REDIS_URL);
    },
  };
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** Deletes every key under the prefix (tests share the Redis server; never FLUSHDB). On a Cluster, on every master. */
export async function deleteRedisPrefix(prefix: string, url = REDIS_URL): Promise<void> {
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

export { createTestDatabase, type TestDatabase };

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real local HTTP server that records webhook deliveries. */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/gavel`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}

/** Scores one message through `inject()` and asserts a 200: the tests' way in to `/v1/score`. */
export async function scoreOk(gavel: TestGavel, body: object): Promise<ScoreResponse> {
  const res = await gavel.app.inject({
    method: 'POST',
    url: '/v1/score',
    headers: { authorization: `Bearer ${gavel.apiKey}` },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
