import { randomBytes } from 'node:crypto';
import { type DecisionRow, executeRows, flagAccount, insertDecisions, suspendAccount } from '@gavel/db';
import {
  appeals,
  caseEvents,
  cases,
  decisionRow,
  labels,
  outbox,
  type TestDatabase,
} from '@gavel/db/testing';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAppealToken } from '../notices/appealToken';
import { type OwnGavel, type ReviewerSessions, scoreOk, startGavelOnOwnDatabase } from '../testing';

const ADMIN = { email: 'admin@gavel.test', password: 'admin-password-123' };
const DAY_MS = 86_400_000;

let gavel: OwnGavel;
let app: FastifyInstance;
let database: TestDatabase;
let reviewers: ReviewerSessions;
let secret: string;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase({
    admin: ADMIN,
    env: {
      ROLES: 'scoring,review',
      // The claim race below leaves each reviewer holding 100 cases; the cap has its own test.
      MAX_CLAIMS_PER_REVIEWER: '1000',
    },
  });
  ({ app, database, reviewers } = gavel);
  secret = gavel.config.secret;
});

afterAll(async () => {
  await gavel?.close();
});

// ------------------------------------------------------------------ helpers

const uid = () => randomBytes(5).toString('hex');

interface Suspended {
  accountId: string;
  suspensionId: string;
  token: string;
}

/** An automated suspension with two blocked decisions as its evidence (as the scoring role leaves it). */
async function suspendedAccount(opts: { decidedBy?: string; accountId?: string } = {}): Promise<Suspended> {
  const accountId = opts.accountId ?? `AC-${uid()}`;
  const now = new Date();
  const decisions = [0, 1].map((i) =>
    decisionRow({
      accountId,
      score: 0.95 - i * 0.1,
      action: 'block',
      reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.4 }],
      accountStatus: 'flagged',
      accountRisk: 0.9,
      modelVersion: 'content-test.1',
      excerpt: `Your parcel is held: pay the fee at http://bit.ly/*** (${i})`,
      features: { signals: { count1h: 40 + i, uniqueRecipients1h: 38 } },
      decidedAt: new Date(now.getTime() - 60_000 + i),
    }),
  );
  await insertDecisions(database.db, decisions);
  const { suspension } = await suspendAccount(database.db, {
    accountId,
    reasons: [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.4 }],
    statement: {
      decision_account: 'DECISION_ACCOUNT_SUSPENDED',
      decision_facts: 'Automated checks found links.',
    },
    appealDeadline: new Date(now.getTime() + 200 * DAY_MS),
    outbox: [],
    decidedBy: opts.decidedBy ?? null,
    at: now,
  });
  await app.signals.setStatus(accountId, 'suspended');
  const token = signAppealToken(
    { suspensionId: suspension.id, accountId, expiresAt: new Date(now.getTime() + 200 * DAY_MS) },
    secret,
  );
  return { accountId, suspensionId: suspension.id, token };
}

const appealBody = {
  explanation: 'These were delivery notices our customers asked for; the links are our own tracking pages.',
  contactEmail: 'holder@example.com',
};

async function submitAppeal(token: string) {
  const res = await app.inject({ method: 'POST', url: `/api/appeal/${token}`, payload: appealBody });
  expect([200, 201]).toContain(res.statusCode);
  return res.json() as { appeal: { reference: string; status: string } };
}

async function caseOfSuspension(suspensionId: string) {
  const [row] = await database.db.select().from(cases).where(eq(cases.suspensionId, suspensionId));
  return row;
}

async function score(accountId: string, body: string) {
  return scoreOk(gavel, {
    messageId: `SM-${uid()}`,
    accountId,
    channel: 'sms',
    from: '+15005550006',
    to: '+447700900123',
    body,
  });
}

// ------------------------------------------------------------------ holder portal

