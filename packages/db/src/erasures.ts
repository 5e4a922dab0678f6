import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from './database';
import { type EraseAccountResult, eraseAccount } from './privacy';
import { accountErasures, cases, jobRuns, suspensions } from './schema';

export type ErasureRow = typeof accountErasures.$inferSelect;

/** What an open case holds back from an erasure, and why (stored in the request's audit row). */
export interface KeptByCase {
  caseId: string;
  kind: string;
  holds: string[];
  reason: string;
}

/** Counts of what the passes of one request erased, summed over the first request and its follow-ups. */
export type ErasedCounts = Omit<EraseAccountResult, 'heldCaseIds' | 'contactDetailsCleared'> & {
  contactDetailsCleared: boolean;
  signalKeysDeleted: number;
};

export interface ErasureOutcome {
  erasure: ErasureRow;
  /** This pass only (the audit row carries the sums). */
  pass: EraseAccountResult;
  /** Nothing was left to erase and no case holds anything back: a repeat. */
  nothingLeft: boolean;
}

const ZERO: ErasedCounts = {
  decisionsDeleted: 0,
  appealsAnonymised: 0,
  caseMessagesErased: 0,
  noticesDeleted: 0,
  labelsDetached: 0,
  contactDetailsCleared: false,
  signalKeysDeleted: 0,
};

function sumCounts(stored: Record<string, unknown>, add: Partial<ErasedCounts>): ErasedCounts {
  const out: ErasedCounts = { ...ZERO };
  for (const key of Object.keys(ZERO) as (keyof ErasedCounts)[]) {
    const before = stored[key];
    const more = add[key];
    if (key === 'contactDetailsCleared') out[key] = before === true || more === true;
    else
      (out[key] as number) =
        (typeof before === 'number' ? before : 0) + (typeof more === 'number' ? more : 0);
  }
  return out;
}

function erasedSomething(pass: EraseAccountResult): boolean {
  return (
    pass.contactDetailsCleared ||
    pass.decisionsDeleted +
      pass.appealsAnonymised +
      pass.caseMessagesErased +
      pass.noticesDeleted +
      pass.labelsDetached >
      0
  );
}

/** What each undecided case keeps back, in the words the audit row and the export show. */
async function keptByOpenCases(db: Db, caseIds: string[]): Promise<KeptByCase[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .select({ id: cases.id, kind: cases.kind })
    .from(cases)
    .where(inArray(cases.id, caseIds))
    .orderBy(asc(cases.createdAt));
  return rows.map((c) => ({
    caseId: c.id,
    kind: c.kind,
    holds:
      c.kind === 'appeal'
        ? ['decisions', 'appeal', 'case messages', 'pending notices', 'contact details', 'labels']
        : ['decisions', 'case messages', 'pending notices', 'contact details', 'labels'],
    reason:
      c.kind === 'appeal'
        ? 'An undecided appeal: the holder is owed a human decision on it (DSA Art. 20) and its outcome notice; the evidence and the appeal are kept until it is decided, then erased by a follow-up.'
        : 'An undecided review case: the decisions are its evidence; kept until a reviewer decides it, then erased by a follow-up.',
  }));
}

/**
 * One erasure request (GDPR Art. 17), in one transaction: erases what `eraseAccount` may, and writes
 * the request's audit row (who, when, what open cases kept and why). A request while one is pending
 * runs another pass on the pending row; a repeat that finds nothing to erase and nothing held returns
 * the last row without writing a new one, so a second erase is harmless.
 */
