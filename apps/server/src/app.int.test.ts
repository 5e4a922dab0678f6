import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGavel } from './testing';

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

/** One app per role on the same database and DATA_DIR, on the in-process signal store. */
async function appWithRoles(roles: string) {
  return (await startGavel({ database, dataDir, redisUrl: null, env: { ROLES: roles } })).app;
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
