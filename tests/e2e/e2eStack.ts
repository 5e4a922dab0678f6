// The stack every browser test drives: the built web app served by the real server (all roles) on a
// free port, a private PostgreSQL database and Redis key prefix, a pipeline API key, a bootstrap
// admin, and Debian's Chromium. One `startE2eStack()` in beforeAll, `stack.close()` in afterAll.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { buildApp, loadConfig } from '@gavel/server';
import { freePort } from '@gavel/signals/testing';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIST = join(ROOT, 'apps/web/dist');
export const ADMIN = { email: 'admin@gavel.test', password: 'e2e-admin-password' };

export interface E2eStack {
  baseUrl: string;
  apiKey: string;
  app: FastifyInstance;
  database: TestDatabase;
  dataDir: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `name` labels the temporary data folder and the Redis key prefix of this file's stack. */
export async function startE2eStack(name: string): Promise<E2eStack> {
  // The root `pnpm test` builds apps/web first; a direct run of a test file builds it here.
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@gavel/web', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  const apiKey = `gvl_${randomBytes(33).toString('base64url')}`;
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), `gavel-${name}-`));
  // A start that fails half-way still closes what it opened (the caller's afterAll has no stack).
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  // The port is chosen before the app is built because PUBLIC_URL (the base of the appeal links in
  // the notices) must name it.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    app = await buildApp(
      loadConfig({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `gavel-${name}-${randomBytes(6).toString('hex')}:`,
        DATA_DIR: dataDir,
        ROLES: 'scoring,review,worker',
        PUBLIC_URL: baseUrl,
        SECRET: randomBytes(32).toString('base64url'),
        BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'silent',
      }),
      { logger: false },
    );
    await app.listen({ port, host: '127.0.0.1' });
    await app.apiKeys.ensureBootstrapKey(apiKey);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
      ],
    });
  } catch (err) {
    await browser?.close();
    await app?.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const started = { app, browser };
  return {
    baseUrl,
    apiKey,
    app: started.app,
    browser: started.browser,
    database,
    dataDir,
    async close() {
      await started.browser.close();
      await started.app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One outbound SMS for `accountId`; `i` varies the recipient. */
export function message(accountId: string, body: string, i: number) {
  return {
    messageId: `SM-e2e-${randomBytes(6).toString('hex')}`,
    accountId,
    channel: 'sms',
    from: '+15005550006',
    to: `+4477009001${String(i % 100).padStart(2, '0')}`,
    body,
  };
}

/** Scores one message through POST /v1/score as the pipeline would. */
export async function scoreMessage(stack: E2eStack, accountId: string, body: string, i: number) {
  const res = await fetch(`${stack.baseUrl}/v1/score`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(message(accountId, body, i)),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { action: string; account: { status: string } };
}
