import { randomBytes } from 'node:crypto';
import { AccountExport, AccountPage, DsaStatementSubmission, EraseResult } from '@gavel/contracts';
import { flagAccount, insertDecisions, suspendAccount } from '@gavel/db';
import { accountErasures, decisionRow, type TestDatabase } from '@gavel/db/testing';
import { statementOfReasons } from '@gavel/policy';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, type ReviewerSessions, startGavelOnOwnDatabase } from '../testing';

const DAY_MS = 86_400_000;

let gavel: OwnGavel;
let app: FastifyInstance;
let database: TestDatabase;
let reviewers: ReviewerSessions;
let adminKey: string;
let scoreOnlyKey: string;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase({
    admin: { email: 'privacy-admin@gavel.test', password: 'admin-password-123' },
    env: { ROLES: 'scoring,review,worker' },
  });
  ({ app, database, reviewers, apiKey: adminKey } = gavel);
  scoreOnlyKey = (await app.apiKeys.create('score only', ['score'])).key;
});

afterAll(async () => {
  await gavel?.close();
});

const uid = () => randomBytes(5).toString('hex');

function withKey(method: 'GET' | 'POST', url: string, key = adminKey) {
  return app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
}

/** An account with decisions (two with excerpts), live signals, and a notice contact. */
async function accountWithHistory(): Promise<string> {
  const accountId = `AC-${uid()}`;
  const now = Date.now();
  const rows = [0, 1, 2].map((i) =>
    decisionRow({
      accountId,
      score: 0.6 + i * 0.15,
      action: i === 0 ? 'allow' : 'block',
      reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.4 }],
      accountRisk: 0.5,
      modelVersion: 'content-test.1',
      excerpt: i === 0 ? null : `Pay the fee at http://bit.ly/*** (${i})`,
      features: { signals: { uniqueRecipients24h: 30 + i, count1h: 10 + i, someNewSignal: 2 } },
      decidedAt: new Date(now - (3 - i) * 60_000),
    }),
  );
  await insertDecisions(database.db, rows);
  await app.signals.observe({
    accountId,
    messageId: `SM-${uid()}`,
    to: '+447700900123',
    channel: 'sms',
    sentAt: now,
    fingerprint: '00000000000000ff',
    linkDomains: ['bit.ly'],
  });
  await app.inject({
    method: 'PUT',
    url: `/v1/admin/accounts/${accountId}`,
    headers: { authorization: `Bearer ${adminKey}` },
    payload: { noticeEmail: 'holder@example.com' },
  });
  return accountId;
}

describe('the account page', () => {
  it('shows a reviewer status, history, cases, the decision timeline, labelled signals and notices', async () => {
    const accountId = await accountWithHistory();
    await flagAccount(database.db, { accountId, risk: 0.8, reasons: [] });
    const r = await reviewers.newReviewer();
    const res = await reviewers.as(r, 'GET', `/api/accounts/${accountId}`);
    expect(res.statusCode).toBe(200);
    const page = res.json() as AccountPage;
    expect(Value.Check(AccountPage, page)).toBe(true);
    expect(page.account).toMatchObject({
      id: accountId,
      status: 'flagged',
      messageCount: 3,
      blockedCount: 2,
    });
    expect(page.statusHistory.map((h) => `${h.from}->${h.to}`)).toEqual(['active->flagged']);
    expect(page.cases.map((c) => c.kind)).toEqual(['flagged']);
    expect(page.decisions.decisions).toHaveLength(3);
    expect(page.decisions.decisions[0]!.excerpt).toBe('Pay the fee at http://bit.ly/*** (2)');
    expect(page.signals.map((s) => s.key)).toEqual(['count1h', 'uniqueRecipients24h', 'someNewSignal']);
    expect(page.signals[1]).toEqual({
      key: 'uniqueRecipients24h',
      label: 'Different recipients, last 24 hours',
      value: 32,
    });
    expect(page.canManagePrivacy).toBe(false);

    const older = await reviewers.as(r, 'GET', `/api/accounts/${accountId}/decisions?limit=2`);
    expect(older.json().decisions).toHaveLength(2);
    const rest = await reviewers.as(
      r,
      'GET',
      `/api/accounts/${accountId}/decisions?limit=2&before=${encodeURIComponent(older.json().nextBefore)}`,
    );
    expect(rest.json()).toMatchObject({ nextBefore: null });
    expect(rest.json().decisions).toHaveLength(1);

    expect(
      (await reviewers.as(await reviewers.admin(), 'GET', `/api/accounts/${accountId}`)).json()
        .canManagePrivacy,
    ).toBe(true);
    expect((await reviewers.as(r, 'GET', `/api/accounts/AC-never-${uid()}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/accounts/${accountId}` })).statusCode).toBe(401);
  });
});

