// The stack every browser test drives: the built web app served by the real server (all roles) on a
// free port, a private PostgreSQL database and Redis key prefix, a pipeline API key, a bootstrap
// admin, and Debian's Chromium. One `startE2eStack()` in beforeAll, `stack.close()` in afterAll.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '@gavel/db/testing';
import { startGavelOnOwnDatabase } from '@gavel/server/testing';
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

/** The root `pnpm test` builds apps/web first; a direct run of a test file builds it here. */
export function ensureWebBuilt(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@gavel/web', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
}

/** `name` labels the temporary data folder and the Redis key prefix of this file's stack. */
export async function startE2eStack(name: string): Promise<E2eStack> {
  ensureWebBuilt();
  // The port is chosen before the app is built because PUBLIC_URL (the base of the appeal links in
  // the notices) must name it.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const gavel = await startGavelOnOwnDatabase({
    name,
    listen: true,
    port,
    admin: ADMIN,
    env: { ROLES: 'scoring,review,worker', PUBLIC_URL: baseUrl },
  });
  // A start that fails half-way still closes what it opened (the caller's afterAll has no stack).
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await gavel.close();
    throw err;
  }
  return {
    baseUrl,
    apiKey: gavel.apiKey,
    app: gavel.app,
    browser,
    database: gavel.database,
    dataDir: gavel.config.dataDir,
    async close() {
      await browser.close();
      await gavel.close();
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
