// The whole promise, in a real browser: abusive messages suspend an account, the holder follows the
// link in the notice and appeals (keyboard only), a reviewer reinstates the account, the holder sees
// the outcome, and the next /v1/score for the account allows.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@gavel/db';
import { buildApp, loadConfig } from '@gavel/server';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIST = join(ROOT, 'apps/web/dist');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const README_SHOTS = join(ROOT, 'apps/web/screenshots');
const AXE_SOURCE = readFileSync(join(ROOT, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');

const API_KEY = `gvl_${randomBytes(33).toString('base64url')}`;
const ADMIN = { email: 'admin@gavel.test', password: 'e2e-admin-password' };
const REVIEWER = { email: 'rosa@gavel.test', name: 'Rosa Reviewer', password: 'e2e-reviewer-password' };
const ACCOUNT = `AC-e2e-${randomBytes(4).toString('hex')}`;

const ABUSIVE = [
  'URGENT: your bank account has been locked. Verify your identity now at http://bit.ly/secure-verify-login or lose access today',
  'Your parcel is held at customs. Pay the £2.99 release fee within 24h: http://tinyurl.com/parcel-fee-pay',
  'WINNER!! You have won a £1000 prize. Claim now by calling 09061701461 and give your card details to claim',
  'Apple ID suspended: confirm your password and card at http://apple-id-verify.xyz/login immediately',
  'Final notice: unpaid tax refund. Submit your bank details at http://bit.ly/hmrc-refund-claim now',
  'Your Netflix payment failed. Update your card within 12 hours at http://netfIix-billing.top/update',
];

let database: TestDatabase;
let app: FastifyInstance;
let dataDir: string;
let baseUrl: string;
let browser: Browser;
const consoleErrors: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // The root `pnpm test` builds apps/web first; a direct run of this file builds it here.
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    execFileSync('pnpm', ['--filter', '@gavel/web', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'gavel-e2e-'));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `gavel-e2e-${randomBytes(6).toString('hex')}:`,
    DATA_DIR: dataDir,
    ROLES: 'scoring,review,worker',
    PUBLIC_URL: baseUrl,
    SECRET: randomBytes(32).toString('base64url'),
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
  });
  app = await buildApp(config, { logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  await app.apiKeys.ensureBootstrapKey(API_KEY);
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
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function score(body: string, i: number) {
  const res = await fetch(`${baseUrl}/v1/score`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messageId: `SM-e2e-${randomBytes(6).toString('hex')}`,
      accountId: ACCOUNT,
      channel: 'sms',
      from: '+15005550006',
      to: `+4477009001${String(i % 100).padStart(2, '0')}`,
      body,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { action: string; account: { status: string } };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The appeal link from the suspension notice in DATA_DIR/mail (quoted-printable soft breaks undone). */
function appealLinkFromMail(): string | null {
  const dir = join(dataDir, 'mail');
  if (!existsSync(dir)) return null;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
    const raw = readFileSync(join(dir, file), 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/gi, '=');
    // nodemailer picks quoted-printable or base64 per part: search both readings.
    const base64Parts = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{200,})/g)].map((m) =>
      Buffer.from(m[1].replace(/\s+/g, ''), 'base64').toString('utf8'),
    );
    const text = [raw, ...base64Parts].join('\n');
    if (!text.includes(ACCOUNT)) continue;
    const match = /https?:\/\/[^\s"<>]+\/appeal\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text);
    if (match) return match[0];
  }
  return null;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  return page;
}

async function shot(page: Page, name: string, forReadme = false) {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // The README's copies are committed: refresh them on request (or when missing), so an ordinary
  // run leaves the working tree clean.
  if (
    forReadme &&
    (process.env.GAVEL_UPDATE_SCREENSHOTS === '1' || !existsSync(join(README_SHOTS, `${name}.png`)))
  ) {
    mkdirSync(README_SHOTS, { recursive: true });
    await page.screenshot({ path: join(README_SHOTS, `${name}.png`), fullPage: false });
  }
  return file;
}

async function seriousAxeViolations(page: Page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: unknown[] }) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.length,
    }));
  });
  return (results as { id: string; impact: string }[]).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

