import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database';
import { type CaseKind, type CaseStatus, caseEvents, caseMessages, cases, reviewers } from '../schema';

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseMessageRow = typeof caseMessages.$inferSelect;

export interface CaseWithAssignee extends CaseRow {
  /** The reviewer holding a live claim (an expired claim holds nothing), else null. */
  assignee: { id: string; name: string; email: string } | null;
}

/** Appeals outrank flagged accounts: a suspended holder is waiting, a flagged account still sends. */
export const APPEAL_PRIORITY = 10;

const assignee = alias(reviewers, 'assignee');

function liveClaim(now: Date): SQL {
  return and(sql`${cases.assigneeId} is not null`, gt(cases.claimExpiresAt, now))!;
}

/** Not claimed, or the claim ran out. */
function claimable(now: Date): SQL {
  return or(isNull(cases.assigneeId), lte(cases.claimExpiresAt, now))!;
}

function withAssignee(
  row: { c: CaseRow; a: { id: string; name: string; email: string } | null },
  now: Date,
): CaseWithAssignee {
  const live = row.c.assigneeId !== null && row.c.claimExpiresAt !== null && row.c.claimExpiresAt > now;
  return {
    ...row.c,
    assignee: live && row.a ? { id: row.a.id, name: row.a.name, email: row.a.email } : null,
  };
}

export interface CaseListFilter {
  kind?: CaseKind;
  /** A status, 'active' (everything not decided; the default) or 'all'. */
  status?: CaseStatus | 'active' | 'all';
  /** A reviewer id, or 'none' for cases nobody holds. */
  assigneeId?: string | 'none';
  overdue?: boolean;
  accountId?: string;
  limit?: number;
  now?: Date;
}

/** The queue: priority first, then the earliest due. */
export async function listCases(db: Db, filter: CaseListFilter = {}): Promise<CaseWithAssignee[]> {
  const now = filter.now ?? new Date();
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(cases.kind, filter.kind));
  const status = filter.status ?? 'active';
  if (status === 'active') conditions.push(ne(cases.status, 'decided'));
  else if (status !== 'all') conditions.push(eq(cases.status, status));
  if (filter.assigneeId === 'none') conditions.push(claimable(now));
  else if (filter.assigneeId) conditions.push(and(eq(cases.assigneeId, filter.assigneeId), liveClaim(now))!);
  if (filter.overdue) conditions.push(and(lt(cases.dueAt, now), ne(cases.status, 'decided'))!);
  if (filter.accountId) conditions.push(eq(cases.accountId, filter.accountId));
  const rows = await db
    .select({ c: cases, a: { id: assignee.id, name: assignee.name, email: assignee.email } })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assigneeId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(cases.priority), asc(cases.dueAt), asc(cases.id))
    .limit(Math.min(Math.max(filter.limit ?? 200, 1), 1000));
  return rows.map((r) => withAssignee(r, now));
}

export async function getCase(db: Db, id: string, now: Date = new Date()): Promise<CaseWithAssignee | null> {
  const [row] = await db
    .select({ c: cases, a: { id: assignee.id, name: assignee.name, email: assignee.email } })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assigneeId))
    .where(eq(cases.id, id));
  return row ? withAssignee(row, now) : null;
}

export interface ClaimOptions {
  reviewerId: string;
  ttlMs: number;
  /** Leads and admins may take escalated cases; reviewers may not. */
  includeEscalated: boolean;
  now?: Date;
}

function claimableStatuses(includeEscalated: boolean): CaseStatus[] {
  return includeEscalated ? ['open', 'escalated'] : ['open'];
}

/**
 * Assigns the most urgent claimable case to the reviewer, atomically: the candidate row is locked with
 * `FOR UPDATE SKIP LOCKED`, so two reviewers claiming at once never get the same case (the loser
 * skips it and takes the next, or nothing). The outer WHERE re-checks claimability on the locked row.
 */
