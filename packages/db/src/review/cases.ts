import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../database';
import { ClaimLimitError } from '../errors';
import {
  accounts,
  type CaseKind,
  type CaseStatus,
  caseEvents,
  caseMessages,
  cases,
  decisions,
  reviewers,
  suspensions,
} from '../schema';
import { blockedWhileSuspended, EVIDENCE_SLACK_MS } from './evidence';

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
  /** One case (with status 'all', to read any case as a queue row). */
  caseId?: string;
  /** Only cases whose top reason has this code. */
  reason?: string;
  minScore?: number;
  sort?: QueueSort;
  limit?: number;
  now?: Date;
}

export type QueueSortKey = 'due' | 'opened' | 'score' | 'age' | 'volume' | 'kind' | 'account' | 'holder';
export type QueueSort = QueueSortKey | `-${QueueSortKey}`;

/** A queue row: the case, its holder, and what a reviewer triages by. */
export interface QueueRow extends CaseWithAssignee {
  accountStatus: 'active' | 'flagged' | 'suspended';
  accountFirstSeenAt: Date | null;
  /** The strongest score among the decisions behind the case (its evidence window). */
  openingScore: number | null;
  topReason: { code: string; message: string } | null;
  /** Messages scored in the 24 hours before the case's anchor (the suspension, or the case opening). */
  accountMessages24h: number;
}

// The case's evidence anchor: the suspension for an appeal, the opening for a flagged case.
const anchor = sql`coalesce(${suspensions.openedAt}, ${cases.createdAt})`;
const inEvidenceWindow = sql`${decisions.accountId} = ${cases.accountId}
  and ${decisions.decidedAt} >= ${anchor} - interval '24 hours'
  and ${decisions.decidedAt} <= ${anchor} + make_interval(secs => ${EVIDENCE_SLACK_MS / 1000})`;
const strongest = sql`(select jsonb_build_object('score', ${decisions.score}, 'reasons', ${decisions.reasons})
  from ${decisions}
  where ${inEvidenceWindow} and ${decisions.action} <> 'allow' and not ${blockedWhileSuspended()}
  order by ${decisions.score} desc, ${decisions.decidedAt} desc limit 1)`;
const volume = sql<number>`(select count(*)::int from ${decisions} where ${inEvidenceWindow})`;

function topReasonOf(reasons: unknown): { code: string; message: string } | null {
  if (!Array.isArray(reasons)) return null;
  const ranked = (reasons as { code: string; message: string; weight?: number }[])
    .filter((r) => r.code !== 'ACCOUNT_SUSPENDED')
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  return ranked[0] ? { code: ranked[0].code, message: ranked[0].message } : null;
}

/**
 * The queue with what a reviewer triages by, filtered and sorted in SQL. Default order: priority
 * first, then the earliest due.
 */
