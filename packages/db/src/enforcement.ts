import { and, desc, eq, ne } from 'drizzle-orm';
import { type Account, clampRisk } from './accounts';
import type { Db } from './database';
import { AllowlistedAccountError } from './errors';
import { newId } from './ids';
import { enqueueOutbox, type NewOutboxRow } from './outbox';
import { accountStatusChanges, accounts, caseEvents, cases, type StoredReason, suspensions } from './schema';

export type Suspension = typeof suspensions.$inferSelect;
export type Case = typeof cases.$inferSelect;

const HOUR_MS = 3_600_000;

export interface FlagAccountInput {
  accountId: string;
  risk: number;
  reasons: StoredReason[];
  /** When the flagged case is due (default: 48 hours after `at`). */
  dueAt?: Date;
  priority?: number;
  at?: Date;
}

export interface FlagAccountResult {
  /** The undecided flagged case of the account (new or existing); null when the account is suspended. */
  case: Case | null;
  /** true when this call opened the case. */
  created: boolean;
  account: Account;
}

/**
 * active -> flagged: opens a flagged review case (+ its 'opened' event) and records the status change,
 * in one transaction with the account row locked. Idempotent: a flagged account keeps its one undecided
 * case (partial unique index); a suspended account is not flagged (it is already past that rung).
 */
export async function flagAccount(db: Db, input: FlagAccountInput): Promise<FlagAccountResult> {
  const at = input.at ?? new Date();
  const risk = clampRisk(input.risk);
  return db.transaction(async (tx) => {
    await tx.insert(accounts).values({ id: input.accountId }).onConflictDoNothing({ target: accounts.id });
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, input.accountId)).for('update');
    const openFlagged = async () => {
      const [row] = await tx
        .select()
        .from(cases)
        .where(
          and(eq(cases.accountId, input.accountId), eq(cases.kind, 'flagged'), ne(cases.status, 'decided')),
        );
      return row ?? null;
    };
    if (account.status === 'suspended') {
      return { case: await openFlagged(), created: false, account };
    }
    const [created] = await tx
      .insert(cases)
      .values({
        id: newId('cs'),
        kind: 'flagged',
        accountId: input.accountId,
        status: 'open',
        priority: input.priority ?? 0,
        dueAt: input.dueAt ?? new Date(at.getTime() + 48 * HOUR_MS),
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await tx.insert(caseEvents).values({
        caseId: created.id,
        type: 'opened',
        actorType: 'system',
        data: { kind: 'flagged', risk, reasons: input.reasons.map((r) => r.code) },
        at,
      });
    }
    const flaggedCase = created ?? (await openFlagged());
    let updated = account;
    if (account.status === 'active') {
      [updated] = await tx
        .update(accounts)
        .set({ status: 'flagged', risk, statusChangedAt: at, updatedAt: at })
        .where(eq(accounts.id, input.accountId))
        .returning();
      await tx.insert(accountStatusChanges).values({
        accountId: input.accountId,
        fromStatus: 'active',
        toStatus: 'flagged',
        cause: 'automated',
        caseId: flaggedCase?.id ?? null,
        reasons: input.reasons,
        at,
      });
    } else if (account.risk !== risk) {
      [updated] = await tx
        .update(accounts)
        .set({ risk, updatedAt: at })
        .where(eq(accounts.id, input.accountId))
        .returning();
    }
    return { case: flaggedCase, created: Boolean(created), account: updated };
  });
}

export interface SuspendAccountInput {
  accountId: string;
  reasons: StoredReason[];
  /** The statement of reasons (DSA field names). */
  statement: Record<string, unknown>;
  /** At least 180 days after `at` (SQL check): an appeal is open for at least six months. */
  appealDeadline: Date;
  /**
   * Rendered notices to deliver, written in the same transaction. A function receives the new
   * suspension (its id goes into the appeal link); it is not called when the suspension already existed.
   */
  outbox: NewOutboxRow[] | ((suspension: Suspension) => NewOutboxRow[]);
  /** Pre-generated id ('su_' + random by default). */
  id?: string;
  risk?: number;
  /** The reviewer who decided it (a flagged case decided 'suspended'); null/absent = automated. */
  decidedBy?: string | null;
  /** The flagged case that led to it, recorded on the status change. */
  caseId?: string | null;
  automatedDetection?: boolean;
  at?: Date;
}

