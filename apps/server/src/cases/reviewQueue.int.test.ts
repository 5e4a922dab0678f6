import { executeRows, flagAccount } from '@gavel/db';
import { caseEvents, labels, outbox } from '@gavel/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reviewFixture, uid } from './reviewFixture';

// The reviewer's side: accounts and sessions, then the queue (claims, decisions, who may decide what)
// and what each decision does to the account, its suspension, labels, notices and the audit trail.

const review = reviewFixture();
const { suspendedAccount, submitAppeal, caseOfSuspension, score } = review;

// ------------------------------------------------------------------ reviewers

describe('reviewer accounts', () => {
  it('refuses a state change without the CSRF token', async () => {
    const r = await review.reviewers.newReviewer();
    const without = await review.app.inject({
      method: 'POST',
      url: '/api/cases/claim-next',
      headers: { cookie: r.cookie },
      payload: {},
    });
    expect(without.statusCode).toBe(403);
    const wrong = await review.app.inject({
      method: 'POST',
      url: '/api/cases/claim-next',
      headers: { cookie: r.cookie, 'x-csrf-token': `${r.csrf.slice(0, -1)}x` },
      payload: {},
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('a reviewer cannot create users; an admin can', async () => {
    const r = await review.reviewers.newReviewer('reviewer');
    const res = await review.reviewers.as(r, 'POST', '/api/admin/reviewers', {
      email: `x-${uid()}@gavel.test`,
      name: 'Nope',
      password: 'long-enough-password',
      role: 'admin',
    });
    expect(res.statusCode).toBe(403);
    expect((await review.reviewers.as(r, 'GET', '/api/dashboard')).statusCode).toBe(403);
  });

  it('locks an account after repeated wrong passwords', async () => {
    const a = await review.reviewers.admin();
    const email = `lock-${uid()}@gavel.test`;
    await review.reviewers.as(a, 'POST', '/api/admin/reviewers', {
      email,
      name: 'Locky',
      password: 'the-right-password',
      role: 'reviewer',
    });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        (
          await review.app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { email, password: 'wrong-password' },
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const right = await review.app.inject({
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
    const [a, b] = [await review.reviewers.newReviewer(), await review.reviewers.newReviewer()];
    // Leftover claimable cases from other tests would be claimed first: take them out of the way.
    for (;;) {
      const drained = await review.reviewers.as(a, 'POST', '/api/cases/claim-next');
      if (drained.json().case === null) break;
    }
    for (let round = 0; round < 100; round++) {
      const { case: flagged } = await flagAccount(review.database.db, {
        accountId: `AC-claim-${uid()}`,
        risk: 0.5,
        reasons: [],
      });
      const [ra, rb] = await Promise.all([
        review.reviewers.as(a, 'POST', '/api/cases/claim-next'),
        review.reviewers.as(b, 'POST', '/api/cases/claim-next'),
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

    const lead = await review.reviewers.newReviewer('lead');
    const list = (await review.reviewers.as(lead, 'GET', '/api/cases?kind=appeal')).json();
    const c = await caseOfSuspension(s.suspensionId);
    expect(list.cases.map((x: { id: string }) => x.id)).toContain(c.id);
    expect((await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const detail = (await review.reviewers.as(lead, 'GET', `/api/cases/${c.id}`)).json();
    expect(detail.appeal.reference).toMatch(/^AP-/);
    expect(detail.samples.length).toBeGreaterThan(0);
    expect(detail.topReasons[0].code).toBe('SHORTENED_URL');
    expect(detail.signalsAtDecision.count1h).toBeGreaterThan(0);
    expect(detail.allowedActions).toEqual(expect.arrayContaining(['reinstate', 'uphold', 'ask', 'note']));

    // Another reviewer cannot act while the lead holds the case.
    const other = await review.reviewers.newReviewer();
    const refused = await review.reviewers.as(other, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'x',
    });
    expect(refused.statusCode).toBe(409);

    const res = await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'reinstate',
      rationale: 'The links are the sender’s own tracking pages; opt-in records check out.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().case).toMatchObject({ status: 'decided', outcome: 'reinstated' });

    const [account] = await executeRows<{ status: string; risk: number }>(
      review.database.db,
      sql`select status, risk from accounts where id = ${s.accountId}`,
    );
    expect(account).toMatchObject({ status: 'active', risk: 0 });
    const [susp] = await executeRows<{ status: string }>(
      review.database.db,
      sql`select status from suspensions where id = ${s.suspensionId}`,
    );
    expect(susp.status).toBe('lifted');
    const labelRows = await review.database.db.select().from(labels).where(eq(labels.caseId, c.id));
    expect(labelRows.length).toBe(2);
    expect(labelRows.every((l) => l.label === 'overturned' && l.features !== null)).toBe(true);
    const notices = await review.database.db.select().from(outbox).where(eq(outbox.topic, 'appeal.outcome'));
    const mail = notices.find((n) => n.accountId === s.accountId && n.payload.kind === 'email');
    expect(mail?.payload).toMatchObject({ kind: 'email', to: 'holder@example.com' });
    expect(JSON.stringify(mail?.payload)).toContain('tracking pages');
    const events = (
      await review.database.db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(caseEvents.id)
    ).map((e) => e.type);
    expect(events).toEqual(['opened', 'claimed', 'decided']);

    const holderView = (await review.app.inject({ method: 'GET', url: `/api/appeal/${s.token}` })).json();
    expect(holderView.appeal.outcome).toMatchObject({ decision: 'reinstated' });
    expect(holderView.appeal.outcome.rationale).toContain('tracking pages');

    const after = await score(s.accountId, 'Hi Sam, dinner at 7 tonight? See you there.');
    expect(after.action).toBe('allow');
    expect(after.account.status).toBe('active');

    // The second decision on a decided case is a conflict, not a second outcome.
    const again = await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'late',
    });
    expect(again.statusCode).toBe(409);
  });

  it('two reviewers deciding at once: one wins, the other gets 409', async () => {
    const s = await suspendedAccount();
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    const lead = await review.reviewers.newReviewer('lead');
    await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`);
    const [x, y] = await Promise.all([
      review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
        type: 'uphold',
        rationale: 'Clear scam pattern.',
      }),
      review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
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
    const decider = await review.reviewers.newReviewer('lead');
    const s = await suspendedAccount({ decidedBy: decider.id });
    await submitAppeal(s.token);
    const c = await caseOfSuspension(s.suspensionId);
    await review.reviewers.as(decider, 'POST', `/api/cases/${c.id}/claim`);
    const res = await review.reviewers.as(decider, 'POST', `/api/cases/${c.id}/actions`, {
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
    const reviewer = await review.reviewers.newReviewer('reviewer');
    await review.reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/claim`);
    const escalated = await review.reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'escalate',
      rationale: 'Unsure.',
    });
    expect(escalated.json().case.status).toBe('escalated');
    expect((await review.reviewers.as(reviewer, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(403);
    const lead = await review.reviewers.newReviewer('lead');
    expect((await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const decided = await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'uphold',
      rationale: 'Scam links.',
    });
    expect(decided.json().case.outcome).toBe('upheld');
    const dashboard = (await review.reviewers.as(lead, 'GET', '/api/dashboard')).json();
    expect(dashboard.overturnByModel.find((m: { key: string }) => m.key === 'content-test.1')).toBeDefined();
  });

  it('clearing a flagged case never lifts a suspension: only the appeal can', async () => {
    const accountId = `AC-${uid()}`;
    const { case: flagged } = await flagAccount(review.database.db, { accountId, risk: 0.75, reasons: [] });
    const s = await suspendedAccount({ accountId });
    const r = await review.reviewers.newReviewer();
    expect((await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`)).statusCode).toBe(200);
    const res = await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/actions`, {
      type: 'reinstate',
      rationale: 'Flag was noise.',
    });
    expect(res.json().case.outcome).toBe('cleared');
    const [account] = await executeRows<{ status: string }>(
      review.database.db,
      sql`select status from accounts where id = ${accountId}`,
    );
    expect(account.status).toBe('suspended');
    expect((await review.app.signals.getSignals(accountId)).status).toBe('suspended');
    const [susp] = await executeRows<{ status: string }>(
      review.database.db,
      sql`select status from suspensions where id = ${s.suspensionId}`,
    );
    expect(susp.status).toBe('open');
  });

  it('upholding a flag suspends the account as a human decision, with a notice', async () => {
    const accountId = `AC-${uid()}`;
    const { case: flagged } = await flagAccount(review.database.db, { accountId, risk: 0.75, reasons: [] });
    const r = await review.reviewers.newReviewer();
    await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`);
    const res = await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/actions`, {
      type: 'uphold',
      rationale: 'Every message is the same parcel-fee lure.',
    });
    expect(res.json().case.outcome).toBe('suspended');
    const [susp] = await executeRows<{ id: string; decided_by: string; automated_decision: boolean }>(
      review.database.db,
      sql`select id, decided_by, automated_decision from suspensions where account_id = ${accountId} and status = 'open'`,
    );
    expect(susp).toMatchObject({ decided_by: r.id, automated_decision: false });
    expect((await review.app.signals.getSignals(accountId)).status).toBe('suspended');
    const notices = await review.database.db.select().from(outbox).where(eq(outbox.accountId, accountId));
    expect(notices.map((n) => n.topic)).toContain('suspension.notice');
  });

  it('extends and releases a claim, and lists overdue cases', async () => {
    const r = await review.reviewers.newReviewer();
    const { case: flagged } = await flagAccount(review.database.db, {
      accountId: `AC-${uid()}`,
      risk: 0.75,
      reasons: [],
      dueAt: new Date(Date.now() - 60_000),
    });
    const overdue = (await review.reviewers.as(r, 'GET', '/api/cases?overdue=true')).json().cases;
    expect(overdue.find((x: { id: string }) => x.id === flagged!.id)).toMatchObject({
      overdue: true,
      assignee: null,
    });
    const claimed = (await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/claim`)).json();
    expect(claimed.assignee.id).toBe(r.id);
    const extended = (await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/extend`)).json();
    expect(Date.parse(extended.claimExpiresAt)).toBeGreaterThanOrEqual(Date.parse(claimed.claimExpiresAt));
    const mine = (await review.reviewers.as(r, 'GET', '/api/cases?assignee=me')).json().cases;
    expect(mine.map((x: { id: string }) => x.id)).toContain(flagged!.id);
    const other = await review.reviewers.newReviewer();
    expect((await review.reviewers.as(other, 'POST', `/api/cases/${flagged!.id}/release`)).statusCode).toBe(
      409,
    );
    expect(
      (await review.reviewers.as(r, 'POST', `/api/cases/${flagged!.id}/release`)).json().assignee,
    ).toBeNull();
    const events = await review.database.db
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
      review.database.db.update(caseEvents).set({ type: 'noted' }).where(eq(caseEvents.caseId, c.id)),
    ).rejects.toThrow();
    await expect(review.database.db.delete(caseEvents).where(eq(caseEvents.caseId, c.id))).rejects.toThrow();
    expect(
      await review.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)),
    ).toHaveLength(1);
  });
});