export async function listQueue(db: Db, filter: CaseListFilter = {}): Promise<QueueRow[]> {
  const now = filter.now ?? new Date();
  const conditions = queueConditions(filter, now);
  const opening = sql<{ score: number; reasons: unknown } | null>`${strongest}`;
  const score = sql`(${strongest}->>'score')::real`;
  const topCodeOf = (reasons: SQL) => sql`(select r->>'code' from jsonb_array_elements(${reasons}) r
    where r->>'code' <> 'ACCOUNT_SUSPENDED' order by (r->>'weight')::real desc nulls last limit 1)`;
  // The same fallback as `topReason` below: the suspension's reasons when no decision names one.
  const topCode = sql`coalesce(${topCodeOf(sql`${strongest}->'reasons'`)}, ${topCodeOf(sql`${suspensions.reasons}`)})`;
  if (filter.minScore !== undefined) conditions.push(sql`${score} >= ${filter.minScore}`);
  if (filter.reason) conditions.push(sql`${topCode} = ${filter.reason}`);
  const sortKey = (filter.sort ?? '').replace(/^-/, '') as QueueSortKey | '';
  const descending = (filter.sort ?? '').startsWith('-');
  const column: Record<QueueSortKey, SQL> = {
    due: sql`${cases.dueAt}`,
    opened: sql`${cases.createdAt}`,
    score: score,
    age: sql`${accounts.firstSeenAt}`,
    volume: volume,
    kind: sql`${cases.kind}`,
    account: sql`${cases.accountId}`,
    holder: sql`${assignee.name}`,
  };
  // Account age sorts by how old the account is: an older first-seen time is a larger age.
  const flip = sortKey === 'age' ? !descending : descending;
  const order: SQL[] = sortKey
    ? [flip ? sql`${column[sortKey]} desc nulls last` : sql`${column[sortKey]} asc nulls last`]
    : [sql`${cases.priority} desc`, sql`${cases.dueAt} asc`];
  const rows = await db
    .select({
      c: cases,
      a: { id: assignee.id, name: assignee.name, email: assignee.email },
      accountStatus: accounts.status,
      firstSeenAt: accounts.firstSeenAt,
      opening,
      volume,
      suspensionReasons: suspensions.reasons,
    })
    .from(cases)
    .leftJoin(assignee, eq(assignee.id, cases.assigneeId))
    .leftJoin(accounts, eq(accounts.id, cases.accountId))
    .leftJoin(suspensions, eq(suspensions.id, cases.suspensionId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...order, asc(cases.id))
    .limit(Math.min(Math.max(filter.limit ?? 200, 1), 1000));
  return rows.map((r) => ({
    ...withAssignee(r, now),
    accountStatus: r.accountStatus ?? 'active',
    accountFirstSeenAt: r.firstSeenAt ?? null,
    openingScore: r.opening ? Number(r.opening.score) : null,
    // A suspension the account model made may have no message decision of its own behind it (its
    // messages were allowed on content): its top reason is then the suspension's.
    topReason: topReasonOf(r.opening?.reasons) ?? topReasonOf(r.suspensionReasons),
    accountMessages24h: Number(r.volume ?? 0),
  }));
}

function queueConditions(filter: CaseListFilter, now: Date): SQL[] {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(cases.kind, filter.kind));
  const status = filter.status ?? 'active';
  if (status === 'active') conditions.push(ne(cases.status, 'decided'));
  else if (status !== 'all') conditions.push(eq(cases.status, status));
  if (filter.assigneeId === 'none') conditions.push(claimable(now));
  else if (filter.assigneeId) conditions.push(and(eq(cases.assigneeId, filter.assigneeId), liveClaim(now))!);
  if (filter.overdue) conditions.push(and(lt(cases.dueAt, now), ne(cases.status, 'decided'))!);
  if (filter.accountId) conditions.push(eq(cases.accountId, filter.accountId));
  if (filter.caseId) conditions.push(eq(cases.id, filter.caseId));
  return conditions;
}

/** The queue: priority first, then the earliest due. */
export async function listCases(db: Db, filter: CaseListFilter = {}): Promise<CaseWithAssignee[]> {
  const now = filter.now ?? new Date();
  const conditions = queueConditions(filter, now);
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
  /** Live claims one reviewer may hold; the claim that would pass it throws ClaimLimitError. */
  maxClaims?: number;
  now?: Date;
}

/**
 * The cap on claims per reviewer, inside the claim's transaction: the reviewer's row is locked first,
 * so one reviewer's concurrent claims (two tabs, a script) are counted one after the other and cannot
 * race past the cap together. `exceptCaseId`: re-claiming a case one already holds adds nothing.
 */
async function checkClaimLimit(tx: Db, opts: ClaimOptions, now: Date, exceptCaseId?: string): Promise<void> {
  if (opts.maxClaims === undefined) return;
  await tx.execute(sql`select 1 from reviewers where id = ${opts.reviewerId} for update`);
  const [held] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.assigneeId, opts.reviewerId),
        gt(cases.claimExpiresAt, now),
        ne(cases.status, 'decided'),
        exceptCaseId === undefined ? undefined : ne(cases.id, exceptCaseId),
      ),
    );
  if ((held?.n ?? 0) >= opts.maxClaims) throw new ClaimLimitError(opts.maxClaims);
}

function claimableStatuses(includeEscalated: boolean): CaseStatus[] {
  return includeEscalated ? ['open', 'escalated'] : ['open'];
}

/** The columns a claim sets, for claim-next and an explicit claim alike. */
function claimedBy(reviewerId: string, now: Date, expires: Date) {
  return {
    assigneeId: reviewerId,
    claimedAt: now,
    claimExpiresAt: expires,
    updatedAt: now,
    version: sql`${cases.version} + 1`,
  };
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
    await checkClaimLimit(tx, opts, now);
    // Its own statement: as a subquery of the UPDATE (`id IN (SELECT ... LIMIT 1 FOR UPDATE SKIP
    // LOCKED)`) Postgres may run it once per row scanned, each run skipping the rows the previous
    // ones locked, and one claim took every open case (seen with twelve).
    const [candidate] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(inArray(cases.status, statuses), claimable(now)))
      .orderBy(desc(cases.priority), asc(cases.dueAt), asc(cases.id))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!candidate) return null;
    const [claimed] = await tx
      .update(cases)
      .set(claimedBy(opts.reviewerId, now, expires))
      .where(and(eq(cases.id, candidate.id), inArray(cases.status, statuses), claimable(now)))
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
    await checkClaimLimit(tx, opts, now, caseId);
    const [claimed] = await tx
      .update(cases)
      .set(claimedBy(opts.reviewerId, now, expires))
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
