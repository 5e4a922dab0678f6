import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OwnGavel, startGavelOnOwnDatabase } from '@gavel/server/testing';
import { buildScenario, httpTarget, runScenario } from '@gavel/simulator';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchChromium, ROOT } from './e2eStack';

// The lead dashboard's live charts over real traffic: a short simulation through the real server
// (PostgreSQL, Redis, a shadow model), then the dashboard in Chromium, polled from /api/stats.
const LIVE_MODEL: string = JSON.parse(readFileSync(join(ROOT, 'models/manifest.json'), 'utf8')).content;
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const README_SHOTS = join(ROOT, 'apps/web/screenshots');
const LEAD = { email: 'lead-e2e@gavel.test', password: 'e2e-lead-password' };

let gavel: OwnGavel;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  gavel = await startGavelOnOwnDatabase({
    name: 'e2e-live',
    listen: true,
    admin: LEAD,
    env: { SHADOW_MODEL: 'content-2026.11.1', SIGNAL_CLOCK: 'message' },
  });
  baseUrl = gavel.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gavel?.close();
});

describe('the dashboard’s live charts', () => {
  it('show decisions per action, suspensions, the queue and shadow agreement from live traffic', async () => {
    const scenario = buildScenario({
      seed: 5,
      accounts: 40,
      start: Date.now() - 13 * 3_600_000,
      runId: `e2e${randomBytes(3).toString('hex')}`,
      mix: { honest_burst: 0, smishing: 0.15, sms_pumping: 0.1, snowshoe: 0.1 },
    });
    const result = await runScenario(scenario, httpTarget({ url: baseUrl, apiKey: gavel.apiKey }));
    const suspended = result.accounts.filter((a) => a.suspendedAt !== null).length;
    expect(suspended).toBeGreaterThan(3);

    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${baseUrl}/review/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to review' }).waitFor();
    await page.getByLabel('Email').fill(LEAD.email);
    await page.getByLabel('Password').fill(LEAD.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    // Every message of this run was decided within the last minutes: the chart says how many.
    const decisions = page.getByTestId('chart-decisions').getByRole('img');
    await decisions.waitFor();
    const label = (await decisions.getAttribute('aria-label')) ?? '';
    const total = (name: string) =>
      (new RegExp(`${name} ([0-9, ]+)`).exec(label)?.[1] ?? '')
        .split(',')
        .reduce((s, v) => s + Number(v.trim() || 0), 0);
    expect(total('allow') + total('review') + total('block')).toBe(
      result.accounts.reduce((s, a) => s + a.messages, 0),
    );
    expect(total('block')).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-decisions').locator('polyline').count()).toBe(3);

    const transitions =
      (await page.getByTestId('chart-transitions').getByRole('img').getAttribute('aria-label')) ?? '';
    const suspendedOnChart = (/suspended ([0-9, ]+)/.exec(transitions)?.[1] ?? '')
      .split(',')
      .reduce((s, v) => s + Number(v.trim() || 0), 0);
    expect(suspendedOnChart).toBe(suspended);

    // Flagged accounts are cases in the queue.
    const queue = await page.getByTestId('queue-now').textContent();
    expect(Number(/(\d+) \(/.exec(queue ?? '')?.[1])).toBeGreaterThan(0);
    await page.getByTestId('chart-queue').locator('polyline').waitFor();

    // The shadow model scored every message: agreement is a share of all of them.
    const shadow = (await page.getByTestId('shadow-summary').textContent()) ?? '';
    expect(shadow).toMatch(
      // The live model is whatever the committed manifest serves (content-2026.12.2 since issue 8's v2).
      new RegExp(
        `${LIVE_MODEL.replace(/\./g, '\\.')} and content-2026\\.11\\.1 chose the same action for \\d+% of \\d+ messages`,
      ),
    );
    await page.getByTestId('chart-shadow').locator('[data-series="agreement"]').first().waitFor();

    await page.screenshot({ path: join(ARTIFACTS, '7-dashboard-live.png'), fullPage: true });
    if (
      process.env.GAVEL_UPDATE_SCREENSHOTS === '1' ||
      !existsSync(join(README_SHOTS, '7-dashboard-live.png'))
    ) {
      mkdirSync(README_SHOTS, { recursive: true });
      await page.screenshot({ path: join(README_SHOTS, '7-dashboard-live.png'), fullPage: false });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
