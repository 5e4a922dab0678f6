// The privacy queries (export, erasure, retention purges) on both drivers.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getAccount, setAccountLists } from './accounts';
import type { Db } from './database';
import { countDecisions, getDecision, insertDecisions } from './decisionLog';
import { flagAccount } from './enforcement';
import { eraseAccount, exportAccount, purgeExpiredDecisions, purgeExpiredExcerpts } from './privacy';
import { caseEvents, caseMessages, cases, labels } from './schema';
import { openForSuite, testDrivers } from './testing/drivers';
import { decisionRow, uniqueId } from './testing/rows';
import { createReviewer, reason, suspend } from './testing/seed';

const DAY_MS = 24 * 3_600_000;

describe.each(testDrivers)('privacy queries on $name', (driver) => {
  let db: Db;
  openForSuite(driver, (opened) => {
    db = opened;
  });

  describe('privacy', () => {
    it('exportAccount returns everything held about the account', async () => {
      const accountId = uniqueId('AC');
      await insertDecisions(db, [decisionRow({ accountId, action: 'review', excerpt: 'masked ***' })]);
      const { suspension } = await suspend(db, accountId);
      const exported = await exportAccount(db, accountId);
      expect(exported?.account?.status).toBe('suspended');
      expect(exported?.decisions).toHaveLength(1);
      expect(exported?.suspensions.map((s) => s.id)).toEqual([suspension.id]);
      expect(exported?.notices).toHaveLength(1);
      expect(exported?.statusChanges).toHaveLength(1);
      expect(JSON.parse(JSON.stringify(exported)).accountId).toBe(accountId);
      expect(await exportAccount(db, uniqueId('AC'))).toBeNull();
    });

    it('eraseAccount keeps what an open case holds and erases the rest once it is decided', async () => {
      const accountId = uniqueId('AC');
      const rv = await createReviewer(db);
      await setAccountLists(db, accountId, { noticeEmail: 'holder@example.test' });
      await insertDecisions(db, [decisionRow({ accountId, action: 'block', excerpt: 'masked ***' })]);
      const { case: flagged } = await flagAccount(db, { accountId, risk: 0.6, reasons: [reason] });
      const caseId = flagged!.id;
      await db.insert(caseMessages).values({ caseId, author: 'holder', body: 'my personal answer' });
      await db.insert(labels).values({ caseId, accountId, messageId: 'SM1', label: 'upheld' });

      const whileOpen = await eraseAccount(db, accountId);
      expect(whileOpen.heldCaseIds).toEqual([caseId]);
      expect(whileOpen.decisionsDeleted).toBe(0);
      expect(await countDecisions(db, { accountId })).toBe(1);
      expect((await getAccount(db, accountId))?.noticeEmail).toBe('holder@example.test');

      await db
        .update(cases)
        .set({
          status: 'decided',
          outcome: 'cleared',
          decidedBy: rv,
          decidedAt: new Date(),
          rationale: 'Fine.',
        })
        .where(eq(cases.id, caseId));
      const after = await eraseAccount(db, accountId);
      expect(after).toMatchObject({
        heldCaseIds: [],
        decisionsDeleted: 1,
        caseMessagesErased: 1,
        labelsDetached: 1,
      });
      expect(await countDecisions(db, { accountId })).toBe(0);
      const account = await getAccount(db, accountId);
      expect(account).toMatchObject({ noticeEmail: null, webhookUrl: null, status: 'flagged' });
      const [message] = await db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId));
      expect(message.body).toBe('[erased]');
      // The audit trail is untouched.
      expect(await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).toHaveLength(1);
    });

    it('purgeExpiredExcerpts clears old excerpts unless an open case holds them', async () => {
      const old = new Date(Date.now() - 40 * DAY_MS);
      const held = uniqueId('AC');
      const free = uniqueId('AC');
      await flagAccount(db, { accountId: held, risk: 0.6, reasons: [reason] });
      const heldRow = decisionRow({ accountId: held, action: 'block', excerpt: 'x ***', decidedAt: old });
      const freeRow = decisionRow({ accountId: free, action: 'block', excerpt: 'y ***', decidedAt: old });
      const recentRow = decisionRow({ accountId: free, action: 'review', excerpt: 'z ***' });
      await insertDecisions(db, [heldRow, freeRow, recentRow]);
      const cleared = await purgeExpiredExcerpts(db, {
        olderThan: new Date(Date.now() - 30 * DAY_MS),
        batchSize: 1,
      });
      expect(cleared).toBeGreaterThanOrEqual(1);
      expect((await getDecision(db, freeRow.messageId))?.excerpt).toBeNull();
      expect((await getDecision(db, heldRow.messageId))?.excerpt).toBe('x ***');
      expect((await getDecision(db, recentRow.messageId))?.excerpt).toBe('z ***');
    });
  });

  it('purgeExpiredDecisions deletes old decisions unless an open case holds them', async () => {
    const veryOld = new Date(Date.now() - 3 * 365 * DAY_MS);
    const held = uniqueId('AC');
    const free = uniqueId('AC');
    await flagAccount(db, { accountId: held, risk: 0.6, reasons: [reason] });
    const rows = [
      decisionRow({ accountId: held, decidedAt: veryOld }),
      decisionRow({ accountId: free, decidedAt: veryOld }),
      decisionRow({ accountId: free, decidedAt: veryOld }),
      decisionRow({ accountId: free }),
    ];
    await insertDecisions(db, rows);
    const deleted = await purgeExpiredDecisions(db, {
      olderThan: new Date(Date.now() - 2 * 365 * DAY_MS),
      batchSize: 1,
    });
    expect(deleted).toBe(2);
    expect(await countDecisions(db, { accountId: free })).toBe(1);
    expect(await countDecisions(db, { accountId: held })).toBe(1);
  });
});
