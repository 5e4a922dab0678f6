import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from './database';
import { executeRows } from './rawRows';
import { type OutboxPayload, type OutboxStatus, outbox } from './schema';

export type OutboxRow = typeof outbox.$inferSelect;

export interface NewOutboxRow {
  /** e.g. 'suspension.notice', 'appeal.outcome'. */
  topic: string;
  accountId?: string | null;
  /** Already rendered: the worker only delivers it. */
  payload: OutboxPayload;
  /** One per delivery (e.g. `suspension.notice:email:su_...`): enqueueing twice delivers once. */
  idempotencyKey: string;
  nextAttemptAt?: Date;
}

/** Inserts outbox rows (inside the caller's transaction when given one); duplicates by key are skipped. */
export async function enqueueOutbox(db: Db, rows: NewOutboxRow[]): Promise<OutboxRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(outbox)
    .values(
      rows.map((r) => ({
        topic: r.topic,
        accountId: r.accountId ?? null,
        payload: r.payload,
        idempotencyKey: r.idempotencyKey,
        ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
      })),
    )
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning();
}

export interface ClaimOutboxOptions {
  limit: number;
  now?: Date;
  /**
   * How long a claimed row stays invisible to other workers while this one delivers it (default 60 s).
   * A worker that dies mid-delivery releases its rows when the lease runs out.
   */
  leaseMs?: number;
}

/**
 * Claims up to `limit` due rows for delivery: `FOR UPDATE SKIP LOCKED` so concurrent workers never claim
 * the same row, and the lease (next_attempt_at pushed forward) keeps it claimed after the transaction.
 * `attempts` counts claims.
 */
export async function claimOutboxBatch(db: Db, opts: ClaimOutboxOptions): Promise<OutboxRow[]> {
  const now = opts.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? 60_000));
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** false when the row is not pending any more (already sent or dead). */
export async function markOutboxSent(db: Db, id: number, at: Date = new Date()): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: at, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export interface OutboxFailure {
  /** A short, content-free description (never the payload, never a secret). */
  error: string;
  nextAttemptAt: Date;
  /** Give up: the row moves to the dead-letter state. */
  dead?: boolean;
}

export async function markOutboxFailed(db: Db, id: number, failure: OutboxFailure): Promise<boolean> {
  const rows = await db
    .update(outbox)
    .set({
      status: failure.dead ? 'dead' : 'pending',
      lastError: failure.error.slice(0, 500),
      nextAttemptAt: failure.nextAttemptAt,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export interface OutboxBacklog {
  pending: number;
  dead: number;
  oldestPendingAt: Date | null;
}

export async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  const [row] = await executeRows<{ pending: number; dead: number; oldest: string | Date | null }>(
    db,
    sql`select
      (count(*) filter (where ${outbox.status} = 'pending'))::int as pending,
      (count(*) filter (where ${outbox.status} = 'dead'))::int as dead,
      min(${outbox.createdAt}) filter (where ${outbox.status} = 'pending') as oldest
    from ${outbox} where ${outbox.status} <> 'sent'`,
  );
  return {
    pending: Number(row?.pending ?? 0),
    dead: Number(row?.dead ?? 0),
    oldestPendingAt: row?.oldest ? new Date(row.oldest) : null,
  };
}

export interface AccountNoticeRow {
  id: number;
  topic: string;
  kind: 'email' | 'webhook';
  status: OutboxStatus;
  createdAt: Date;
  sentAt: Date | null;
}

/** The notices queued or sent for an account, newest first, without their payloads (addresses, text). */
export async function listAccountNotices(
  db: Db,
  accountId: string,
  limit = 100,
): Promise<AccountNoticeRow[]> {
  return db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      kind: sql<'email' | 'webhook'>`${outbox.payload}->>'kind'`,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.accountId, accountId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}
