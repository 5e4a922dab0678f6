import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { flagAccount } from '../enforcement';
import { newAppealReference, newId } from '../ids';
import { appeals, caseEvents, cases, reviewers } from '../schema';
import { openForSuite, testDrivers } from '../testing/drivers';
import { uniqueId } from '../testing/rows';
import { createReviewer, reason, rejected, suspend } from '../testing/seed';

const DAY_MS = 24 * 3_600_000;

describe.each(testDrivers)('review tables on $name', (driver) => {
  let db: Db;
  openForSuite(driver, (opened) => {
    db = opened;
  });

  describe('review tables', () => {
    async function openAppealCase(accountId: string) {
      const { suspension } = await suspend(db, accountId);
      const caseId = newId('cs');
      await db.insert(cases).values({
        id: caseId,
        kind: 'appeal',
        accountId,
        suspensionId: suspension.id,
        priority: 10,
        dueAt: new Date(Date.now() + DAY_MS),
      });
      return { suspension, caseId };
    }

    it('case_events is append-only: UPDATE and DELETE are rejected by a trigger', async () => {
      const accountId = uniqueId('AC');
      const { case: flagged } = await flagAccount(db, { accountId, risk: 0.6, reasons: [reason] });
      const caseId = flagged!.id;
      await db.insert(caseEvents).values({ caseId, type: 'noted', actorType: 'system' });
      expect(
        await rejected(db.update(caseEvents).set({ type: 'claimed' }).where(eq(caseEvents.caseId, caseId))),
      ).toBe('GV001');
      expect(await rejected(db.delete(caseEvents).where(eq(caseEvents.caseId, caseId)))).toBe('GV001');
      expect(await rejected(db.execute(sql`truncate ${caseEvents}`))).toBe('GV001');
      expect(await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId))).toHaveLength(2);
    });

    it('exactly one appeal per suspension and one appeal case per suspension', async () => {
      const accountId = uniqueId('AC');
      const { suspension, caseId } = await openAppealCase(accountId);
      const appeal = {
        suspensionId: suspension.id,
        caseId,
        accountId,
        explanation: 'I only send delivery notifications to my own customers.',
        contactEmail: 'holder@example.test',
      };
      const [first] = await db
        .insert(appeals)
        .values({ id: newAppealReference(), ...appeal })
        .returning();
      expect(first.id).toMatch(/^AP-[0-9A-HJKMNP-TV-Z]{6}$/);
      const again = await db
        .insert(appeals)
        .values({ id: newAppealReference(), ...appeal })
        .onConflictDoNothing({ target: appeals.suspensionId })
        .returning();
      expect(again).toHaveLength(0);
      const secondCase = db.insert(cases).values({
        id: newId('cs'),
        kind: 'appeal',
        accountId,
        suspensionId: suspension.id,
        dueAt: new Date(),
      });
      expect(await rejected(secondCase)).toBe('23505');
    });

    it('a decided case needs an outcome of its kind, a human decider and a rationale', async () => {
      const accountId = uniqueId('AC');
      const { caseId } = await openAppealCase(accountId);
      const rv = await createReviewer(db);
      const decide = (set: Partial<typeof cases.$inferInsert>) =>
        db
          .update(cases)
          .set({ status: 'decided', decidedAt: new Date(), ...set })
          .where(eq(cases.id, caseId));
      expect(await rejected(decide({ outcome: 'reinstated', decidedBy: rv }))).toBe('23514'); // no rationale
      expect(await rejected(decide({ outcome: 'cleared', decidedBy: rv, rationale: 'ok' }))).toBe('23514'); // wrong kind
      expect(await rejected(decide({ outcome: 'reinstated', rationale: 'ok' }))).toBe('23514'); // nobody decided
      expect(
        await rejected(decide({ outcome: 'reinstated', decidedBy: rv, rationale: 'Sender verified.' })),
      ).toBeUndefined();
    });

    it('the reviewer who decided a suspension cannot decide its appeal', async () => {
      const accountId = uniqueId('AC');
      const original = await createReviewer(db);
      const other = await createReviewer(db);
      const { suspension } = await suspend(db, accountId, { decidedBy: original });
      const caseId = newId('cs');
      await db
        .insert(cases)
        .values({ id: caseId, kind: 'appeal', accountId, suspensionId: suspension.id, dueAt: new Date() });
      const decideBy = (reviewerId: string) =>
        db
          .update(cases)
          .set({
            status: 'decided',
            outcome: 'upheld',
            decidedBy: reviewerId,
            decidedAt: new Date(),
            rationale: 'Confirmed.',
          })
          .where(eq(cases.id, caseId));
      expect(await rejected(decideBy(original))).toBe('GV002');
      expect(await rejected(decideBy(other))).toBeUndefined();
    });

    it('at most one undecided flagged case per account; reviewers emails are lower-case and unique', async () => {
      const accountId = uniqueId('AC');
      await flagAccount(db, { accountId, risk: 0.6, reasons: [reason] });
      const second = db
        .insert(cases)
        .values({ id: newId('cs'), kind: 'flagged', accountId, dueAt: new Date() });
      expect(await rejected(second)).toBe('23505');
      const upper = db
        .insert(reviewers)
        .values({ id: newId('rv'), email: 'Ann@Example.test', name: 'Ann', passwordHash: 'x' });
      expect(await rejected(upper)).toBe('23514');
    });
  });
});
