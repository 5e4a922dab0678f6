// The account page and the privacy promises in a real browser: an admin opens an account, exports
// everything held about it (a JSON download) and erases it (typed confirmation); a reviewer sees the
// page without the privacy actions and is refused the export. Then the case page of an account with
// 10,000 decisions is timed in the page itself, over several warm loads: from the response of
// GET /api/cases/:id to the paint of the evidence (figures printed; only a generous bound asserted:
// speed is for the bench).

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type DecisionRow, flagAccount, insertDecisions } from '@gavel/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type E2eStack, scoreMessage, startE2eStack } from './e2eStack';

const REVIEWER = { email: 'pat@gavel.test', name: 'Pat Reviewer', password: 'e2e-reviewer-password' };
const DECISIONS = 10_000;
/** Loads of the case page measured after one warm-up load (bundle cached, statements prepared). */
const RENDER_RUNS = 7;
/**
 * Generous: the goal is 300 ms from data to paint; this bound only catches a page that
 * stopped working at scale (2 shared cores, other suites running), the figures are printed.
 */
const CASE_RENDER_BOUND_MS = 2_000;

let stack: E2eStack;
let baseUrl: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startE2eStack('e2e-privacy');
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await stack?.close();
});

async function signedIn(who: { email: string; password: string }): Promise<Page> {
  const context = await stack.browser.newContext({
    viewport: { width: 1280, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  await page.goto(`${baseUrl}/review/login`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  return page;
}

const score = (accountId: string, body: string, i: number) => scoreMessage(stack, accountId, body, i);

/** A fetch from inside the signed-in page: its cookie, no CSRF token (GET). */
const fetchStatus = (page: Page, path: string) =>
  page.evaluate(async (p) => (await fetch(p, { headers: { accept: 'application/json' } })).status, path);

describe('the account page and its privacy actions', () => {
  it('lets an admin export and erase an account, shows a reviewer the page without them, and refuses the export', async () => {
    const accountId = `AC-e2e-${randomBytes(4).toString('hex')}`;
    await score(accountId, 'Hi Sam, the table is booked for 7 tonight.', 1);
    await score(accountId, 'Your parcel is held: pay the fee at http://bit.ly/parcel-fee now', 2);
    await score(accountId, 'Reminder: your appointment is tomorrow at 10:30.', 3);

    const admin = await signedIn(ADMIN);
    // A reviewer to compare with (created by the admin, as in the console).
    await admin.getByRole('link', { name: 'Reviewers' }).click();
    await admin.getByLabel('Email').fill(REVIEWER.email);
    await admin.getByLabel('Name').fill(REVIEWER.name);
    await admin.getByLabel('Initial password').fill(REVIEWER.password);
    await admin.getByRole('button', { name: 'Create reviewer' }).click();
    await admin.getByText(`${REVIEWER.name} (${REVIEWER.email}) can now sign in`).waitFor();

    await admin.goto(`${baseUrl}/review/accounts/${accountId}`);
    await admin.getByRole('heading', { level: 1, name: `Account ${accountId}` }).waitFor();
    expect(await admin.title()).toBe(`Account ${accountId} · Gavel review`);
    expect(await admin.getByTestId('account-status').textContent()).toBe('active');
    await admin.getByText('3 messages:').waitFor();
    await admin.getByRole('heading', { name: 'Privacy (admins)' }).waitFor();

    // Export: one JSON file with every decision and no message body.
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Export (JSON)' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      accountId: string;
      decisions: { messageId: string; bodyHash: string }[];
    };
    expect(exported.accountId).toBe(accountId);
    expect(exported.decisions).toHaveLength(3);
    expect(readFileSync(file, 'utf8')).not.toContain('the table is booked');
    await admin.getByText('Export downloaded: 3 decisions, 0 cases.').waitFor();

    // The reviewer: the page, but no privacy actions, and the export refused by the server.
    const reviewer = await signedIn(REVIEWER);
    await reviewer.goto(`${baseUrl}/review/accounts/${accountId}`);
    await reviewer.getByRole('heading', { level: 1, name: `Account ${accountId}` }).waitFor();
    expect(await reviewer.getByRole('heading', { name: 'Privacy (admins)' }).count()).toBe(0);
    expect(await fetchStatus(reviewer, `/api/accounts/${accountId}/export`)).toBe(403);

    // Erase: a mistyped confirmation is refused on the page; the exact id erases.
    await admin.getByRole('button', { name: 'Erase this account…' }).click();
    await admin.getByLabel(/Type the account id/).fill('AC-wrong');
    await admin.getByRole('button', { name: 'Erase permanently' }).click();
    await admin.getByText(`Type ${accountId} exactly to confirm.`).waitFor();
    await admin.getByLabel(/Type the account id/).fill(accountId);
    await admin.getByRole('button', { name: 'Erase permanently' }).click();
    await admin.getByText('3 decisions deleted', { exact: false }).waitFor();
    expect(await fetchStatus(reviewer, `/api/accounts/${accountId}`)).toBe(200);
    await admin.reload();
    await admin.getByRole('heading', { level: 1, name: `Account ${accountId}` }).waitFor();
    await admin.getByText('0 messages:').waitFor();

    await admin.context().close();
    await reviewer.context().close();
    expect(pageErrors).toEqual([]);
  });

  it(`renders the case page of an account with ${DECISIONS.toLocaleString('en-GB')} decisions`, async () => {
    const accountId = `AC-e2e-10k-${randomBytes(4).toString('hex')}`;
    const start = Date.now() - DECISIONS * 1_000;
    const rows: DecisionRow[] = Array.from({ length: DECISIONS }, (_, i) => ({
      messageId: `SM-10k-${i}`,
      accountId,
      channel: 'sms',
      score: (i % 100) / 100,
      action: i % 100 >= 90 ? 'block' : i % 100 >= 70 ? 'review' : 'allow',
      reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.4 }],
      accountStatus: 'active',
      accountRisk: 0.5,
      modelVersion: 'content-test.1',
      policyVersion: 'default@2',
      bodyHash: randomBytes(32).toString('hex'),
      excerpt: i % 100 >= 70 ? `Pay the fee at http://bit.ly/*** (${i})` : null,
      features: { signals: { count1h: i % 50, uniqueRecipients24h: i % 300 } },
      degraded: [],
      decidedAt: new Date(start + i * 1_000),
    }));
    for (let i = 0; i < rows.length; i += 1_000)
      await insertDecisions(stack.database.db, rows.slice(i, i + 1_000));
    const { case: flagged } = await flagAccount(stack.database.db, { accountId, risk: 0.8, reasons: [] });

    const admin = await signedIn(ADMIN);
    const casePath = `/review/cases/${flagged!.id}`;
    const renders: { apiMs: number; renderMs: number; pageMs: number }[] = [];
    // The first load warms the bundle (HTTP cache) and the route's statements; it is not counted.
    for (let run = 0; run <= RENDER_RUNS; run++) {
      await admin.goto(`${baseUrl}${casePath}`);
      await admin.getByRole('heading', { level: 1, name: `Flagged account ${flagged!.id}` }).waitFor();
      await admin.getByRole('heading', { name: 'Message scores over time' }).waitFor();
      const timing = await admin.evaluate(async (id) => {
        // The mark follows the paint of the frame the heading is in: wait for it, then pair it with
        // the response of the one request that brought the case (usePaintedMark in CaseRoute).
        for (let i = 0; i < 100 && performance.getEntriesByName('gavel:case-painted').length === 0; i++) {
          await new Promise((r) => setTimeout(r, 20));
        }
        const painted = performance.getEntriesByName('gavel:case-painted')[0];
        const caseRequests = performance
          .getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname === `/api/cases/${id}`) as PerformanceResourceTiming[];
        if (!painted || caseRequests.length !== 1) return null;
        const [response] = caseRequests;
        return {
          apiMs: response.responseEnd - response.requestStart,
          renderMs: painted.startTime - response.responseEnd,
          // From the navigation's start (the document's time origin) to the painted evidence.
          pageMs: painted.startTime,
        };
      }, flagged!.id);
      expect(timing).not.toBeNull();
      if (run > 0) renders.push(timing!);
    }
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
    const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
    const renderMs = renders.map((r) => r.renderMs);
    const apiMs = renders.map((r) => r.apiMs);
    const pageMs = renders.map((r) => r.pageMs);
    console.log(
      `case page with ${DECISIONS} decisions, ${RENDER_RUNS} warm loads: ` +
        `render (GET /api/cases/:id response end -> painted) median ${median(renderMs).toFixed(0)} ms, ` +
        `max ${Math.max(...renderMs).toFixed(0)} ms; the request itself median ${median(apiMs).toFixed(0)} ms, ` +
        `max ${Math.max(...apiMs).toFixed(0)} ms; whole load (navigation start -> painted) median ` +
        `${median(pageMs).toFixed(0)} ms, max ${Math.max(...pageMs).toFixed(0)} ms`,
    );
    expect(Math.max(...renderMs)).toBeLessThan(CASE_RENDER_BOUND_MS);
    await admin.context().close();
    expect(pageErrors).toEqual([]);
  });
});
