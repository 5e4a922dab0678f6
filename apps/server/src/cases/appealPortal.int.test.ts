import { appeals, caseEvents, cases } from '@gavel/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signAppealToken } from '../notices/appealToken';
import { ADMIN, appealBody, DAY_MS, reviewFixture } from './reviewFixture';

// What the holder of a suspended account sees and can do through the link in their notice, and the
// small things a person meets on the way (a second appeal, a wrong sign-in, the API docs page).

const review = reviewFixture();
const { suspendedAccount, submitAppeal, caseOfSuspension } = review;

describe('appeal portal', () => {
  it('shows the statement of reasons with DSA fields and up to three redacted examples', async () => {
    const s = await suspendedAccount();
    const res = await review.app.inject({ method: 'GET', url: `/api/appeal/${s.token}` });
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
    const rows = await review.database.db
      .select()
      .from(appeals)
      .where(eq(appeals.suspensionId, t.suspensionId));
    expect(rows).toHaveLength(1);
    const caseRows = await review.database.db
      .select()
      .from(cases)
      .where(eq(cases.suspensionId, t.suspensionId));
    expect(caseRows).toHaveLength(1);
    expect(caseRows[0]).toMatchObject({ kind: 'appeal', status: 'open' });
    // Due APPEAL_DUE_HOURS (24 h by default) after the appeal.
    const dueInHours = (caseRows[0].dueAt.getTime() - Date.now()) / 3_600_000;
    expect(dueInHours).toBeGreaterThan(23.9);
    expect(dueInHours).toBeLessThanOrEqual(24);
    const opened = await review.database.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseRows[0].id));
    expect(opened.map((e) => e.type)).toEqual(['opened']);
  });

  it('refuses a too-short explanation with a field error', async () => {
    const s = await suspendedAccount();
    const res = await review.app.inject({
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
      review.secret,
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
        review.app.inject({ method: 'GET', url: `/api/appeal/${t}` }),
      ),
    );
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(answers[0].body);
    }
    const post = await review.app.inject({
      method: 'POST',
      url: `/api/appeal/${tampered}`,
      payload: appealBody,
    });
    expect(post.statusCode).toBe(404);
    expect(post.body).toBe(answers[0].body);
  });

  it("does not let another suspension's token read or act on this case", async () => {
    const mine = await suspendedAccount();
    const other = await suspendedAccount();
    await submitAppeal(mine.token);
    const lead = await review.reviewers.newReviewer('lead');
    const c = await caseOfSuspension(mine.suspensionId);
    expect((await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/claim`)).statusCode).toBe(200);
    const asked = await review.reviewers.as(lead, 'POST', `/api/cases/${c.id}/actions`, {
      type: 'ask',
      rationale: 'Need the opt-in records',
      question: 'Where did these recipients opt in?',
    });
    expect(asked.statusCode).toBe(200);

    const otherView = (await review.app.inject({ method: 'GET', url: `/api/appeal/${other.token}` })).json();
    expect(otherView.suspension.id).toBe(other.suspensionId);
    expect(otherView.messages).toEqual([]);
    expect(JSON.stringify(otherView)).not.toContain('opt in');
    const answer = await review.app.inject({
      method: 'POST',
      url: `/api/appeal/${other.token}/answers`,
      payload: { answer: 'An answer to a question that is not mine' },
    });
    expect(answer.statusCode).toBe(409);
    expect((await caseOfSuspension(mine.suspensionId)).status).toBe('awaiting_info');

    // The holder of this case answers through their own link, and the case returns to the queue.
    const mineAnswer = await review.app.inject({
      method: 'POST',
      url: `/api/appeal/${mine.token}/answers`,
      payload: { answer: 'On our checkout page, with a checkbox.' },
    });
    expect(mineAnswer.statusCode).toBe(200);
    expect(mineAnswer.json().appeal.status).toBe('in_review');
    expect((await caseOfSuspension(mine.suspensionId)).status).toBe('open');
  });

  it('documents the review API in the OpenAPI document', async () => {
    const doc = (await review.app.inject({ method: 'GET', url: '/openapi.json' })).json();
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
      const res = await review.app.inject({ method: 'GET', url: '/api/cases', headers });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('small things a person sees', () => {
  it('refuses a second, different appeal on the same link with APPEAL_ALREADY_SUBMITTED; a retry still answers', async () => {
    const s = await suspendedAccount();
    const first = await submitAppeal(s.token);
    const retry = await review.app.inject({
      method: 'POST',
      url: `/api/appeal/${s.token}`,
      payload: appealBody,
    });
    expect(retry.statusCode).toBe(200);
    const other = await review.app.inject({
      method: 'POST',
      url: `/api/appeal/${s.token}`,
      payload: { ...appealBody, explanation: 'A different text written in a second browser tab, later on.' },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'APPEAL_ALREADY_SUBMITTED' });
    expect(other.json().detail).toContain(first.appeal.reference);
    const [row] = await review.database.db
      .select()
      .from(appeals)
      .where(eq(appeals.suspensionId, s.suspensionId));
    expect(row.explanation).toBe(appealBody.explanation);
  });

  it('a wrong sign-in says nothing about API keys', async () => {
    const res = await review.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: ADMIN.email, password: 'not-the-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(res.json())).not.toMatch(/API key/i);
  });

  it('serves /docs with a CSP that does not upgrade plain http', async () => {
    const first = await review.app.inject({ method: 'GET', url: '/docs' });
    const res =
      first.statusCode === 302
        ? await review.app.inject({
            method: 'GET',
            url: String(first.headers.location).replace(/^\.\//, '/docs/'),
          })
        : first;
    expect(res.statusCode, String(first.headers.location)).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
