import { and, asc, eq, inArray, isNotNull, isNull, lt, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Account, AccountStatusChange } from './accounts';
import type { Db } from './database';
import type { StoredDecision } from './decisionLog';
import type { Case, Suspension } from './enforcement';
import type { OutboxRow } from './outbox';
import {
  accountStatusChanges,
  accounts,
  appeals,
  caseEvents,
  caseMessages,
  cases,
  decisions,
  labels,
  outbox,
  suspensions,
} from './schema';

export interface AccountExport {
  accountId: string;
  exportedAt: Date;
  account: Account | null;
  statusChanges: AccountStatusChange[];
  suspensions: Suspension[];
  cases: (Case & {
    events: (typeof caseEvents.$inferSelect)[];
    messages: (typeof caseMessages.$inferSelect)[];
  })[];
  appeals: (typeof appeals.$inferSelect)[];
  decisions: StoredDecision[];
  notices: OutboxRow[];
  labels: (typeof labels.$inferSelect)[];
}

/**
 * Everything Gavel holds about one account, for a data-subject access request. Plain rows: dates
 * serialise as ISO strings with JSON.stringify. Null when nothing at all is held.
 */
export async function exportAccount(db: Db, accountId: string): Promise<AccountExport | null> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  const decisionRows = await db
    .select()
    .from(decisions)
    .where(eq(decisions.accountId, accountId))
    .orderBy(asc(decisions.decidedAt), asc(decisions.messageId));
  const labelRows = await db
    .select()
    .from(labels)
    .where(eq(labels.accountId, accountId))
    .orderBy(asc(labels.id));
  if (!account && decisionRows.length === 0 && labelRows.length === 0) return null;

  const caseRows = await db
    .select()
    .from(cases)
    .where(eq(cases.accountId, accountId))
    .orderBy(asc(cases.createdAt));
  const caseIds = caseRows.map((c) => c.id);
  const events = caseIds.length
    ? await db
        .select()
        .from(caseEvents)
        .where(inArray(caseEvents.caseId, caseIds))
        .orderBy(asc(caseEvents.id))
    : [];
  const messages = caseIds.length
    ? await db
        .select()
        .from(caseMessages)
        .where(inArray(caseMessages.caseId, caseIds))
        .orderBy(asc(caseMessages.id))
    : [];
  return {
    accountId,
    exportedAt: new Date(),
    account: account ?? null,
    statusChanges: await db
      .select()
      .from(accountStatusChanges)
      .where(eq(accountStatusChanges.accountId, accountId))
      .orderBy(asc(accountStatusChanges.id)),
    suspensions: await db
      .select()
      .from(suspensions)
      .where(eq(suspensions.accountId, accountId))
      .orderBy(asc(suspensions.openedAt)),
    cases: caseRows.map((c) => ({
      ...c,
      events: events.filter((e) => e.caseId === c.id),
      messages: messages.filter((m) => m.caseId === c.id),
    })),
    appeals: await db
      .select()
      .from(appeals)
      .where(eq(appeals.accountId, accountId))
      .orderBy(asc(appeals.submittedAt)),
    decisions: decisionRows,
    notices: await db.select().from(outbox).where(eq(outbox.accountId, accountId)).orderBy(asc(outbox.id)),
    labels: labelRows,
  };
}

export interface EraseAccountResult {
  /** Undecided cases of the account: what they hold is kept until they are decided. */
  heldCaseIds: string[];
  decisionsDeleted: number;
  appealsAnonymised: number;
  caseMessagesErased: number;
  noticesDeleted: number;
  labelsDetached: number;
  contactDetailsCleared: boolean;
}

const ERASED = '[erased]';

/**
 * Erases or anonymises what Gavel holds about an account, in one transaction, except what an open
 * (undecided) case holds: its appeal, its messages, the account's decisions (the case's evidence), the
 * notice contacts and pending notices (the outcome must reach the holder). Kept by design: the account
 * row's status and list flags (enforcement must survive erasure), suspensions with their statements
 * (the record of a restriction the DSA requires), status changes and the append-only case_events (no
 * personal data by contract). Run it again after the case is decided to finish the job.
 */