export async function claimNextCase(db: Db, opts: ClaimOptions): Promise<CaseRow | null> {
  const now = opts.now ?? new Date();
  const expires = new Date(now.getTime() + opts.ttlMs);
  const statuses = claimableStatuses(opts.includeEscalated);
  return db.transaction(async (tx) => {
    const candidate = tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.status, statuses), claimable(now)))
      .orderBy(desc(cases.priority), asc(cases.dueAt), asc(cases.id))
      .limit(1)
      .for('update', { skipLocked: true });
    const [claimed] = await tx
      .update(cases)
      .set({
        assigneeId: opts.reviewerId,
        claimedAt: now,
        claimExpiresAt: expires,
        updatedAt: now,
        version: sql`${cases.version} + 1`,
      })
      .where(and(inArray(cases.id, candidate), inArray(cases.status, statuses), claimable(now)))
      .returning();
    if (!claimed) return null;
    await afterClaim(tx, claimed, opts.reviewerId, now, expires);
    return claimed;
  });
}

/** Claims one given case; null when someone else holds a live claim or it cannot be claimed. */
export async function claimCase(db: Db, caseId: string, opts: ClaimOptions): Promise<CaseRow | null> {
  const now = opts.now ?? new Date();
  const expires = new Date(now.getTime() + opts.ttlMs);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(cases)
      .set({
        assigneeId: opts.reviewerId,
        claimedAt: now,
        claimExpiresAt: expires,
        updatedAt: now,
        version: sql`${cases.version} + 1`,
      })
      .where(
        and(
          eq(cases.id, caseId),
          // A case waiting for the holder can still be taken explicitly (to decide without an answer).
          inArray(cases.status, [...claimableStatuses(opts.includeEscalated), 'awaiting_info']),
          or(claimable(now), eq(cases.assigneeId, opts.reviewerId)),
        ),
      )
      .returning();
    if (!claimed) return null;
    await afterClaim(tx, claimed, opts.reviewerId, now, expires);
    return claimed;
  });
}

async function afterClaim(
  tx: Db,
  claimed: CaseRow,
  reviewerId: string,
  now: Date,
  expires: Date,
): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId: claimed.id,
    type: 'claimed',
    actorType: 'reviewer',
    actorId: reviewerId,
    data: { until: expires.toISOString() },
    at: now,
  });
  // The holder's status page moves from "received" to "in review" once a person has picked it up.
  await tx.execute(
    sql`update appeals set status = 'in_review' where case_id = ${claimed.id} and status = 'received'`,
  );
}

/** Extends the caller's live claim; null when the caller does not hold it. */
export async function extendCaseClaim(
  db: Db,
  caseId: string,
  opts: { reviewerId: string; ttlMs: number; now?: Date },
): Promise<CaseRow | null> {
  const now = opts.now ?? new Date();
  const expires = new Date(now.getTime() + opts.ttlMs);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(cases)
      .set({ claimExpiresAt: expires, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(
        and(
          eq(cases.id, caseId),
          eq(cases.assigneeId, opts.reviewerId),
          liveClaim(now),
          ne(cases.status, 'decided'),
        ),
      )
      .returning();
    if (!row) return null;
    await tx.insert(caseEvents).values({
      caseId,
      type: 'extended',
      actorType: 'reviewer',
      actorId: opts.reviewerId,
      data: { until: expires.toISOString() },
      at: now,
    });
    return row;
  });
}

/** Gives the case back to the queue; null when the caller does not hold it (a lead may force it). */
export async function releaseCase(
  db: Db,
  caseId: string,
  opts: { reviewerId: string; force?: boolean; now?: Date },
): Promise<CaseRow | null> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(cases)
      .set({
        assigneeId: null,
        claimedAt: null,
        claimExpiresAt: null,
        updatedAt: now,
        version: sql`${cases.version} + 1`,
      })
      .where(
        and(
          eq(cases.id, caseId),
          sql`${cases.assigneeId} is not null`,
          opts.force ? undefined : eq(cases.assigneeId, opts.reviewerId),
        ),
      )
      .returning();
    if (!row) return null;
    await tx
      .insert(caseEvents)
      .values({ caseId, type: 'released', actorType: 'reviewer', actorId: opts.reviewerId, at: now });
    return row;
  });
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
}

export async function listCaseMessages(db: Db, caseId: string): Promise<CaseMessageRow[]> {
  return db.select().from(caseMessages).where(eq(caseMessages.caseId, caseId)).orderBy(asc(caseMessages.id));
}

/** Display names of reviewers by id (for audit trails). */
export async function reviewerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: reviewers.id, name: reviewers.name })
    .from(reviewers)
    .where(inArray(reviewers.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