describe('appeal portal', () => {
  it('shows the statement of reasons with DSA fields and up to three redacted examples', async () => {
    const s = await suspendedAccount();
    const res = await app.inject({ method: 'GET', url: `/api/appeal/${s.token}` });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.suspension).toMatchObject({ id: s.suspensionId, accountId: s.accountId, status: 'open' });
    expect(view.statement.reasons).toEqual([
      { code: 'SHORTENED_URL', message: 'Link through a URL shortener' },
    ]);
    expect(view.dsa.decision_account).toBe('DECISION_ACCOUNT_SUSPENDED');
    expect(view.examples.length).toBeGreaterThan(0);
    expect(view.examples.length).toBeLessThanOrEqual(3);
    expect(view.canAppeal).toBe(true);
    expect(view.appeal).toBeNull();
  });

  it('keeps exactly one appeal per suspension, for sequential and concurrent double submits', async () => {
    const s = await suspendedAccount();
    const first = await submitAppeal(s.token);
    const again = await submitAppeal(s.token);
    expect(again.appeal.reference).toBe(first.appeal.reference);

    const t = await suspendedAccount();
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => submitAppeal(t.token)));
    expect(new Set(concurrent.map((v) => v.appeal.reference)).size).toBe(1);
    const rows = await database.db.select().from(appeals).where(eq(appeals.suspensionId, t.suspensionId));
    expect(rows).toHaveLength(1);
    const caseRows = await database.db.select().from(cases).where(eq(cases.suspensionId, t.suspensionId));
    expect(caseRows).toHaveLength(1);
    expect(caseRows[0]).toMatchObject({ kind: 'appeal', status: 'open' });
    // Due APPEAL_DUE_HOURS (24 h by default) after the appeal.
    const dueInHours = (caseRows[0].dueAt.getTime() - Date.now()) / 3_600_000;
    expect(dueInHours).toBeGreaterThan(23.9);
    expect(dueInHours).toBeLessThanOrEqual(24);
    const opened = await database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseRows[0].id));
    expect(opened.map((e) => e.type)).toEqual(['opened']);
  });

  it('refuses a too-short explanation with a field error', async () => {
    const s = await suspendedAccount();
    const res = await app.inject({
      method: 'POST',
      url: `/api/appeal/${s.token}`,
      payload: { explanation: 'too short', contactEmail: 'holder@example.com' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers expired, forged and tampered tokens with one identical problem', async () => {
    const s = await suspendedAccount();
    const expired = signAppealToken(
      { suspensionId: s.suspensionId, accountId: s.accountId, expiresAt: new Date(Date.now() - 1000) },
      secret,
    );
    const forged = signAppealToken(
      { suspensionId: s.suspensionId, accountId: s.accountId, expiresAt: new Date(Date.now() + DAY_MS) },
      'another-secret-that-is-long-enough-to-count',
    );
    const [payload, signature] = s.token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ s: 'su_SOMEONE_ELSE', a: s.accountId, e: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString('base64url');
    const tampered = `${otherPayload}.${signature}`;
    const truncated = `${payload}.${signature.slice(0, -2)}`;
    const answers = await Promise.all(
      [expired, forged, tampered, truncated, 'garbage'].map((t) =>
        app.inject({ method: 'GET', url: `/api/appeal/${t}` }),
      ),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(answers[0].body);
    }
    const post = await app.inject({ method: 'POST', url: `/api/appeal/${tampered}`, payload: appealBody });
    expect(post.statusCode).toBe(404);
    expect(post.body).toBe(answers[0].body);
  });

  it("does not let another suspension's token read or act on this case", async () => {
    const mine = await suspendedAccount();
    const other = await suspendedAccount();
    await submitAppeal(mine.token);
    const lead = await reviewers.newReviewer('lead');
    const c = await caseOfSuspension(mine.suspensionId);
    expect((await reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const asked = await reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'ask',
      rationale: 'Need the opt-in records',
      question: 'Where did these recipients opt in?',
    });
    expect(asked.statusCode).toBe(200);

    const otherView = (await app.inject({ method: 'GET', url: `/api/appeal/${other.token}` })).json();
    expect(otherView.suspension.id).toBe(other.suspensionId);
    expect(otherView.messages).toEqual([]);
    expect(JSON.stringify(otherView)).not.toContain('opt in');
    const answer = await app.inject({
      method: 'POST',
      url: `/api/appeal/${other.token}/answers`,
      payload: { answer: 'An answer to a question that is not mine' },
    });
    expect(answer.statusCode).toBe(409);
    expect((await caseOfSuspension(mine.suspensionId)).status).toBe('awaiting_info');

    // The holder of this case answers through their own link, and the case returns to the queue.
    const mineAnswer = await app.inject({
      method: 'POST',
      url: `/api/appeal/${mine.token}/answers`,
      payload: { answer: 'On our checkout page, with a checkbox.' },
    });
    expect(mineAnswer.statusCode).toBe(200);
    expect(mineAnswer.json().appeal.status).toBe('in_review');
    expect((await caseOfSuspension(mine.suspensionId)).status).toBe('open');
  });

  it('documents the review API in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}/actions', '/api/session']),
    );
  });

  it("an appellant's token cannot read the queue", async () => {
    const s = await suspendedAccount();
    for (const headers of [
      {},
      { authorization: `Bearer ${s.token}` },
      { cookie: `gavel_session=${s.token}` },
    ]) {
      const res = await app.inject({ method: 'GET', url: '/api/cases', headers });
      expect(res.statusCode).toBe(401);
    }
  });
});

