import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from './database';
import { decisions } from './schema';

export type DecisionRow = typeof decisions.$inferInsert;
export type StoredDecision = typeof decisions.$inferSelect;

// 15 parameters a row; postgres caps a statement at 65,535 parameters.
const ROWS_PER_STATEMENT = 2_000;

/**
 * Multi-row insert of decisions. `ON CONFLICT (message_id) DO NOTHING`: a retried batch (or a spill
 * replayed after recovery) never stores or counts a decision twice. Returns how many rows were new.
 */
export async function insertDecisions(db: Db, rows: readonly DecisionRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const result = await db
      .insert(decisions)
      .values(chunk)
      .onConflictDoNothing({ target: decisions.messageId })
      .returning({ messageId: decisions.messageId });
    inserted += result.length;
  }
  return inserted;
}

/** One decision by message id (the hash partition is pruned: one index probe). */
export async function getDecision(db: Db, messageId: string): Promise<StoredDecision | null> {
  const [row] = await db.select().from(decisions).where(eq(decisions.messageId, messageId));
  return row ?? null;
}

export interface DecisionFilter {
  accountId?: string;
  since?: Date;
  until?: Date;
}

function filterConditions(filter: DecisionFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.accountId !== undefined) conditions.push(eq(decisions.accountId, filter.accountId));
  if (filter.since) conditions.push(gte(decisions.decidedAt, filter.since));
  if (filter.until) conditions.push(lt(decisions.decidedAt, filter.until));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function countDecisions(db: Db, filter: DecisionFilter = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(decisions).where(filterConditions(filter));
  return Number(row?.n ?? 0);
}

/**
 * The account's decisions, newest first (uses (account_id, decided_at desc): a merge of 16 short index
 * scans). `before` pages backwards.
 */
export async function listAccountDecisions(
  db: Db,
  accountId: string,
  opts: { limit?: number; before?: Date; since?: Date } = {},
): Promise<StoredDecision[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 10_000);
  return db
    .select()
    .from(decisions)
    .where(filterConditions({ accountId, since: opts.since, until: opts.before }))
    .orderBy(desc(decisions.decidedAt), desc(decisions.messageId))
    .limit(limit);
}
