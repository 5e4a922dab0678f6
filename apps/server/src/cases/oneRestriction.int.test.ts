import { executeRows, flagAccount, insertDecisions, suspendAccount } from '@gavel/db';
import { cases } from '@gavel/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signAppealToken } from '../notices/appealToken';
import { blockedDecision, DAY_MS, PHISHING, reviewFixture, suspendedBlock, uid } from './reviewFixture';

// What the holder and the reviewer are shown about one restriction: one account, one suspension,
// one set of numbers from the decision log, whichever case or page they look at.

const review = reviewFixture();
const { suspendedAccount, submitAppeal, caseOfSuspension } = review;

describe('one restriction, one story', () => {
  it('an appeal decision closes the stale flagged case, so it cannot suspend the reinstated account again', async () => {
    const accountId = `AC-${uid()}`;
    const flag = await flagAccount(review.database.db, { accountId, risk: 0.7, reasons: [PHISHING] });
    const s = await suspendedAccount({ accountId });
    await submitAppeal(s.token);
    const appealCase = await caseOfSuspension(s.suspensionId);
    const r = await review.reviewers.newReviewer();
    expect((await review.reviewers.as(r, 'POST', `/api/cases/${appealCase.id}/claim`)).statusCode).toBe(200);
    const decided = await review.reviewers.as(r, 'POST', `/api/cases/${appealCase.id}/actions`, {
      type: 'reinstate',
      rationale: 'Own tracking links, confirmed.',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const [stale] = await review.database.db.select().from(cases).where(eq(cases.id, flag.case!.id));
    expect(stale).toMatchObject({ status: 'decided', outcome: 'cleared', closedWithCaseId: appealCase.id });
    // Another reviewer cannot pick it up and "uphold" it into a second suspension.
    const other = await review.reviewers.newReviewer();
    const claim = await review.reviewers.as(other, 'POST', `/api/cases/${flag.case!.id}/claim`);
    expect(claim.statusCode).toBe(409);
    expect((await review.reviewers.as(other, 'POST', '/api/cases/claim-next')).json().case?.id).not.toBe(
      flag.case!.id,
    );
    expect((await review.app.signals.getSignals(accountId)).status).toBe('active');

    // The stale case's page says where the account stands now and what was decided last.
    const page = (await review.reviewers.as(other, 'GET', `/api/cases/${flag.case!.id}`)).json();
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
    await insertDecisions(review.database.db, [
      blockedDecision(accountId, new Date(now - 20_000), 'Pay the fee at http://bit.ly/***', 0.97),
      blockedDecision(accountId, new Date(now - 10_000), 'Pay the fee at http://bit.ly/***', 0.96),
    ]);
    const trigger = 'Your parcel is held: http://tinyurl.com/***';
    const suspensionId = await review.app.enforcement.suspend({
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
    await insertDecisions(review.database.db, [
      {
        ...blockedDecision(accountId, new Date(), trigger, 0.9),
        reasons: [{ code: 'ACCOUNT_SUSPENDED', message: 'suspended', weight: 1 }, PHISHING],
      },
      suspendedBlock(accountId, new Date(Date.now() + 5)),
      suspendedBlock(accountId, new Date(Date.now() + 10)),
    ]);

    const [suspension] = await executeRows<{ statement: Record<string, unknown> }>(
      review.database.db,
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
      review.secret,
    );
    const view = (await review.app.inject({ method: 'GET', url: `/api/appeal/${token}` })).json();
    expect(view.examples).toEqual([trigger, 'Pay the fee at http://bit.ly/***']);

    // The case page counts with the same query: the same numbers, suspension-only blocks apart.
    await submitAppeal(token);
    const c = await caseOfSuspension(suspensionId!);
    const r = await review.reviewers.newReviewer();
    const page = (await review.reviewers.as(r, 'GET', `/api/cases/${c.id}`)).json();
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
    await insertDecisions(review.database.db, [
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
    const { suspension } = await suspendAccount(review.database.db, {
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
      review.secret,
    );
    await submitAppeal(token);
    const r = await review.reviewers.newReviewer();
    const rows = (
      await review.reviewers.as(r, 'GET', '/api/cases?kind=appeal&reason=DESTINATION_CONCENTRATION')
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
    await insertDecisions(review.database.db, [
      blockedDecision(low, new Date(at.getTime() - 1000), null, 0.81),
      blockedDecision(high, new Date(at.getTime() - 1000), null, 0.99),
    ]);
    await flagAccount(review.database.db, { accountId: low, risk: 0.6, reasons: [PHISHING], at });
    await flagAccount(review.database.db, { accountId: high, risk: 0.6, reasons: [PHISHING], at });
    const r = await review.reviewers.newReviewer();
    const list = (
      await review.reviewers.as(
        r,
        'GET',
        '/api/cases?kind=flagged&sort=-score&minScore=0.8&reason=SHORTENED_URL',
      )
    )
      .json()
      .cases.map((x: { accountId: string }) => x.accountId);
    expect(list.indexOf(high)).toBeGreaterThanOrEqual(0);
    expect(list.indexOf(high)).toBeLessThan(list.indexOf(low));
    const strict = (await review.reviewers.as(r, 'GET', '/api/cases?kind=flagged&minScore=0.9')).json().cases;
    expect(strict.map((x: { accountId: string }) => x.accountId)).not.toContain(low);
  });
});
