// One Gavel app for a test, as the server runs it: on a test database, with Redis under a key prefix
// of its own (or the in-process signal store), a temporary DATA_DIR and an all-scopes API key. The
// integration tests in apps/server and in tests/ build their apps here.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScoreResponse } from '@gavel/contracts';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { deleteRedisPrefix, TEST_REDIS_URL } from '@gavel/signals/testing';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { type ReviewerCredentials, type ReviewerSessions, reviewerSessions } from './reviewerSessions';

export interface TestGavel {
  app: FastifyInstance;
  config: Config;
  /** Key with scopes score, events and admin. */
  apiKey: string;
  /** Set when started with `listen: true`. */
  url: string;
  /** Reviewer sign-ins through the app; `admin()` needs the `admin` option. */
  reviewers: ReviewerSessions;
  close(): Promise<void>;
}

export interface StartOptions {
  database: TestDatabase;
  /** null: the in-process signal store. */
  redisUrl?: string | null;
  redisPrefix?: string;
  dataDir?: string;
  /** Labels the temporary DATA_DIR and the Redis key prefix (`gvtest:<name>:...`). */
  name?: string;
  listen?: boolean;
  /** With `listen`: this port rather than one the kernel picks (PUBLIC_URL may have to name it). */
  port?: number;
  /** The bootstrap admin (BOOTSTRAP_ADMIN_EMAIL and _PASSWORD) that `reviewers.admin()` signs in as. */
  admin?: ReviewerCredentials;
  env?: Record<string, string>;
}

/** One Gavel app on a test database (and Redis with its own prefix), as the server runs it. */
export async function startGavel(opts: StartOptions): Promise<TestGavel> {
  const label = opts.name ?? 'test';
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `gavel-${label}-`));
  const ownDataDir = opts.dataDir === undefined;
  const redisUrl = opts.redisUrl === undefined ? TEST_REDIS_URL : opts.redisUrl;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: opts.database.url,
    ...(redisUrl
      ? {
          REDIS_URL: redisUrl,
          REDIS_PREFIX: opts.redisPrefix ?? `gvtest:${opts.name ? `${opts.name}:` : ''}${randomSuffix()}:`,
        }
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
    ...(opts.admin
      ? { BOOTSTRAP_ADMIN_EMAIL: opts.admin.email, BOOTSTRAP_ADMIN_PASSWORD: opts.admin.password }
      : {}),
    ...opts.env,
  });
  const app = await buildApp(config);
  await app.ready();
  const { key } = await app.apiKeys.create('test', ['score', 'events', 'admin']);
  let url = '';
  if (opts.listen) {
    await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  return {
    app,
    config,
    apiKey: key,
    url,
    reviewers: reviewerSessions(app, opts.admin),
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
export async function startGavelOnOwnDatabase(
  opts: Omit<StartOptions, 'database'> & { databaseMax?: number } = {},
): Promise<OwnGavel> {
  const { databaseMax, ...start } = opts;
  const database = await createTestDatabase({ max: databaseMax });
  let gavel: TestGavel;
  try {
    gavel = await startGavel({ ...start, database });
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    ...gavel,
    database,
    close: async () => {
      await gavel.close();
      await database.close();
      // Only its own keys on a Redis it used (the in-process store has none to delete).
      if (opts.redisUrl !== null)
        await deleteRedisPrefix(gavel.config.redisPrefix, opts.redisUrl ?? TEST_REDIS_URL);
    },
  };
}

export function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
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
