import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../database';
import {
  type ActorType,
  type AppealStatus,
  appeals,
  type CaseEventType,
  type CaseMessageAuthor,
  caseEvents,
  caseMessages,
  cases,
  type LabelValue,
  labels,
  suspensions,
} from '../schema';
import type { CaseRow } from './cases';
import type { EvidenceDecision } from './evidence';

/**
 * Runs `fn` in one transaction with the case row locked (`FOR UPDATE`). Two reviewers acting on one
 * case serialise here: the second sees the first's committed result (e.g. status 'decided') and can
 * refuse with a conflict instead of acting twice. Null when the case does not exist.
 */
export async function withLockedCase<T>(
  db: Db,
  caseId: string,
  fn: (tx: Db, locked: CaseRow) => Promise<T>,
): Promise<T | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!row) return null;
    return fn(tx, row);
  });
}

/** Updates the locked case with an optimistic `version` guard; throws when the guard fails. */
export async function updateLockedCase(
  tx: Db,
  locked: CaseRow,
  set: Partial<Omit<typeof cases.$inferInsert, 'id' | 'version'>>,
  now: Date = new Date(),
): Promise<CaseRow> {
  const [row] = await tx
    .update(cases)
    .set({ ...set, updatedAt: now, version: sql`${cases.version} + 1` })
    .where(and(eq(cases.id, locked.id), eq(cases.version, locked.version)))
    .returning();
  if (!row) throw new Error('case changed under a row lock');
  return row;
}

export async function appendCaseEvent(
  tx: Db,
  event: {
    caseId: string;
    type: CaseEventType;
    actorType: ActorType;
    actorId?: string | null;
    data?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId: event.caseId,
    type: event.type,
    actorType: event.actorType,
    actorId: event.actorId ?? null,
    data: event.data ?? {},
    at: event.at ?? new Date(),
  });
}

export async function addCaseMessage(
  tx: Db,
  message: { caseId: string; author: CaseMessageAuthor; authorId?: string | null; body: string; at?: Date },
): Promise<number> {
  const [row] = await tx
    .insert(caseMessages)
    .values({
      caseId: message.caseId,
      author: message.author,
      authorId: message.authorId ?? null,
      body: message.body,
      createdAt: message.at ?? new Date(),
    })
    .returning({ id: caseMessages.id });
  return row.id;
}

export async function setAppealStatusForCase(
  tx: Db,
  caseId: string,
  status: AppealStatus,
  at: Date = new Date(),
): Promise<void> {
  await tx
    .update(appeals)
    .set({ status, decidedAt: status === 'decided' ? at : null })
    .where(eq(appeals.caseId, caseId));
}

/** Lifts an open suspension (reinstatement). False when it was not open. */
export async function liftSuspension(tx: Db, suspensionId: string, at: Date = new Date()): Promise<boolean> {
  const rows = await tx
    .update(suspensions)
    .set({ status: 'lifted', closedAt: at })
    .where(and(eq(suspensions.id, suspensionId), eq(suspensions.status, 'open')))
    .returning({ id: suspensions.id });
  return rows.length > 0;
}

/**
 * Training labels from a case's outcome: one row per evidence decision with its feature snapshot,
 * score and reasons. Idempotent per (case, message).
 */
export async function insertOutcomeLabels(
  tx: Db,
  input: {
    caseId: string;
    accountId: string;
    suspensionId: string | null;
    label: LabelValue;
    evidence: EvidenceDecision[];
  },
): Promise<number> {
  if (input.evidence.length === 0) return 0;
  const rows = await tx
    .insert(labels)
    .values(
      input.evidence.map((d) => ({
        messageId: d.messageId,
        accountId: input.accountId,
        caseId: input.caseId,
        suspensionId: input.suspensionId,
        label: input.label,
        modelVersion: d.modelVersion,
        features: {
          ...(d.features ?? {}),
          score: d.score,
          action: d.action,
          reasons: d.reasons.map((r) => r.code),
        },
      })),
    )
    .onConflictDoNothing()
    .returning({ id: labels.id });
  return rows.length;
}

/**
 * Closes the account's other undecided flagged cases with the decision just taken on `decidedCaseId`
 * (an appeal's outcome settles the flag that preceded the suspension): each gets the outcome, the
 * deciding reviewer, a rationale naming the case, `closed_with_case_id`, and its own 'decided' event.
 * A flagged case being acted on concurrently is locked by that action; this update waits for it and
 * then skips it if it was decided meanwhile (`status <> 'decided'`). Returns the closed case ids.
 */
export async function closeLinkedFlaggedCases(
  tx: Db,
  input: {
    accountId: string;
    decidedCaseId: string;
    outcome: 'cleared' | 'suspended';
    rationale: string;
    decidedBy: string;
    at: Date;
  },
): Promise<string[]> {
  const closed = await tx
    .update(cases)
    .set({
      status: 'decided',
      outcome: input.outcome,
      rationale: input.rationale,
      decidedBy: input.decidedBy,
      decidedAt: input.at,
      closedWithCaseId: input.decidedCaseId,
      assigneeId: null,
      claimedAt: null,
      claimExpiresAt: null,
      updatedAt: input.at,
      version: sql`${cases.version} + 1`,
    })
    .where(
      and(
        eq(cases.accountId, input.accountId),
        eq(cases.kind, 'flagged'),
        ne(cases.status, 'decided'),
        ne(cases.id, input.decidedCaseId),
      ),
    )
    .returning({ id: cases.id });
  for (const c of closed) {
    await tx.insert(caseEvents).values({
      caseId: c.id,
      type: 'decided',
      actorType: 'reviewer',
      actorId: input.decidedBy,
      data: { outcome: input.outcome, rationale: input.rationale, closedWith: input.decidedCaseId },
      at: input.at,
    });
  }
  return closed.map((c) => c.id);
}

/** The account's most recent decision (whatever case the reviewer is looking at). */
export async function latestAccountDecision(db: Db, accountId: string): Promise<CaseRow | null> {
  const [row] = await db
    .select()
    .from(cases)
    // A case closed along with another carries that other's decision: the other is the one to show.
    .where(and(eq(cases.accountId, accountId), eq(cases.status, 'decided'), isNull(cases.closedWithCaseId)))
    .orderBy(desc(cases.decidedAt), desc(cases.id))
    .limit(1);
  return row ?? null;
}
