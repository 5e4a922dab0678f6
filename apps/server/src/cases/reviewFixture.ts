// What the review integration tests (appealPortal, reviewQueue, oneRestriction) share: one Gavel with
// the scoring and review roles on its own database, and the cases they build through it. Each file
// calls `reviewFixture()` once at its top level: that starts its app before its tests and closes it after.
import { randomBytes } from 'node:crypto';
import { type DecisionRow, insertDecisions, suspendAccount } from '@gavel/db';
import { cases, decisionRow } from '@gavel/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { signAppealToken } from '../notices/appealToken';
import { type OwnGavel, scoreOk, startGavelOnOwnDatabase } from '../testing';

export const ADMIN = { email: 'admin@gavel.test', password: 'admin-password-123' };
export const DAY_MS = 86_400_000;

export const uid = () => randomBytes(5).toString('hex');

export interface Suspended {
  accountId: string;
  suspensionId: string;
  token: string;
}

export const appealBody = {
  explanation: 'These were delivery notices our customers asked for; the links are our own tracking pages.',
  contactEmail: 'holder@example.com',
};

export const PHISHING = {
  code: 'SHORTENED_URL' as const,
  message: 'Link through a URL shortener',
  weight: 0.4,
};

export function blockedDecision(
  accountId: string,
  at: Date,
  excerpt: string | null,
  score = 0.95,
): DecisionRow {
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
export function suspendedBlock(accountId: string, at: Date): DecisionRow {
  return {
    ...blockedDecision(accountId, at, null, 1),
    reasons: [{ code: 'ACCOUNT_SUSPENDED', message: 'The account is suspended', weight: 1 }],
    accountStatus: 'suspended',
  };
}

export function reviewFixture() {
  let gavel: OwnGavel | undefined;

  beforeAll(async () => {
    gavel = await startGavelOnOwnDatabase({
      admin: ADMIN,
      env: {
        ROLES: 'scoring,review',
        // The claim race in reviewQueue.int.test.ts leaves each reviewer holding 100 cases; the cap
        // has its own test (claimLimit.int.test.ts).
        MAX_CLAIMS_PER_REVIEWER: '1000',
      },
    });
  });

  afterAll(async () => {
    await gavel?.close();
  });

  const started = (): OwnGavel => {
    if (!gavel) throw new Error('reviewFixture: the app starts in beforeAll; use it inside a test');
    return gavel;
  };

  /** An automated suspension with two blocked decisions as its evidence (as the scoring role leaves it). */
  async function suspendedAccount(opts: { decidedBy?: string; accountId?: string } = {}): Promise<Suspended> {
    const { app, database, config } = started();
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
      config.secret,
    );
    return { accountId, suspensionId: suspension.id, token };
  }

  async function submitAppeal(token: string) {
    const { app } = started();
    const res = await app.inject({ method: 'POST', url: `/api/appeal/${token}`, payload: appealBody });
    expect([200, 201]).toContain(res.statusCode);
    return res.json() as { appeal: { reference: string; status: string } };
  }

  async function caseOfSuspension(suspensionId: string) {
    const { database } = started();
    const [row] = await database.db.select().from(cases).where(eq(cases.suspensionId, suspensionId));
    return row;
  }

  async function score(accountId: string, body: string) {
    return scoreOk(started(), {
      messageId: `SM-${uid()}`,
      accountId,
      channel: 'sms',
      from: '+15005550006',
      to: '+447700900123',
      body,
    });
  }

  return {
    get app() {
      return started().app;
    },
    get database() {
      return started().database;
    },
    get reviewers() {
      return started().reviewers;
    },
    /** The app's SECRET, which signs appeal links. */
    get secret() {
      return started().config.secret;
    },
    suspendedAccount,
    submitAppeal,
    caseOfSuspension,
    score,
  };
}
