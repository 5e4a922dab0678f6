import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { decisions } from '../schema';
import { blockedWhileSuspended } from './evidence';

/**
 * How many of the account's messages were scored, how many blocked on their own evidence, and how
 * many blocked only because the account was already suspended (kept apart: not evidence).
 */
export async function accountDecisionCounts(
  db: Db,
  accountId: string,
): Promise<{ total: number; blocked: number; blockedWhileSuspended: number }> {
  const bws = blockedWhileSuspended();
  const [row] = await db
    .select({
      total: count(),
      blocked: sql<number>`(count(*) filter (where ${decisions.action} = 'block' and not ${bws}))::int`,
      blockedWhileSuspended: sql<number>`(count(*) filter (where ${bws}))::int`,
    })
    .from(decisions)
    .where(and(eq(decisions.accountId, accountId)));
  return {
    total: Number(row?.total ?? 0),
    blocked: Number(row?.blocked ?? 0),
    blockedWhileSuspended: Number(row?.blockedWhileSuspended ?? 0),
  };
}
