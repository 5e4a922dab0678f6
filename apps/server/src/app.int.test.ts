import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';

let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'gavel-roles-'));
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function appWithRoles(roles: string) {
  return buildApp(
    loadConfig({
      ROLES: roles,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      SECRET: 'roles-test-secret-0123456789abcdef0123',
      LOG_LEVEL: 'silent',
      // Test setup may read the environment: a model trained elsewhere (e.g. while features change).
      ...(process.env.TEST_MODEL_DIR ? { MODEL_DIR: process.env.TEST_MODEL_DIR } : {}),
    }),
  );
}

describe('roles', () => {
  it.each([
    ['scoring', 401],
    ['worker', 404],
    ['review', 404],
  ])('ROLES=%s starts alone and serves health (/v1/score without a key: %i)', async (roles, scoreStatus) => {
    const app = await appWithRoles(roles);
    try {
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      const score = await app.inject({ method: 'POST', url: '/v1/score', payload: {} });
      // Scoring on: the key is checked before the body; off: no such route.
      expect(score.statusCode).toBe(scoreStatus);
      expect(app.hasDecorator('outboxWorker')).toBe(roles === 'worker');
    } finally {
      await app.close();
    }
  });
});