export async function requestAccountErasure(
  db: Db,
  input: { id: string; accountId: string; requestedBy: string; now?: Date },
): Promise<ErasureOutcome> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const pass = await eraseAccount(tx as unknown as Db, input.accountId);
    const kept = await keptByOpenCases(tx as unknown as Db, pass.heldCaseIds);
    const status = kept.length > 0 ? 'pending' : 'complete';
    const [pending] = await tx
      .select()
      .from(accountErasures)
      .where(and(eq(accountErasures.accountId, input.accountId), eq(accountErasures.status, 'pending')))
      .orderBy(desc(accountErasures.requestedAt))
      .limit(1)
      .for('update');
    if (pending) {
      const [erasure] = await tx
        .update(accountErasures)
        .set({
          status,
          kept: kept as unknown as Record<string, unknown>[],
          erased: sumCounts(pending.erased, pass),
          completedAt: status === 'complete' ? now : null,
        })
        .where(eq(accountErasures.id, pending.id))
        .returning();
      return {
        erasure: erasure as ErasureRow,
        pass,
        nothingLeft: !erasedSomething(pass) && kept.length === 0,
      };
    }
    if (!erasedSomething(pass) && kept.length === 0) {
      const [last] = await tx
        .select()
        .from(accountErasures)
        .where(eq(accountErasures.accountId, input.accountId))
        .orderBy(desc(accountErasures.requestedAt))
        .limit(1);
      if (last) return { erasure: last, pass, nothingLeft: true };
    }
    const [erasure] = await tx
      .insert(accountErasures)
      .values({
        id: input.id,
        accountId: input.accountId,
        requestedBy: input.requestedBy,
        requestedAt: now,
        status,
        kept: kept as unknown as Record<string, unknown>[],
        erased: sumCounts({}, pass),
        completedAt: status === 'complete' ? now : null,
      })
      .returning();
    return { erasure: erasure as ErasureRow, pass, nothingLeft: false };
  });
}

/** Adds what was erased outside Postgres (the signal store's keys) to the request's audit row. */
export async function addErasedCounts(db: Db, erasureId: string, add: Partial<ErasedCounts>): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ erased: accountErasures.erased })
      .from(accountErasures)
      .where(eq(accountErasures.id, erasureId))
      .for('update');
    if (!row) return;
    await tx
      .update(accountErasures)
      .set({ erased: sumCounts(row.erased, add) })
      .where(eq(accountErasures.id, erasureId));
  });
}

/** Pending requests whose accounts no longer have an undecided case: ready for their follow-up pass. */
export async function listErasuresReadyToFinish(db: Db, limit = 100): Promise<ErasureRow[]> {
  return db
    .select()
    .from(accountErasures)
    .where(
      and(
        eq(accountErasures.status, 'pending'),
        sql`not exists (select 1 from ${cases} where ${cases.accountId} = ${accountErasures.accountId} and ${cases.status} <> 'decided')`,
      ),
    )
    .orderBy(asc(accountErasures.requestedAt))
    .limit(limit);
}

export async function listAccountErasures(db: Db, accountId: string): Promise<ErasureRow[]> {
  return db
    .select()
    .from(accountErasures)
    .where(eq(accountErasures.accountId, accountId))
    .orderBy(asc(accountErasures.requestedAt));
}

// ---------------------------------------------------------------- job runs

export type JobRunRow = typeof jobRuns.$inferSelect;

export async function recordJobRun(
  db: Db,
  run: { job: string; startedAt: Date; finishedAt: Date; ok: boolean; result: Record<string, unknown> },
): Promise<void> {
  await db.insert(jobRuns).values(run);
}

export async function lastJobRun(db: Db, job: string): Promise<JobRunRow | null> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(eq(jobRuns.job, job))
    .orderBy(desc(jobRuns.finishedAt), desc(jobRuns.id))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------- transparency

export type SuspensionRow = typeof suspensions.$inferSelect;

/**
 * Suspensions (each with its statement of reasons) issued in [from, to), oldest first, a page at a
 * time: pass the last row's `openedAt` and `id` as `after` for the next page.
 */
export async function listSuspensionsIssued(
  db: Db,
  input: { from: Date; to: Date; after?: { openedAt: Date; id: string }; limit?: number },
): Promise<SuspensionRow[]> {
  const after = input.after;
  return db
    .select()
    .from(suspensions)
    .where(
      and(
        gte(suspensions.openedAt, input.from),
        lt(suspensions.openedAt, input.to),
        after
          ? or(
              gt(suspensions.openedAt, after.openedAt),
              and(eq(suspensions.openedAt, after.openedAt), gt(suspensions.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(suspensions.openedAt), asc(suspensions.id))
    .limit(input.limit ?? 500);
}