/** Tab until the element matching `selector` has focus (keyboard only, like a holder without a mouse). */
async function tabTo(page: Page, selector: string, maxTabs = 60) {
  for (let i = 0; i < maxTabs; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the Tab key`);
}

describe('review flow in the browser', () => {
  it('suspends, notifies, appeals, reinstates, and the next score allows', async () => {
    // 1. Abusive messages through /v1/score suspend the account.
    let status = 'active';
    for (let i = 0; i < 60 && status !== 'suspended'; i++) {
      status = (await score(ABUSIVE[i % ABUSIVE.length], i)).account.status;
    }
    expect(status).toBe('suspended');

    // 2. The notice's appeal link, read from the mail folder.
    const link = await until('the suspension notice in DATA_DIR/mail', appealLinkFromMail);
    expect(link.startsWith(`${baseUrl}/appeal/`)).toBe(true);

    // 3. The holder reads the reasons and appeals, with the keyboard only.
    // bypassCSP: the page's CSP forbids inline scripts, and axe-core is injected as one.
    const holderContext = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      bypassCSP: true,
    });
    const holder = await newPage(holderContext);
    await holder.goto(link);
    await holder.getByRole('heading', { level: 1, name: 'Your account has been suspended' }).waitFor();
    await expect(
      holder.getByRole('heading', { name: 'Why your account was suspended' }).isVisible(),
    ).resolves.toBe(true);
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '1-statement-of-reasons', true);

    await tabTo(holder, 'textarea[name="explanation"]');
    await holder.keyboard.type(
      'These were delivery updates our customers asked for; a contractor added the short links.',
    );
    await holder.keyboard.press('Tab');
    await holder.keyboard.type('holder@example.com');
    await holder.keyboard.press('Tab');
    await holder.keyboard.type('We removed the link shortener and re-checked the opt-in list.');
    await tabTo(holder, 'button[type="submit"]');
    await holder.keyboard.press('Enter');
    await holder.getByTestId('appeal-reference').waitFor();
    const reference = (await holder.getByTestId('appeal-reference').textContent()) ?? '';
    expect(reference).toMatch(/^AP-/);
    expect(await holder.getByTestId('appeal-status').textContent()).toBe('Received');
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '2-appeal-received');

    // 4. The admin adds a reviewer; the reviewer signs in, claims the case, reads it and reinstates.
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await newPage(adminContext);
    await admin.goto(`${baseUrl}/review/login`);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.keyboard.press('Enter');
    await admin.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await admin.getByRole('link', { name: 'Reviewers' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Reviewers' }).waitFor();
    await admin.getByLabel('Email').fill(REVIEWER.email);
    await admin.getByLabel('Name').fill(REVIEWER.name);
    await admin.getByLabel('Initial password').fill(REVIEWER.password);
    await admin.getByRole('button', { name: 'Create reviewer' }).click();
    await admin.getByText(`${REVIEWER.name} (${REVIEWER.email}) can now sign in`).waitFor();
    await adminContext.close();

    const reviewerContext = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      bypassCSP: true,
    });
    const reviewer = await newPage(reviewerContext);
    await reviewer.goto(`${baseUrl}/review`);
    await reviewer.getByRole('heading', { level: 1, name: 'Sign in to review' }).waitFor();
    await tabTo(reviewer, 'input[name="email"]');
    await reviewer.keyboard.type(REVIEWER.email);
    await reviewer.keyboard.press('Tab');
    await reviewer.keyboard.type(REVIEWER.password);
    await reviewer.keyboard.press('Enter');
    await reviewer.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await reviewer.getByRole('cell', { name: ACCOUNT }).first().waitFor();
    await shot(reviewer, '3-review-queue', true);
    expect(await seriousAxeViolations(reviewer)).toEqual([]);

    await reviewer.getByRole('button', { name: 'Claim next case' }).click();
    await reviewer.getByRole('heading', { level: 1, name: /^Appeal cs_/ }).waitFor();
    await reviewer.getByText('Held by you').waitFor();
    await reviewer.getByText(reference).waitFor();
    await reviewer.getByRole('heading', { name: 'Message scores over time' }).waitFor();
    await shot(reviewer, '4-case-page', true);
    expect(await seriousAxeViolations(reviewer)).toEqual([]);

    await reviewer.getByLabel('Reinstate').check();
    await reviewer
      .getByLabel(/^Rationale/)
      .fill('Delivery updates to opted-in customers; the shortener is gone and the list re-checked.');
    await reviewer.getByRole('button', { name: 'Submit action' }).click();
    await reviewer.getByText('This case is decided: reinstated.').waitFor();
    await shot(reviewer, '5-case-decided');

    // 5. The holder's page shows the outcome and the reviewer's reasons.
    await holder.reload();
    await holder.getByRole('heading', { name: 'The decision on your appeal' }).waitFor();
    await holder.getByText('Your account has been reinstated').waitFor();
    await holder.getByText('the shortener is gone').waitFor();
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '6-appeal-decided', true);

    // 6. The next score for the account allows.
    const after = await score('Hi Sam, dinner at 7 tonight? See you there.', 99);
    expect(after.account.status).toBe('active');
    expect(after.action).toBe('allow');

    await holderContext.close();
    await reviewerContext.close();
    expect(consoleErrors).toEqual([]);
    for (const name of [
      '1-statement-of-reasons',
      '2-appeal-received',
      '3-review-queue',
      '4-case-page',
      '6-appeal-decided',
    ]) {
      expect(existsSync(join(ARTIFACTS, `${name}.png`))).toBe(true);
    }
  });
});
