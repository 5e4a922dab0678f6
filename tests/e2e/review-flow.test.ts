// The whole promise, in a real browser: abusive messages suspend an account, the holder follows the
// link in the notice and appeals (keyboard only; a second tab is told an appeal already exists), a
// reviewer works the queue with the keyboard, asks a question the holder answers, reinstates the
// account (which closes its stale flagged case), the holder sees the outcome, and the next
// /v1/score for the account allows. The account page, export and erasure, and the case page of an
// account with 10,000 decisions are in account-privacy.test.ts.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type E2eStack, ROOT, scoreMessage, startE2eStack } from './e2eStack';

const ARTIFACTS = join(ROOT, 'tests/artifacts');
const README_SHOTS = join(ROOT, 'apps/web/screenshots');
const AXE_SOURCE = readFileSync(join(ROOT, 'tests/node_modules/axe-core/axe.min.js'), 'utf8');

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

let stack: E2eStack;
let baseUrl: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startE2eStack('e2e');
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await stack?.close();
});

const score = (body: string, i: number, accountId = ACCOUNT) => scoreMessage(stack, accountId, body, i);

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.getByRole('heading', { level: 1, name: 'Sign in to review' }).waitFor();
  await tabTo(page, 'input[name="email"]');
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
}

/** A console API call from inside the signed-in page (its cookie, its CSRF token where needed). */
async function consoleApi<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' } });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, path) as Promise<{ status: number; body: T }>;
}

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

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
  const dir = join(stack.dataDir, 'mail');
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
    if (msg.type() !== 'error') return;
    consoleErrors.push(`${page.url()}: ${msg.text()}`);
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
  it('suspends, notifies, appeals, asks and answers, reinstates, closes the stale case, and the next score allows', async () => {
    // 1. Abusive messages through /v1/score suspend the account.
    const answers: { action: string; account: { status: string } }[] = [];
    for (let i = 0; i < 60 && answers.at(-1)?.account.status !== 'suspended'; i++) {
      answers.push(await score(ABUSIVE[i % ABUSIVE.length], i));
    }
    expect(answers.at(-1)?.account.status).toBe('suspended');
    const sent = answers.length;
    const blocked = answers.filter((a) => a.action === 'block').length;

    // 2. The notice's appeal link, read from the mail folder.
    const link = await until('the suspension notice in DATA_DIR/mail', appealLinkFromMail);
    expect(link.startsWith(`${baseUrl}/appeal/`)).toBe(true);

    // 3. The holder reads the reasons, in two tabs (the second is used later).
    // bypassCSP: the page's CSP forbids inline scripts, and axe-core is injected as one.
    const holderContext = await stack.browser.newContext({
      viewport: { width: 1100, height: 900 },
      bypassCSP: true,
    });
    const holder = await newPage(holderContext);
    await holder.goto(link);
    await holder.getByRole('heading', { level: 1, name: 'Your account has been suspended' }).waitFor();
    await expect(
      holder.getByRole('heading', { name: 'Why your account was suspended' }).isVisible(),
    ).resolves.toBe(true);
    expect(await holder.title()).toBe('Your account has been suspended · Gavel');
    // The statement's counts are exact: every message sent, every one the model blocked.
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    await holder
      .getByText(
        `${plural(blocked, 'message was', 'messages were')} blocked as likely spam, phishing or fraud out of ${plural(sent, 'message', 'messages')} sent`,
      )
      .first()
      .waitFor();
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '1-statement-of-reasons', true);
    // Not through newPage: this tab's submit is refused with a 409 on purpose, which the browser
    // logs as a failed resource; page errors still fail the test.
    const secondTab = await holderContext.newPage();
    secondTab.on('pageerror', (err) => consoleErrors.push(`${secondTab.url()}: ${err.message}`));
    await secondTab.goto(link);
    await secondTab.getByRole('heading', { level: 1, name: 'Your account has been suspended' }).waitFor();

    // Tabbing through the empty fields says nothing before the first submit.
    await tabTo(holder, 'textarea[name="explanation"]');
    await holder.keyboard.press('Tab');
    await holder.keyboard.press('Tab');
    await holder.keyboard.press('Tab');
    expect(await holder.locator('.field-error').count()).toBe(0);

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
    // Focus moves to the confirmation, and the live region says the same.
    await until(
      'focus on the confirmation',
      async () => (await focusedTestId(holder)) === 'appeal-confirmation',
    );
    expect(await holder.getByTestId('appeal-live-region').textContent()).toBe(
      `Your appeal has been sent. Reference ${reference}.`,
    );
    // The status page shows what the holder sent.
    expect(await holder.getByTestId('appeal-sent-explanation').textContent()).toMatch(
      /^These were delivery updates/,
    );
    expect(await holder.title()).toBe('Your appeal · Gavel');
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '2-appeal-received');

    // The second tab still shows the form; its submit is told an appeal already exists.
    await secondTab
      .getByLabel(/Why should we lift the suspension/)
      .fill('A second explanation, written in another tab.');
    await secondTab.getByLabel(/Your contact email/).fill('holder@example.com');
    await secondTab.getByRole('button', { name: 'Send my appeal' }).click();
    await secondTab
      .getByTestId('appeal-confirmation')
      .getByText('An appeal for this suspension already exists')
      .waitFor();
    expect(await secondTab.getByTestId('appeal-confirmation').textContent()).toContain(reference);
    expect(await secondTab.getByTestId('appeal-sent-explanation').textContent()).toMatch(
      /^These were delivery updates/,
    );
    await secondTab.close();

    // 4. The admin follows a deep link to the dashboard, signs in and lands on it; adds a reviewer.
    const adminContext = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await newPage(adminContext);
    await admin.goto(`${baseUrl}/review/dashboard`);
    await admin.waitForURL('**/review/login?next=%2Freview%2Fdashboard');
    await signIn(admin, ADMIN);
    await admin.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/review/dashboard');
    expect(await admin.title()).toBe('Dashboard · Gavel review');
    await admin.getByRole('heading', { name: 'Open cases by age' }).waitFor();
    await admin.getByRole('heading', { name: 'Retention' }).waitFor();
    // The retention job's settings, from the server (GET /api/admin/retention).
    await admin.getByTestId('retention-settings').getByText('30 days, unless a case holds them').waitFor();
    await admin.getByTestId('retention-last-run').waitFor();
    await admin.getByRole('link', { name: 'Reviewers' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Reviewers' }).waitFor();
    await admin.getByLabel('Email').fill(REVIEWER.email);
    await admin.getByLabel('Name').fill(REVIEWER.name);
    await admin.getByLabel('Initial password').fill(REVIEWER.password);
    await admin.getByRole('button', { name: 'Create reviewer' }).click();
    await admin.getByText(`${REVIEWER.name} (${REVIEWER.email}) can now sign in`).waitFor();
    await adminContext.close();

    // 5. The reviewer works the queue with the keyboard: j selects, Enter opens, q returns, c claims.
    const reviewerContext = await stack.browser.newContext({
      viewport: { width: 1280, height: 1000 },
      bypassCSP: true,
    });
    const reviewer = await newPage(reviewerContext);
    await reviewer.goto(`${baseUrl}/review`);
    await signIn(reviewer, REVIEWER);
    await reviewer.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await reviewer.getByRole('link', { name: ACCOUNT }).first().waitFor();
    const queued = await consoleApi<{ cases: { id: string; kind: string; accountId: string }[] }>(
      reviewer,
      `/api/cases?accountId=${encodeURIComponent(ACCOUNT)}`,
    );
    // The account was flagged on its way to the suspension: that flagged case is the stale one.
    const flaggedCase = queued.body.cases.find((c) => c.kind === 'flagged');
    expect(flaggedCase).toBeDefined();
    await shot(reviewer, '3-review-queue', true);
    expect(await seriousAxeViolations(reviewer)).toEqual([]);

    await reviewer.locator('body').click({ position: { x: 5, y: 5 } });
    await reviewer.keyboard.press('j');
    const firstRow = await reviewer.locator('tr[aria-current="true"]').getAttribute('data-case-id');
    expect(firstRow).toMatch(/^cs_/);
    await reviewer.keyboard.press('Enter');
    await reviewer.waitForURL(`**/review/cases/${firstRow}`);
    await reviewer.getByRole('heading', { level: 1, name: new RegExp(`${firstRow}$`) }).waitFor();
    await reviewer.keyboard.press('q');
    await reviewer.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await reviewer.getByRole('link', { name: ACCOUNT }).first().waitFor();
    await reviewer.keyboard.press('?');
    await reviewer.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await reviewer.keyboard.press('Escape');
    await reviewer.getByRole('dialog').waitFor({ state: 'detached' });
    await reviewer.keyboard.press('c');

    await reviewer.getByRole('heading', { level: 1, name: /^Appeal cs_/ }).waitFor();
    const appealCaseId = new URL(reviewer.url()).pathname.split('/').at(-1) ?? '';
    await reviewer.getByText('Held by you').waitFor();
    await reviewer.getByText(reference).waitFor();
    await reviewer.getByRole('heading', { name: 'Message scores over time' }).waitFor();
    expect(await reviewer.getByTestId('account-now').textContent()).toMatch(/is now\s*suspended/);
    expect(await reviewer.title()).toBe(`Appeal ${appealCaseId} · Gavel review`);
    await shot(reviewer, '4-case-page', true);
    expect(await seriousAxeViolations(reviewer)).toEqual([]);

    // 6. Ask the holder (key a), who answers with the keyboard; the answer reaches the case page.
    await reviewer.locator('h1').click();
    await reviewer.keyboard.press('a');
    await until('the question field to take focus', () =>
      reviewer.evaluate(() => document.activeElement?.getAttribute('name') === 'question'),
    );
    await reviewer.keyboard.type('Where did these recipients opt in to your delivery updates?');
    await reviewer.getByLabel(/^Rationale/).fill('Need the consent source before deciding.');
    await reviewer.getByRole('button', { name: 'Submit action' }).click();
    await reviewer.getByText('Done: Ask the holder.').waitFor();

    await holder.reload();
    await holder.getByRole('heading', { name: 'A reviewer asked you a question' }).waitFor();
    await tabTo(holder, 'textarea[name="answer"]');
    await holder.keyboard.type('At checkout, with a box that is unticked by default.');
    await tabTo(holder, 'button[type="submit"]');
    await holder.keyboard.press('Enter');
    await holder
      .getByRole('heading', { name: 'A reviewer asked you a question' })
      .waitFor({ state: 'detached' });
    await holder.getByText('At checkout, with a box that is unticked by default.').waitFor();

    await reviewer.reload();
    await reviewer.getByText('At checkout, with a box that is unticked by default.').waitFor();

    // 7. Reinstate (key r, then the rationale).
    await reviewer.locator('h1').click();
    await reviewer.keyboard.press('r');
    await until('the rationale field to take focus', () =>
      reviewer.evaluate(() => document.activeElement?.getAttribute('name') === 'rationale'),
    );
    expect(await reviewer.getByLabel('Reinstate').isChecked()).toBe(true);
    await reviewer.keyboard.type(
      'Delivery updates to opted-in customers; the shortener is gone and the list re-checked.',
    );
    await reviewer.getByRole('button', { name: 'Submit action' }).click();
    await reviewer.getByText('This case is decided: reinstated.').waitFor();
    await shot(reviewer, '5-case-decided');

    // 8. The stale flagged case is closed with the appeal, and its page says the account is active.
    const after = await consoleApi<{
      case: { status: string; closedWith: { caseId: string } | null };
    }>(reviewer, `/api/cases/${flaggedCase!.id}`);
    expect(after.body.case.status).toBe('decided');
    expect(after.body.case.closedWith?.caseId).toBe(appealCaseId);
    await reviewer.goto(`${baseUrl}/review/cases/${flaggedCase!.id}`);
    await reviewer.getByRole('heading', { level: 1, name: `Flagged account ${flaggedCase!.id}` }).waitFor();
    expect(await reviewer.getByTestId('account-now').textContent()).toMatch(/is now\s*active/);
    expect(await reviewer.getByTestId('latest-decision').textContent()).toMatch(
      new RegExp(`reinstated by ${REVIEWER.name}.*in ${appealCaseId}`),
    );
    expect(await reviewer.getByRole('radio', { name: 'Suspend the account' }).count()).toBe(0);

    // 9. The holder's page shows the outcome and the reviewer's reasons.
    await holder.reload();
    await holder.getByRole('heading', { name: 'The decision on your appeal' }).waitFor();
    await holder.getByText('Your account has been reinstated').waitFor();
    await holder.getByText('the shortener is gone').waitFor();
    expect(await seriousAxeViolations(holder)).toEqual([]);
    await shot(holder, '6-appeal-decided', true);

    // 10. The next score for the account allows.
    const next = await score('Hi Sam, dinner at 7 tonight? See you there.', 99);
    expect(next.account.status).toBe('active');
    expect(next.action).toBe('allow');

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
