import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from './database';
import { textArrayLiteral } from './pgArray';
import {
  type AccountStatus,
  accountStatusChanges,
  accounts,
  type StatusChangeCause,
  type StoredReason,
} from './schema';

export type Account = typeof accounts.$inferSelect;
export type AccountStatusChange = typeof accountStatusChanges.$inferSelect;

/** Risk is a probability-like number; NaN or out-of-range inputs must not fail the account's check. */
export function clampRisk(risk: number): number {
  if (!Number.isFinite(risk)) return 0;
  return Math.min(1, Math.max(0, risk));
}

/** The account row, created (active, risk 0) when first seen. Safe under concurrent first sightings. */
export async function ensureAccount(db: Db, accountId: string, opts: { at?: Date } = {}): Promise<Account> {
  const at = opts.at ?? new Date();
  const [inserted] = await db
    .insert(accounts)
    .values({ id: accountId, firstSeenAt: at, createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: accounts.id })
    .returning();
  if (inserted) return inserted;
  const existing = await getAccount(db, accountId);
  if (!existing) throw new Error('account vanished between insert and select');
  return existing;
}

export async function getAccount(db: Db, accountId: string): Promise<Account | null> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  return row ?? null;
}

/** Sets the account's current risk (clamped to [0, 1]), creating the account when needed. */
export async function updateAccountRisk(db: Db, accountId: string, risk: number): Promise<void> {
  const value = clampRisk(risk);
  await db
    .insert(accounts)
    .values({ id: accountId, risk: value })
    .onConflictDoUpdate({ target: accounts.id, set: { risk: value, updatedAt: sql`now()` } });
}

export interface AccountListsUpdate {
  allowlisted?: boolean;
  blocklisted?: boolean;
  /** null clears it. */
  noticeEmail?: string | null;
  webhookUrl?: string | null;
}

/**
 * Admin settings of an account (created when needed). An account is on at most one list (SQL check):
 * putting it on one list takes it off the other unless both are given explicitly.
 */
export async function setAccountLists(
  db: Db,
  accountId: string,
  update: AccountListsUpdate,
): Promise<Account> {
  const set: Partial<typeof accounts.$inferInsert> = {};
  if (update.allowlisted !== undefined) set.allowlisted = update.allowlisted;
  if (update.blocklisted !== undefined) set.blocklisted = update.blocklisted;
  if (update.allowlisted === true && update.blocklisted === undefined) set.blocklisted = false;
  if (update.blocklisted === true && update.allowlisted === undefined) set.allowlisted = false;
  if (update.noticeEmail !== undefined) set.noticeEmail = update.noticeEmail;
  if (update.webhookUrl !== undefined) set.webhookUrl = update.webhookUrl;
  const [row] = await db
    .insert(accounts)
    .values({ id: accountId, ...set })
    .onConflictDoUpdate({ target: accounts.id, set: { ...set, updatedAt: sql`now()` } })
    .returning();
  return row;
}

export interface ChangeAccountStatusInput {
  accountId: string;
  to: AccountStatus;
  cause: StatusChangeCause;
  /** Required for 'reviewer' and 'admin' causes (SQL check). */
  actorId?: string | null;
  caseId?: string | null;
  suspensionId?: string | null;
  reasons?: StoredReason[];
  /** Only change when the account is currently in this status (a guard against stale decisions). */
  expectedFrom?: AccountStatus;
  /** Reset risk to this value with the change (e.g. 0 on reinstatement). */
  risk?: number;
  at?: Date;
}

/**
 * Moves an account to another status and records the change, in one transaction with the account row
 * locked. Returns the change row, or null when nothing changed (already there, or `expectedFrom` did
 * not match). Reinstatement by a reviewer goes through here.
 */
export async function changeAccountStatus(
  db: Db,
  input: ChangeAccountStatusInput,
): Promise<AccountStatusChange | null> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    await tx.insert(accounts).values({ id: input.accountId }).onConflictDoNothing({ target: accounts.id });
    const [current] = await tx
      .select({ status: accounts.status })
      .from(accounts)
      .where(eq(accounts.id, input.accountId))
      .for('update');
    if (current.status === input.to) return null;
    if (input.expectedFrom && current.status !== input.expectedFrom) return null;
    await tx
      .update(accounts)
      .set({
        status: input.to,
        statusChangedAt: at,
        updatedAt: at,
        ...(input.risk !== undefined ? { risk: clampRisk(input.risk) } : {}),
      })
      .where(and(eq(accounts.id, input.accountId), ne(accounts.status, input.to)));
    const [change] = await tx
      .insert(accountStatusChanges)
      .values({
        accountId: input.accountId,
        fromStatus: current.status,
        toStatus: input.to,
        cause: input.cause,
        actorId: input.actorId ?? null,
        caseId: input.caseId ?? null,
        suspensionId: input.suspensionId ?? null,
        reasons: input.reasons ?? [],
        at,
      })
      .returning();
    return change;
  });
}

/** The account's status history, oldest first. */
export async function listAccountStatusChanges(db: Db, accountId: string): Promise<AccountStatusChange[]> {
  return db
    .select()
    .from(accountStatusChanges)
    .where(eq(accountStatusChanges.accountId, accountId))
    .orderBy(asc(accountStatusChanges.at), asc(accountStatusChanges.id));
}

export interface AccountStandingRow {
  id: string;
  status: AccountStatus;
  allowlisted: boolean;
  blocklisted: boolean;
}

/** The standing query, prepared once per database (postgres.js: a named statement per connection). */
const standingQueries = new WeakMap<Db, ReturnType<typeof prepareStandings>>();
function prepareStandings(db: Db) {
  return db
    .select({
      id: accounts.id,
      status: accounts.status,
      allowlisted: accounts.allowlisted,
      blocklisted: accounts.blocklisted,
    })
    .from(accounts)
    .where(sql`${accounts.id} = any(${sql.placeholder('ids')}::text[])`)
    .prepare('gavel_account_standings');
}

/**
 * Status and list flags of the given accounts (the scoring path's cache fills from this). One array
 * parameter and a prepared statement: with `inArray` every id count was a new statement that drizzle
 * built and Postgres parsed and planned again, on every cache miss of the scoring path.
 */
export async function getAccountStandings(db: Db, ids: readonly string[]): Promise<AccountStandingRow[]> {
  if (ids.length === 0) return [];
  let query = standingQueries.get(db);
  if (!query) {
    query = prepareStandings(db);
    standingQueries.set(db, query);
  }
  return query.execute({ ids: textArrayLiteral(ids) });
}