export async function eraseAccount(db: Db, accountId: string): Promise<EraseAccountResult> {
  return db.transaction(async (tx) => {
    // Lock the account so a case cannot open halfway through (flagAccount locks it too).
    await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
    const held = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.accountId, accountId), ne(cases.status, 'decided')));
    const heldCaseIds = held.map((c) => c.id);
    const isHeld = heldCaseIds.length > 0;
    const decidedCaseIds = (
      await tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.accountId, accountId), eq(cases.status, 'decided')))
    ).map((c) => c.id);

    let decisionsDeleted = 0;
    if (!isHeld) {
      decisionsDeleted = (
        await tx
          .delete(decisions)
          .where(eq(decisions.accountId, accountId))
          .returning({ id: decisions.messageId })
      ).length;
    }

    const appealsAnonymised = (
      await tx
        .update(appeals)
        .set({ explanation: '', contactEmail: null, changes: null })
        .where(
          and(
            eq(appeals.accountId, accountId),
            isHeld ? notInArray(appeals.caseId, heldCaseIds) : undefined,
            or(ne(appeals.explanation, ''), isNotNull(appeals.contactEmail), isNotNull(appeals.changes)),
          ),
        )
        .returning({ id: appeals.id })
    ).length;

    const caseMessagesErased = decidedCaseIds.length
      ? (
          await tx
            .update(caseMessages)
            .set({ body: ERASED })
            .where(and(inArray(caseMessages.caseId, decidedCaseIds), ne(caseMessages.body, ERASED)))
            .returning({ id: caseMessages.id })
        ).length
      : 0;

    const noticesDeleted = (
      await tx
        .delete(outbox)
        .where(and(eq(outbox.accountId, accountId), isHeld ? ne(outbox.status, 'pending') : undefined))
        .returning({ id: outbox.id })
    ).length;

    const labelsDetached = (
      await tx
        .update(labels)
        .set({ accountId: null, messageId: null })
        .where(
          and(
            eq(labels.accountId, accountId),
            isHeld ? or(isNull(labels.caseId), notInArray(labels.caseId, heldCaseIds)) : undefined,
          ),
        )
        .returning({ id: labels.id })
    ).length;

    let contactDetailsCleared = false;
    if (!isHeld) {
      const cleared = await tx
        .update(accounts)
        .set({ noticeEmail: null, webhookUrl: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(accounts.id, accountId),
            or(isNotNull(accounts.noticeEmail), isNotNull(accounts.webhookUrl)),
          ),
        )
        .returning({ id: accounts.id });
      contactDetailsCleared = cleared.length > 0;
    }

    return {
      heldCaseIds,
      decisionsDeleted,
      appealsAnonymised,
      caseMessagesErased,
      noticesDeleted,
      labelsDetached,
      contactDetailsCleared,
    };
  });
}

/**
 * One batch of the decisions retention may touch: decided before `olderThan`, of an account no
 * undecided case holds (they are that case's evidence), and matching `also` when given.
 */
function expiredDecisionBatch(db: Db, olderThan: Date, batchSize: number, also?: SQL) {
  return db
    .select({ messageId: decisions.messageId })
    .from(decisions)
    .where(
      and(
        also,
        lt(decisions.decidedAt, olderThan),
        sql`not exists (select 1 from ${cases} where ${cases.accountId} = ${decisions.accountId} and ${cases.status} <> 'decided')`,
      ),
    )
    .limit(batchSize);
}

/** Runs `batch` until one touches fewer than `batchSize` rows; returns the rows touched in all. */
async function inBatches(batchSize: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const touched = await batch();
    total += touched;
    if (touched < batchSize) return total;
  }
}

/**
 * Retention: clears redacted excerpts of decisions older than `olderThan` (30 days by policy) unless an
 * undecided case of the account holds them. Works in batches so a large backlog never holds long locks.
 * Returns how many excerpts were cleared.
 */
export async function purgeExpiredExcerpts(
  db: Db,
  opts: { olderThan: Date; batchSize?: number },
): Promise<number> {
  const batchSize = opts.batchSize ?? 5_000;
  return inBatches(batchSize, async () => {
    const expired = expiredDecisionBatch(db, opts.olderThan, batchSize, isNotNull(decisions.excerpt));
    const cleared = await db
      .update(decisions)
      .set({ excerpt: null })
      .where(and(inArray(decisions.messageId, expired), isNotNull(decisions.excerpt)))
      .returning({ id: decisions.messageId });
    return cleared.length;
  });
}

/**
 * Retention of the decision log itself (policy decides the period, e.g. 13 months): deletes decisions
 * older than `olderThan` in batches, except those of accounts with an undecided case (its evidence).
 * Returns how many were deleted.
 */
export async function purgeExpiredDecisions(
  db: Db,
  opts: { olderThan: Date; batchSize?: number },
): Promise<number> {
  const batchSize = opts.batchSize ?? 5_000;
  return inBatches(batchSize, async () => {
    const expired = expiredDecisionBatch(db, opts.olderThan, batchSize);
    const deleted = await db
      .delete(decisions)
      .where(inArray(decisions.messageId, expired))
      .returning({ id: decisions.messageId });
    return deleted.length;
  });
}