describe('export and erasure', () => {
  it('refuses a reviewer who is not an admin, and a key without the admin scope', async () => {
    const accountId = await accountWithHistory();
    const r = await reviewers.newReviewer();
    const exp = await reviewers.as(r, 'GET', `/api/accounts/${accountId}/export`);
    expect(exp.statusCode).toBe(403);
    expect(exp.json().code).toBe('FORBIDDEN');
    expect((await reviewers.as(r, 'POST', `/api/accounts/${accountId}/erase`)).statusCode).toBe(403);
    expect((await reviewers.as(r, 'GET', '/api/admin/retention')).statusCode).toBe(403);
    expect((await withKey('GET', `/v1/admin/accounts/${accountId}/export`, scoreOnlyKey)).statusCode).toBe(
      403,
    );
    expect((await withKey('POST', `/v1/admin/accounts/${accountId}/erase`, scoreOnlyKey)).statusCode).toBe(
      403,
    );
    expect((await app.signals.getSignals(accountId)).count24h).toBe(1);
  });

  it('exports one document per the contract: decisions with feature snapshots and excerpts, never bodies', async () => {
    const accountId = await accountWithHistory();
    const res = await withKey('GET', `/v1/admin/accounts/${accountId}/export`);
    expect(res.statusCode).toBe(200);
    const doc = res.json() as AccountExport;
    expect(Value.Check(AccountExport, doc)).toBe(true);
    expect(doc.account?.noticeEmail).toBe('holder@example.com');
    expect(doc.decisions).toHaveLength(3);
    expect(doc.decisions[2]!.features).toMatchObject({ signals: { uniqueRecipients24h: 32 } });
    expect(doc.decisions.map((d) => d.excerpt)).toEqual([
      null,
      'Pay the fee at http://bit.ly/*** (1)',
      'Pay the fee at http://bit.ly/*** (2)',
    ]);
    for (const d of doc.decisions) expect(Object.keys(d)).not.toContain('body');
    expect(
      (await reviewers.as(await reviewers.admin(), 'GET', `/api/accounts/${accountId}/export`)).json(),
    ).toMatchObject({
      accountId,
    });
    expect((await withKey('GET', `/v1/admin/accounts/AC-never-${uid()}/export`)).statusCode).toBe(404);
  });

  it('keeps what an open case holds, lists it, deletes signal keys, and finishes when the case is decided', async () => {
    const accountId = await accountWithHistory();
    const { case: flagged } = await flagAccount(database.db, { accountId, risk: 0.8, reasons: [] });
    const a = await reviewers.admin();

    const first = await reviewers.as(a, 'POST', `/api/accounts/${accountId}/erase`);
    expect(first.statusCode).toBe(200);
    const erased = first.json() as EraseResult;
    expect(Value.Check(EraseResult, erased)).toBe(true);
    expect(erased.status).toBe('pending');
    expect(erased.kept).toEqual([expect.objectContaining({ caseId: flagged!.id, kind: 'flagged' })]);
    expect(erased.kept[0]!.holds).toContain('decisions');
    expect(erased.erased.decisionsDeleted).toBe(0);
    expect(erased.erased.signalKeysDeleted).toBeGreaterThan(0);
    expect((await app.signals.getSignals(accountId)).firstSeenAt).toBe(0);

    // One audit row: who, when, what was kept and why.
    const audit = await database.db
      .select()
      .from(accountErasures)
      .where(eq(accountErasures.accountId, accountId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ requestedBy: `reviewer:${a.id}`, status: 'pending' });
    expect((audit[0]!.kept[0] as { reason: string }).reason).toMatch(/evidence/);

    // A second erase is harmless: the same request, nothing more erased, no second audit row.
    const second = (await withKey('POST', `/v1/admin/accounts/${accountId}/erase`)).json() as EraseResult;
    expect(second).toMatchObject({ erasureId: erased.erasureId, status: 'pending', nothingLeft: false });
    expect(second.erased.signalKeysDeleted).toBe(0);
    expect(
      await database.db.select().from(accountErasures).where(eq(accountErasures.accountId, accountId)),
    ).toHaveLength(1);

    const page = (await reviewers.as(a, 'GET', `/api/accounts/${accountId}`)).json() as AccountPage;
    expect(page.pendingErasure).toMatchObject({ id: erased.erasureId, heldCaseIds: [flagged!.id] });

    // The case is decided: the follow-up runs by itself and the export shows only what is kept.
    const r = await reviewers.newReviewer();
    expect((await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`)).statusCode).toBe(200);
    const decided = await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/actions`, {
      type: 'reinstate',
      rationale: 'Flag was noise.',
    });
    expect(decided.statusCode).toBe(200);
    const [row] = await database.db
      .select()
      .from(accountErasures)
      .where(eq(accountErasures.id, erased.erasureId));
    expect(row).toMatchObject({ status: 'complete', kept: [] });
    expect(row!.completedAt).toBeInstanceOf(Date);
    expect(row!.erased).toMatchObject({ decisionsDeleted: 3, contactDetailsCleared: true });

    const after = (await withKey('GET', `/v1/admin/accounts/${accountId}/export`)).json() as AccountExport;
    expect(after.decisions).toEqual([]);
    expect(after.account).toMatchObject({ noticeEmail: null, status: 'active' });
    expect(after.erasures).toEqual([expect.objectContaining({ id: erased.erasureId, status: 'complete' })]);

    const again = (await withKey('POST', `/v1/admin/accounts/${accountId}/erase`)).json() as EraseResult;
    expect(again).toMatchObject({
      erasureId: erased.erasureId,
      status: 'complete',
      nothingLeft: true,
      kept: [],
    });
  });

  it('erases at once when no case holds anything, recording the key that asked', async () => {
    const accountId = await accountWithHistory();
    const res = (await withKey('POST', `/v1/admin/accounts/${accountId}/erase`)).json() as EraseResult;
    expect(res).toMatchObject({ status: 'complete', kept: [], nothingLeft: false });
    expect(res.erased).toMatchObject({ decisionsDeleted: 3, contactDetailsCleared: true });
    const [row] = await database.db
      .select()
      .from(accountErasures)
      .where(eq(accountErasures.id, res.erasureId));
    expect(row!.requestedBy).toMatch(/^api-key:/);
    expect(row!.erased).toMatchObject({ signalKeysDeleted: res.erased.signalKeysDeleted });
  });
});

describe('retention, visible', () => {
  it("shows the job's settings and its last run to admins, and in /metrics", async () => {
    const before = (await reviewers.as(await reviewers.admin(), 'GET', '/api/admin/retention')).json();
    expect(before.settings).toEqual({ excerptDays: 30, intervalMinutes: 60 });
    const accountId = `AC-${uid()}`;
    await insertDecisions(database.db, [
      decisionRow({
        accountId,
        score: 0.9,
        action: 'block',
        excerpt: 'Pay the fee at bit.ly/…',
        decidedAt: new Date(Date.now() - 40 * DAY_MS),
      }),
    ]);
    const run = await app.retentionJob.runOnce();
    expect(run.ok).toBe(true);
    expect(run.excerptsCleared).toBeGreaterThanOrEqual(1);
    const status = (await reviewers.as(await reviewers.admin(), 'GET', '/api/admin/retention')).json();
    expect(status.lastRun).toMatchObject({ ok: true, excerptsCleared: run.excerptsCleared });
    expect(status.lastRun.finishedAt).toBe(run.finishedAt.toISOString());
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('gavel_retention_excerpt_days 30');
    expect(metrics).toContain(`gavel_retention_last_run_excerpts_cleared ${run.excerptsCleared}`);
    expect(metrics).toMatch(/gavel_retention_last_run_timestamp_seconds \d+/);
  });
});

describe('transparency export', () => {
  it('exports every statement of the period as NDJSON in the DSA Transparency Database format', async () => {
    const from = new Date(Date.now() - 60_000);
    const made: { id: string; accountId: string }[] = [];
    for (const kind of ['automated', 'legacy', 'reviewer'] as const) {
      const accountId = `AC-${uid()}`;
      const at = new Date();
      const id = `su_${uid()}`;
      const built = statementOfReasons({
        suspensionId: id,
        accountId,
        decidedAt: at,
        reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener' }],
        policy: app.policy,
        counts: { abusiveMessages24h: 3, messages24h: 3 },
      });
      const statement =
        kind === 'legacy'
          ? {
              ...built,
              category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
              category_specification: ['KEYWORD_OTHER'],
            }
          : built;
      const r = kind === 'reviewer' ? await reviewers.newReviewer() : null;
      await suspendAccount(database.db, {
        id,
        accountId,
        reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.4 }],
        statement: statement as unknown as Record<string, unknown>,
        appealDeadline: new Date(at.getTime() + 200 * DAY_MS),
        outbox: [],
        decidedBy: r ? r.id : null,
        at,
      });
      made.push({ id, accountId });
    }
    const to = new Date(Date.now() + 1_000);
    const res = await withKey(
      'GET',
      `/v1/admin/transparency/statements?from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.body.trimEnd().split('\n');
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) {
      const errors = [...Value.Errors(DsaStatementSubmission, o)].map(
        (e) => `${e.instancePath} ${e.message}`,
      );
      expect(errors).toEqual([]);
    }
    const byPuid = new Map(objects.map((o) => [o.puid, o]));
    for (const m of made) expect(byPuid.has(m.id)).toBe(true);
    expect(byPuid.get(made[0]!.id)).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_FULLY',
      content_type: ['CONTENT_TYPE_TEXT'],
      source_type: 'SOURCE_VOLUNTARY',
      application_date: from.toISOString().slice(0, 10),
    });
    expect(byPuid.get(made[1]!.id)!.category).toBe('STATEMENT_CATEGORY_OTHER_VIOLATION_TC');
    expect(byPuid.get(made[2]!.id)!.automated_decision).toBe('AUTOMATED_DECISION_NOT_AUTOMATED');
    // No personal data: the account ids are not in the submission.
    for (const m of made) expect(res.body).not.toContain(m.accountId);

    const empty = await withKey(
      'GET',
      `/v1/admin/transparency/statements?from=${to.toISOString()}&to=${new Date(to.getTime() + 1000).toISOString()}`,
    );
    expect([empty.statusCode, empty.body]).toEqual([200, '']);
    const bad = await withKey(
      'GET',
      `/v1/admin/transparency/statements?from=${to.toISOString()}&to=${from.toISOString()}`,
    );
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'INVALID_PERIOD']);
    expect((await withKey('GET', '/v1/admin/transparency/statements', scoreOnlyKey)).statusCode).toBe(403);
  });
});