export interface SuspendAccountResult {
  suspension: Suspension;
  /** false when the account already had a suspension in force (open or upheld): nothing was written. */
  created: boolean;
}

/**
 * ONE transaction: account status, suspension row, status change, outbox rows. The account row lock
 * serialises racing callers and the partial unique index (one suspension in force per account) backs it
 * up: the loser gets the winner's suspension and writes nothing.
 * Throws AllowlistedAccountError for an automated suspension of an allowlisted account.
 */
export async function suspendAccount(db: Db, input: SuspendAccountInput): Promise<SuspendAccountResult> {
  const at = input.at ?? new Date();
  const decidedBy = input.decidedBy ?? null;
  const automatedDecision = decidedBy === null;
  return db.transaction(async (tx) => {
    await tx.insert(accounts).values({ id: input.accountId }).onConflictDoNothing({ target: accounts.id });
    const [account] = await tx.select().from(accounts).where(eq(accounts.id, input.accountId)).for('update');
    // A suspension in force (open or upheld) is returned as is: nothing is duplicated.
    const existing = await getOpenSuspension(tx, input.accountId);
    if (existing) return { suspension: existing, created: false };
    if (automatedDecision && account.allowlisted) throw new AllowlistedAccountError();

    const [suspension] = await tx
      .insert(suspensions)
      .values({
        id: input.id ?? newId('su'),
        accountId: input.accountId,
        status: 'open',
        reasons: input.reasons,
        statement: input.statement,
        automatedDetection: input.automatedDetection ?? true,
        automatedDecision,
        decidedBy,
        openedAt: at,
        appealDeadline: input.appealDeadline,
      })
      .returning();
    await tx
      .update(accounts)
      .set({
        status: 'suspended',
        statusChangedAt: at,
        updatedAt: at,
        ...(input.risk !== undefined ? { risk: clampRisk(input.risk) } : {}),
      })
      .where(eq(accounts.id, input.accountId));
    if (account.status !== 'suspended') {
      await tx.insert(accountStatusChanges).values({
        accountId: input.accountId,
        fromStatus: account.status,
        toStatus: 'suspended',
        cause: automatedDecision ? 'automated' : 'reviewer',
        actorId: decidedBy,
        caseId: input.caseId ?? null,
        suspensionId: suspension.id,
        reasons: input.reasons,
        at,
      });
    }
    const rows = typeof input.outbox === 'function' ? input.outbox(suspension) : input.outbox;
    await enqueueOutbox(
      tx,
      rows.map((r) => ({ ...r, accountId: r.accountId ?? input.accountId })),
    );
    return { suspension, created: true };
  });
}

/**
 * The suspension in force for the account: 'open' (appealable or under appeal) or 'upheld' (the appeal
 * was lost); never 'lifted'. At most one exists (partial unique index).
 */
export async function getOpenSuspension(db: Db, accountId: string): Promise<Suspension | null> {
  const [row] = await db
    .select()
    .from(suspensions)
    .where(and(eq(suspensions.accountId, accountId), ne(suspensions.status, 'lifted')));
  return row ?? null;
}

export async function getSuspension(db: Db, id: string): Promise<Suspension | null> {
  const [row] = await db.select().from(suspensions).where(eq(suspensions.id, id));
  return row ?? null;
}

/** Every suspension of the account, newest first. */
export async function listAccountSuspensions(db: Db, accountId: string): Promise<Suspension[]> {
  return db
    .select()
    .from(suspensions)
    .where(eq(suspensions.accountId, accountId))
    .orderBy(desc(suspensions.openedAt));
}