// ------------------------------------------------------------------ reviewers

describe('reviewer accounts', () => {
  it('refuses a state change without the CSRF token', async () => {
    const r = await reviewers.newReviewer();
    const without = await app.inject({
      method: 'POST',
      url: '/api/cases/claim-next',
      headers: { cookie: r.cookie },
      payload: {},
    });
    expect(without.statusCode).toBe(403);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/cases/claim-next',
      headers: { cookie: r.cookie, 'x-csrf-token': `${r.csrf.slice(0, -1)}x` },
      payload: {},
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('a reviewer cannot create users; an admin can', async () => {
    const r = await reviewers.newReviewer('reviewer');
    const res = await reviewers.as(r, 'POST', '/api/admin/reviewers', {
      email: `x-${uid()}@gavel.test`,
      name: 'Nope',
      password: 'long-enough-password',
      role: 'admin',
    });
    expect(res.statusCode).toBe(403);
    expect((await reviewers.as(r, 'GET', '/api/dashboard')).statusCode).toBe(403);
  });

  it('locks an account after repeated wrong passwords', async () => {
    const a = await reviewers.admin();
    const email = `lock-${uid()}@gavel.test`;
    await reviewers.as(a, 'POST', '/api/admin/reviewers', {
      email,
      name: 'Locky',
      password: 'the-right-password',
      role: 'reviewer',
    });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { email, password: 'wrong-password' },
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const right = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: 'the-right-password' },
    });
    expect(right.statusCode).toBe(429);
  });
});

// ------------------------------------------------------------------ queue and actions

