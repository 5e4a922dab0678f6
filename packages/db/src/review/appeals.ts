import { and, desc, eq, gte, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { newAppealReference, newId } from '../ids';
import { appeals, caseEvents, caseMessages, cases, decisions, type suspensions } from '../schema';
import { APPEAL_PRIORITY, type CaseRow } from './cases';
import { blockedWhileSuspended, EVIDENCE_SLACK_MS, type EvidenceDecision, evidenceColumns } from './evidence';

export type AppealRow = typeof appeals.$inferSelect;
type SuspensionRow = typeof suspensions.$inferSelect;

export async function getAppealBySuspension(db: Db, suspensionId: string): Promise<AppealRow | null> {
  const [row] = await db.select().from(appeals).where(eq(appeals.suspensionId, suspensionId));
  return row ?? null;
}

export async function getAppealByCase(db: Db, caseId: string): Promise<AppealRow | null> {
  const [row] = await db.select().from(appeals).where(eq(appeals.caseId, caseId));
  return row ?? null;
}

export async function getAppealCase(db: Db, suspensionId: string): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.suspensionId, suspensionId), eq(cases.kind, 'appeal')));
  return row ?? null;
}

export interface SubmitAppealInput {
  suspension: Pick<SuspensionRow, 'id' | 'accountId'>;
  explanation: string;
  contactEmail: string;
  changes: string | null;
  dueAt: Date;
  now?: Date;
}

export interface SubmitAppealResult {
  appeal: AppealRow;
  case: CaseRow;
  /** false when this suspension already had its appeal (a double submit): the first one is returned. */
  created: boolean;
}

/**
 * Exactly one appeal per suspension, in SQL: the appeal case is inserted ON CONFLICT DO NOTHING (unique
 * on suspension for appeals) and so is the appeal (unique on suspension_id). Two concurrent submits
 * serialise on those indexes; the second sees the first's rows and writes nothing.
 */
export async function submitAppeal(db: Db, input: SubmitAppealInput): Promise<SubmitAppealResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [insertedCase] = await tx
      .insert(cases)
      .values({
        id: newId('cs'),
        kind: 'appeal',
        accountId: input.suspension.accountId,
        suspensionId: input.suspension.id,
        status: 'open',
        priority: APPEAL_PRIORITY,
        dueAt: input.dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const appealCase = insertedCase ?? (await getAppealCase(tx, input.suspension.id));
    if (!appealCase) throw new Error('appeal case missing after insert');

    // The reference is 30 random bits: on the rare collision with another appeal's id, draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [appeal] = await tx
        .insert(appeals)
        .values({
          id: newAppealReference(),
          suspensionId: input.suspension.id,
          caseId: appealCase.id,
          accountId: input.suspension.accountId,
          explanation: input.explanation,
          contactEmail: input.contactEmail,
          changes: input.changes,
          status: 'received',
          submittedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (appeal) {
        await tx.insert(caseEvents).values({
          caseId: appealCase.id,
          type: 'opened',
          actorType: 'holder',
          data: { kind: 'appeal', appeal: appeal.id, suspension: input.suspension.id },
          at: now,
        });
        return { appeal, case: appealCase, created: true };
      }
      const existing = await getAppealBySuspension(tx, input.suspension.id);
      if (existing) return { appeal: existing, case: appealCase, created: false };
    }
    throw new Error('could not allocate an appeal reference');
  });
}

/**
 * The holder answers the reviewer's question: the message is stored, the appeal goes back to "in
 * review" and the case back to the queue. Null when no question is waiting (answered already, or
 * decided): the appeal row lock makes a double submit answer once.
 */
export async function answerAppealQuestion(
  db: Db,
  input: { suspensionId: string; answer: string; now?: Date },
): Promise<AppealRow | null> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [appeal] = await tx
      .select()
      .from(appeals)
      .where(eq(appeals.suspensionId, input.suspensionId))
      .for('update');
    if (appeal?.status !== 'info_requested') return null;
    const [message] = await tx
      .insert(caseMessages)
      .values({ caseId: appeal.caseId, author: 'holder', body: input.answer, createdAt: now })
      .returning({ id: caseMessages.id });
    const [updated] = await tx
      .update(appeals)
      .set({ status: 'in_review' })
      .where(eq(appeals.id, appeal.id))
      .returning();
    await tx
      .update(cases)
      .set({ status: 'open', updatedAt: now, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.id, appeal.caseId), eq(cases.status, 'awaiting_info')));
    await tx.insert(caseEvents).values({
      caseId: appeal.caseId,
      type: 'answered',
      actorType: 'holder',
      data: { message: message.id },
      at: now,
    });
    return updated;
  });
}

/**
 * The decisions behind a suspension: the account's review/block decisions in the 24 hours up to the
 * suspension (plus the write slack), excluding blocks that only repeat "account suspended" (the same
 * window `countEvidence` counts). Highest score first.
 */
export async function listSuspensionEvidence(
  db: Db,
  suspension: Pick<SuspensionRow, 'accountId' | 'openedAt'>,
  opts: { limit?: number; withExcerptOnly?: boolean } = {},
): Promise<EvidenceDecision[]> {
  const until = new Date(suspension.openedAt.getTime() + EVIDENCE_SLACK_MS);
  const since = new Date(suspension.openedAt.getTime() - 86_400_000);
  const rows = await db
    .select(evidenceColumns)
    .from(decisions)
    .where(
      and(
        eq(decisions.accountId, suspension.accountId),
        ne(decisions.action, 'allow'),
        lte(decisions.decidedAt, until),
        gte(decisions.decidedAt, since),
        // The message that tipped the account over is evidence (logged a moment after the
        // suspension); blocks that only repeat the suspension are not.
        sql`not ${blockedWhileSuspended()}`,
        opts.withExcerptOnly ? isNotNull(decisions.excerpt) : undefined,
      ),
    )
    .orderBy(desc(decisions.score), desc(decisions.decidedAt))
    .limit(Math.min(Math.max(opts.limit ?? 200, 1), 1000));
  return rows;
}
