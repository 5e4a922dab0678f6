import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from './database';
import { arrayElement } from './pgArray';
import { executePrepared } from './rawRows';
import { decisions } from './schema';

export type DecisionRow = typeof decisions.$inferInsert;
export type StoredDecision = typeof decisions.$inferSelect;

// One JSON parameter per statement keeps the statement small; 5,000 rows is about 5 MB of JSON.
const ROWS_PER_STATEMENT = 5_000;

const COLUMNS = [
  'message_id',
  'account_id',
  'channel',
  'score',
  'action',
  'reasons',
  'account_status',
  'account_risk',
  'model_version',
  'account_model_version',
  'policy_version',
  'body_hash',
  'excerpt',
  'features',
  'degraded',
  'decided_at',
  'shadow_model_version',
  'shadow_score',
] as const;

function toRecord(row: DecisionRow): Record<(typeof COLUMNS)[number], unknown> {
  return {
    message_id: row.messageId,
    account_id: row.accountId,
    channel: row.channel,
    score: row.score,
    action: row.action,
    reasons: row.reasons,
    account_status: row.accountStatus,
    account_risk: row.accountRisk,
    model_version: row.modelVersion,
    account_model_version: row.accountModelVersion ?? null,
    policy_version: row.policyVersion,
    body_hash: row.bodyHash,
    excerpt: row.excerpt ?? null,
    features: row.features ?? null,
    degraded: row.degraded ?? [],
    decided_at: row.decidedAt ?? new Date(),
    shadow_model_version: row.shadowModelVersion ?? null,
    shadow_score: row.shadowScore ?? null,
  };
}

/** Column -> the Postgres array type its values travel in (jsonb as text: cast per row in SQL). */
const ARRAY_TYPES: Record<(typeof COLUMNS)[number], string> = {
  message_id: 'text[]',
  account_id: 'text[]',
  channel: 'text[]',
  score: 'real[]',
  action: 'text[]',
  reasons: 'text[]',
  account_status: 'text[]',
  account_risk: 'real[]',
  model_version: 'text[]',
  account_model_version: 'text[]',
  policy_version: 'text[]',
  body_hash: 'text[]',
  excerpt: 'text[]',
  features: 'text[]',
  degraded: 'text[]',
  decided_at: 'timestamptz[]',
  shadow_model_version: 'text[]',
  shadow_score: 'real[]',
};
const JSON_COLUMNS = new Set(['reasons', 'features']);

/**
 * The insert, one fixed text: prepared once per connection (see `executePrepared`). Built by drizzle
 * per call and sent as an unnamed statement, Postgres parsed and planned it for every batch (~1.3 KB of
 * SQL), which the bench showed as most of the decision writer's Postgres CPU.
 */
const INSERT_DECISIONS = `with inserted as (
  insert into "decisions" (${COLUMNS.map((c) => `"${c}"`).join(', ')})
  select ${COLUMNS.map((c) => (JSON_COLUMNS.has(c) ? `"${c}"::jsonb` : c === 'degraded' ? `"${c}"::text[]` : `"${c}"`)).join(', ')}
  from unnest(${COLUMNS.map((c, i) => `$${i + 1}::${ARRAY_TYPES[c]}`).join(', ')}) as u(${COLUMNS.map((c) => `"${c}"`).join(', ')})
  on conflict (message_id) do nothing
  returning 1
) select count(*)::int as n from inserted`;

/**
 * Multi-row insert of decisions. `ON CONFLICT (message_id) DO NOTHING`: a retried batch (or a spill
 * replayed after recovery) never stores or counts a decision twice. Returns how many rows were new.
 *
 * One array parameter per column (an array literal in a text parameter) expanded by `unnest`: 18
 * parameters whatever the row count, and only the two jsonb columns are parsed as JSON. Before, the
 * rows travelled as one jsonb document expanded by `jsonb_populate_recordset`; unnest measured twice
 * the rows/s and ~20 % less Postgres CPU per row at 100-500 rows (tests/bench/decisionInsert.ts:
 * 21.0 -> 17.0 µs a row at 500, 29.5 -> 23.5 at 100). What is left is mostly index upkeep (primary
 * key for ON CONFLICT, (account_id, decided_at) for the account history, a BRIN, a partial index on
 * the few rows with an excerpt): the fewest the queries need. Building a drizzle multi-row VALUES statement (18 parameters a
 * row) cost more CPU in the server than the insert itself.
 */
export async function insertDecisions(db: Db, rows: readonly DecisionRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const records = rows.slice(i, i + ROWS_PER_STATEMENT).map(toRecord);
    // Each column travels as ONE text parameter holding an array literal: the same on postgres.js and
    // PGlite, 18 parameters whatever the row count.
    const params = COLUMNS.map((c) => {
      const elements = records.map((r) => {
        const v = r[c];
        if (v === null || v === undefined) return 'NULL';
        if (JSON_COLUMNS.has(c)) return arrayElement(JSON.stringify(v));
        if (c === 'degraded') return arrayElement(`{${(v as string[]).map(arrayElement).join(',')}}`);
        if (v instanceof Date) return arrayElement(v.toISOString());
        return arrayElement(v);
      });
      return `{${elements.join(',')}}`;
    });
    const [result] = await executePrepared<{ n: number }>(db, INSERT_DECISIONS, params);
    inserted += Number(result?.n ?? 0);
  }
  return inserted;
}

/** One decision by message id (the hash partition is pruned: one index probe). */
export async function getDecision(db: Db, messageId: string): Promise<StoredDecision | null> {
  const [row] = await db.select().from(decisions).where(eq(decisions.messageId, messageId));
  return row ?? null;
}

/** Decisions of several message ids in one query (a repeat check for a whole batch). */
export async function getDecisions(db: Db, messageIds: readonly string[]): Promise<StoredDecision[]> {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(decisions)
    .where(inArray(decisions.messageId, [...messageIds]));
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