describe('queue and actions', () => {
  it('gives one winner to each of 100 rounds of two concurrent claims', async () => {
    const [a, b] = [await reviewers.newReviewer(), await reviewers.newReviewer()];
    // Leftover claimable cases from other tests would be claimed first: take them out of the way.
    for (;;) {
      const drained = await reviewers.as(a, 'POST', '/api/cases/claim-next');
      if (drained.json().case === null) break;
    }
    for (let round = 0; round < 100; round++) {
      const { case: flagged } = await flagAccount(database.db, {
        accountId: `AC-claim-${uid()}`,
        risk: 0.5,
        reasons: [],
      });
      const [ra, rb] = await Promise.all([
        reviewers.as(a, 'POST', '/api/cases/claim-next'),
        reviewers.as(b, 'POST', '/api/cases/claim-next'),
      ]);
      const won = [ra.json().case, rb.json().case].filter(Boolean);
      expect(won).toHaveLength(1);
      expect(won[0].id).toBe(flagged!.id);
    }
  });

  it('reinstates an appeal: account active, suspension lifted, labels, notice, audit; the next score allows', async () => {
    const s = await suspendedAccount();
    await submitAppeal(s.token);
    const blocked = await score(s.accountId, 'Hi Sam, dinner at 7 tonight? See you there.');
    expect(blocked.action).toBe('block');
    expect(blocked.reasons.map((r) => r.code)).toContain('ACCOUNT_SUSPENDED');

    const lead = await reviewers.newReviewer('lead');
    const list = (await reviewers.as(lead, 'GET', '/api/cases?kind=appeal')).json();
    const c = await caseOfSuspension(s.suspensionId);
    expect(list.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const detail = (await reviewers.as(lead, 'GET', `/api/cases/${c.id}`)).json();
    expect(detail.appeal.reference).toMatch(/^AP-/);
    expect(detail.samples.length).toBeGreaterThan(0);
    expect(detail.topReasons[0].code).toBe('SHORTENED_URL');
    expect(detail.signalsAtDecision.count1h).toBeGreaterThan(0);
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['reinstate', 'uphold', 'ask', 'note']));

    // Another reviewer cannot act while the lead holds the case.
    const other = await reviewers.newReviewer();
    const refused = await reviewers.as(other, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'x',
    });
    expect(refused.statusCode).toBe(409);

    const res = await reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'reinstate',
      rationale: 'The links are the sender’s own tracking pages; opt-in records check out.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().case).toMatchObject({ status: 'decided', outcome: 'reinstated' });

    const [account] = await executeRows<{ status: string; risk: number }>(
      database.db,
      sql`select status, risk from accounts where id = ${s.accountId}`,
    );
    expect(account).toMatchObject({ status: 'active', risk: 0 });
    const [susp] = await executeRows<{ status: string }>(
      database.db,
      sql`select status from suspensions where id = ${s.suspensionId}`,
    );
    expect(susp.status).toBe('lifted');
    const labelRows = await database.db.select().from(labels).where(eq(labels.caseId, c.id));
    expect(labelRows.length).toBe(2);
    expect(labelRows.every((l) => l.label === 'overturned' && l.features !== null)).toBe(true);
    const notices = await database.db.select().from(outbox).where(eq(outbox.topic, 'appeal.outcome'));
    const mail = notices.find((n) => n.accountId === s.accountId && n.payload.kind === 'email');
    expect(mail?.payload).toMatchObject({ kind: 'email', to: 'holder@example.com' });
    expect(JSON.stringify(mail?.payload)).toContain('tracking pages');
    const events = (
      await database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(caseEvents.id)
    ).map((e) => e.type);
    expect(events).toEqual(['opened', 'claimed', 'decided']);

    const holderView = (await app.inject({ method: 'GET', url: `/api/appeal/${s.token}` })).json();
    expect(holderView.appeal.outcome).toMatchObject({ decision: 'reinstated' });
    expect(holderView.appeal.outcome.rationale).toContain('tracking pages');

    const after = await score(s.accountId, 'Hi Sam, dinner at 7 tonight? See you there.');
    expect(after.action).toBe('allow');
    expect(after.account.status).toBe('active');

    // The second decision on a decided case is a conflict, not a second outcome.
    const again = await reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'late',
    });
    expect(again.statusCode).toBe(409);
  });

  it('two reviewers deciding at once: one wins, the other gets 409', async () => {
    const s = await suspendedAccount();
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    const lead = await reviewers.newReviewer('lead');
    await reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`);
    const [x, y] = await Promise.all([
      reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
        type: 'uphold',
        rationale: 'Clear scam pattern.',
      }),
      reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
        type: 'reinstate',
        rationale: 'Looks fine.',
      }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const loser = x.statusCode === 409 ? x : y;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.json().detail).toMatch(/already decided/);
  });

  it('the reviewer who decided the suspension cannot decide its appeal', async () => {
    const decider = await reviewers.newReviewer('lead');
    const s = await suspendedAccount({ decidedBy: decider.id });
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    await reviewers.as(decider, 'POST', `/api/cases/${c.id}/claim`);
    const res = await reviewers.as(decider, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'reinstate',
      rationale: 'Mine.',
    });
    expect(res.statusCode).toBe(403);
    expect((await caseOfSuspension(s.suspensionId)).status).not.toBe('decided');
  });

  it('escalated cases are decided by leads only', async () => {
    const s = await suspendedAccount();
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    const reviewer = await reviewers.newReviewer('reviewer');
    await reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/claim`);
    const escalated = await reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'escalate',
      rationale: 'Unsure.',
    });
    expect(escalated.json().case.status).toBe('escalated');
    expect((await reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(403);
    const lead = await reviewers.newReviewer('lead');
    expect((await reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const decided = await reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'Scam links.',
    });
    expect(decided.json().case.outcome).toBe('upheld');
    const dashboard = (await reviewers.as(lead, 'GET', '/api/dashboard')).json();
    expect(dashboard.overturnByModel.find((m: { key: string }) => m.key === 'content-test.1')).toBeDefined();
  });

  it('clearing a flagged case never lifts a suspension: only the appeal can', async () => {
    const accountId = `AC-${uid()}`;
    const { case: flagged } = await flagAccount(database.db, { accountId, risk: 0.75, reasons: [] });
    const s = await suspendedAccount({ accountId });
    const r = await reviewers.newReviewer();
    expect((await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`)).statusCode).toBe(200);
    const res = await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/actions`, {
      type: 'reinstate',
      rationale: 'Flag was noise.',
    });
    expect(res.json().case.outcome).toBe('cleared');
    const [account] = await executeRows<{ status: string }>(
      database.db,
      sql`select status from accounts where id = ${accountId}`,
    );
    expect(account.status).toBe('suspended');
    expect((await app.signals.getSignals(accountId)).status).toBe('suspended');
    const [susp] = await executeRows<{ status: string }>(
      database.db,
      sql`select status from suspensions where id = ${s.suspensionId}`,
    );
    expect(susp.status).toBe('open');
  });

  it('upholding a flag suspends the account as a human decision, with a notice', async () => {
    const accountId = `AC-${uid()}`;
    const { case: flagged } = await flagAccount(database.db, { accountId, risk: 0.75, reasons: [] });
    const r = await reviewers.newReviewer();
    await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`);
    const res = await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/actions`, {
      type: 'uphold',
      rationale: 'Every message is the same parcel-fee lure.',
    });
    expect(res.json().case.outcome).toBe('suspended');
    const [susp] = await executeRows<{ id: string; decided_by: string; automated_decision: boolean }>(
      database.db,
      sql`select id, decided_by, automated_decision from suspensions where account_id = ${accountId} and status = 'open'`,
    );
    expect(susp).toMatchObject({ decided_by: r.id, automated_decision: false });
    expect((await app.signals.getSignals(accountId)).status).toBe('suspended');
    const notices = await database.db.select().from(outbox).where(eq(outbox.accountId, accountId));
    expect(notices.map((n) => n.topic)).toContain('suspension.notice');
  });

  it('extends and releases a claim, and lists overdue cases', async () => {
    const r = await reviewers.newReviewer();
    const { case: flagged } = await flagAccount(database.db, {
      accountId: `AC-${uid()}`,
      risk: 0.75,
      reasons: [],
      dueAt: new Date(Date.now() - 60_000),
    });
    const overdue = (await reviewers.as(r, 'GET', '/api/cases?overdue=true')).json().cases;
    expect(overdue.find((x: { id: string }) => x.id === flagged!.id)).toMatchObject({
      overdue: true,
      assignee: null,
    });
    const claimed = (await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`)).json();
    expect(claimed.assignee.id).toBe(r.id);
    const extended = (await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/extend`)).json();
    expect(Date.parse(extended.claimExpiresAt)).toBeGreaterThanOrEqual(Date.parse(claimed.claimExpiresAt));
    const mine = (await reviewers.as(r, 'GET', '/api/cases?assignee=me')).json().cases;
    expect(mine.map((x: { id: string }) => x.id)).toContain(flagged!.id);
    const other = await reviewers.newReviewer();
    expect((await reviewers.as(other, 'POST', `/api/cases/${flagged!.id}/release`)).statusCode).toBe(409);
    expect((await reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/release`)).json().assignee).toBeNull();
    const events = await database.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, flagged!.id))
      .orderBy(caseEvents.id);
    expect(events.map((e) => e.type)).toEqual(['opened', 'claimed', 'extended', 'released']);
  });

  it('the audit table rejects UPDATE and DELETE', async () => {
    const s = await suspendedAccount();
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    await expect(
      database.db.update(caseEvents).set({ type: 'noted' }).where(eq(caseEvents.caseId, c.id)),
    ).rejects.toThrow();
    await expect(database.db.delete(caseEvents).where(eq(caseEvents.caseId, c.id))).rejects.toThrow();
    expect(await database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id))).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ what the holder and reviewer are shown

const PHISHING = { code: 'SHORTENED_URL' as const, message: 'Link through a URL shortener', weight: 0.4 };

function blockedDecision(accountId: string, at: Date, excerpt: string | null, score = 0.95): DecisionRow {
  return decisionRow({
    accountId,
    channel: 'whatsapp',
    score,
    action: 'block',
    reasons: [PHISHING],
    accountStatus: 'flagged',
    accountRisk: 0.9,
    modelVersion: 'content-test.1',
    policyVersion: 'default@1',
    excerpt,
    features: { signals: { count1h: 3 } },
    decidedAt: at,
  });
}

/** A block that only repeats the suspension, as the scoring path logs it (no model, score 1). */
function suspendedBlock(accountId: string, at: Date): DecisionRow {
  return {
    ...blockedDecision(accountId, at, null, 1),
    reasons: [{ code: 'ACCOUNT_SUSPENDED', message: 'The account is suspended', weight: 1 }],
    accountStatus: 'suspended',
  };
}

describe('one restriction, one story', () => {
  it('an appeal decision closes the stale flagged case, so it cannot suspend the reinstated account again', async () => {
    const accountId = `AC-${uid()}`;
    const flag = await flagAccount(database.db, { accountId, risk: 0.7, reasons: [PHISHING] });
    const s = await suspendedAccount({ accountId });
    await submitAppeal(s.token);
    const appealCase = await caseOfSuspension(s.suspensionId);
    const r = await reviewers.newReviewer();
    expect((await reviewers.as(r, 'POST', `/api/cases/${appealCase.id}/claim`)).statusCode).toBe(200);
    const decided = await reviewers.as(r, 'POST', `/api/cases/${appealCase.id}/actions`, {
      type: 'reinstate',
      rationale: 'Own tracking links, confirmed.',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const [stale] = await database.db.select().from(cases).where(eq(cases.id, flag.case!.id));
    expect(stale).toMatchObject({ status: 'decided', outcome: 'cleared', closedWithCaseId: appealCase.id });
    // Another reviewer cannot pick it up and "uphold" it into a second suspension.
    const other = await reviewers.newReviewer();
    const claim = await reviewers.as(other, 'POST', `/api/cases/${flag.case!.id}/claim`);
    expect(claim.statusCode).toBe(409);
    expect((await reviewers.as(other, 'POST', '/api/cases/claim-next')).json().case?.id).not.toBe(
      flag.case!.id,
    );
    expect((await app.signals.getSignals(accountId)).status).toBe('active');

    // The stale case's page says where the account stands now and what was decided last.
    const page = (await reviewers.as(other, 'GET', `/api/cases/${flag.case!.id}`)).json();
    expect(page.case.closedWith).toEqual({ caseId: appealCase.id, kind: 'appeal' });
    expect(page.case.accountStatus).toBe('active');
    expect(page.account.status).toBe('active');
    expect(page.latestDecision).toMatchObject({
      caseId: appealCase.id,
      kind: 'appeal',
      outcome: 'reinstated',
    });
    expect(page.allowedActions).toEqual([]);
  });

  it('counts the statement from the decision log: 3 sent, 3 blocked, the trigger among distinct examples', async () => {
    const accountId = `AC-${uid()}`;
    const now = Date.now();
    // Two blocked messages with the same redacted text (one example), then the one that suspends.
    await insertDecisions(database.db, [
      blockedDecision(accountId, new Date(now - 20_000), 'Pay the fee at http://bit.ly/***', 0.97),
      blockedDecision(accountId, new Date(now - 10_000), 'Pay the fee at http://bit.ly/***', 0.96),
    ]);
    const trigger = 'Your parcel is held: http://tinyurl.com/***';
    const suspensionId = await app.enforcement.suspend({
      accountId,
      messageId: `SM-trigger-${uid()}`,
      decision: {
        action: 'block',
        reasons: [{ code: 'ACCOUNT_SUSPENDED' as const, message: 'suspended', weight: 1 }, PHISHING],
        accountRisk: 0.93,
        accountStatus: 'suspended',
        transition: 'suspend',
        accountReasons: [],
      },
      channel: 'whatsapp',
      excerpt: trigger,
      signals: null,
      modelVersion: 'content-test.1',
    });
    expect(suspensionId).toMatch(/^su_/);
    // The scoring path logs the triggering decision after the suspension; then later messages are
    // blocked only because the account is suspended.
    await insertDecisions(database.db, [
      {
        ...blockedDecision(accountId, new Date(), trigger, 0.9),
        reasons: [{ code: 'ACCOUNT_SUSPENDED', message: 'suspended', weight: 1 }, PHISHING],
      },
      suspendedBlock(accountId, new Date(Date.now() + 5)),
      suspendedBlock(accountId, new Date(Date.now() + 10)),
    ]);

    const [suspension] = await executeRows<{ statement: Record<string, unknown> }>(
      database.db,
      sql`select statement from suspensions where id = ${suspensionId}`,
    );
    const facts = String(suspension.statement.decision_facts);
    expect(facts).toContain(
      '3 messages were blocked as likely spam, phishing or fraud out of 3 messages sent',
    );
    expect(facts).not.toContain('needed review');
    expect(suspension.statement.examples).toEqual([trigger, 'Pay the fee at http://bit.ly/***']);

    const token = signAppealToken(
      { suspensionId: suspensionId!, accountId, expiresAt: new Date(now + 200 * DAY_MS) },
      secret,
    );
    const view = (await app.inject({ method: 'GET', url: `/api/appeal/${token}` })).json();
    expect(view.examples).toEqual([trigger, 'Pay the fee at http://bit.ly/***']);

    // The case page counts with the same query: the same numbers, suspension-only blocks apart.
    await submitAppeal(token);
    const c = await caseOfSuspension(suspensionId!);
    const r = await reviewers.newReviewer();
    const page = (await reviewers.as(r, 'GET', `/api/cases/${c.id}`)).json();
    expect(page.evidenceCounts).toMatchObject({
      messages: 3,
      blocked: 3,
      review: 0,
      reviewLastHour: 0,
      blockedWhileSuspended: 2,
    });
    expect(page.account).toMatchObject({ messageCount: 5, blockedCount: 3, blockedWhileSuspendedCount: 2 });
    // Never shown as model scores: the chart has the three scored messages only.
    expect(page.scores.map((p: { score: number }) => p.score)).toEqual([0.97, 0.96, 0.9]);
    expect(page.blockedWhileSuspended.count).toBe(2);
    expect(page.blockedWhileSuspended.points).toHaveLength(2);
    expect(page.case).toMatchObject({ openingScore: 0.97, topReason: { code: 'SHORTENED_URL' } });
    expect(page.case.accountMessages24h).toBe(5);
  });

  it("names an account-model suspension's top reason in the queue when no message decision carries one", async () => {
    // The account model suspends on behaviour: the messages behind it were allowed on content (here
    // one allowed decision, and the trigger blocked only because of the suspension).
    const accountId = `AC-${uid()}`;
    const now = new Date();
    await insertDecisions(database.db, [
      {
        ...blockedDecision(accountId, new Date(now.getTime() - 5_000), null, 0.02),
        action: 'allow',
        reasons: [],
      },
      suspendedBlock(accountId, now),
    ]);
    const concentration = {
      code: 'DESTINATION_CONCENTRATION',
      message: 'Messages concentrated on a few premium prefixes',
      weight: 0.7,
    };
    const { suspension } = await suspendAccount(database.db, {
      accountId,
      reasons: [{ code: 'LOW_OTP_CONVERSION', message: 'Codes sent, none used', weight: 0.3 }, concentration],
      statement: { decision_account: 'DECISION_ACCOUNT_SUSPENDED', decision_facts: 'Automated checks.' },
      appealDeadline: new Date(now.getTime() + 200 * DAY_MS),
      outbox: [],
      decidedBy: null,
      at: now,
    });
    const token = signAppealToken(
      { suspensionId: suspension.id, accountId, expiresAt: new Date(now.getTime() + 200 * DAY_MS) },
      secret,
    );
    await submitAppeal(token);
    const r = await reviewers.newReviewer();
    const rows = (
      await reviewers.as(r, 'GET', '/api/cases?kind=appeal&reason=DESTINATION_CONCENTRATION')
    ).json().cases as {
      accountId: string;
      openingScore: number | null;
      topReason: { code: string } | null;
    }[];
    const row = rows.find((c) => c.accountId === accountId);
    expect(row?.topReason?.code).toBe('DESTINATION_CONCENTRATION');
    expect(row?.openingScore).toBeNull();
  });

  it('sorts and filters the queue by score and reason', async () => {
    const low = `AC-${uid()}`;
    const high = `AC-${uid()}`;
    const at = new Date();
    await insertDecisions(database.db, [
      blockedDecision(low, new Date(at.getTime() - 1000), null, 0.81),
      blockedDecision(high, new Date(at.getTime() - 1000), null, 0.99),
    ]);
    await flagAccount(database.db, { accountId: low, risk: 0.6, reasons: [PHISHING], at });
    await flagAccount(database.db, { accountId: high, risk: 0.6, reasons: [PHISHING], at });
    const r = await reviewers.newReviewer();
    const list = (
      await reviewers.as(r, 'GET', '/api/cases?kind=flagged&sort=-score&minScore=0.8&reason=SHORTENED_URL')
    )
      .json()
      .cases.map((x: { accountId: string }) => x.accountId);
    expect(list.indexOf(high)).toBeGreaterThanOrEqual(0);
    expect(list.indexOf(high)).toBeLessThan(list.indexOf(low));
    const strict = (await reviewers.as(r, 'GET', '/api/cases?kind=flagged&minScore=0.9')).json().cases;
    expect(strict.map((x: { accountId: string }) => x.accountId)).not.toContain(low);
  });
});

describe('small things a person sees', () => {
  it('refuses a second, different appeal on the same link with APPEAL_ALREADY_SUBMITTED; a retry still answers', async () => {
    const s = await suspendedAccount();
    const first = await submitAppeal(s.token);
    const retry = await app.inject({ method: 'POST', url: `/api/appeal/${s.token}`, payload: appealBody });
    expect(retry.statusCode).toBe(200);
    const other = await app.inject({
      method: 'POST',
      url: `/api/appeal/${s.token}`,
      payload: { ...appealBody, explanation: 'A different text written in a second browser tab, later on.' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'APPEAL_ALREADY_SUBMITTED' });
    expect(other.json().detail).toContain(first.appeal.reference);
    const [row] = await database.db.select().from(appeals).where(eq(appeals.suspensionId, s.suspensionId));
    expect(row.explanation).toBe(appealBody.explanation);
  });

  it('a wrong sign-in says nothing about API keys', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: ADMIN.email, password: 'not-the-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(res.json())).not.toMatch(/API key/i);
  });

  it('serves /docs with a CSP that does not upgrade plain http', async () => {
    const first = await app.inject({ method: 'GET', url: '/docs' });
    const res =
      first.statusCode === 302
        ? await app.inject({ method: 'GET', url: String(first.headers.location).replace(/^\.\//, '/docs/') })
        : first;
    expect(res.statusCode, String(first.headers.location)).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
