import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { decisions } from '../schema';

/** How many of the account's messages were scored, and how many blocked (for the case page). */
export async function accountDecisionCounts(
  db: Db,
  accountId: string,
): Promise<{ total: number; blocked: number }> {
  const [row] = await db
    .select({
      total: count(),
      blocked: sql<number>`(count(*) filter (where ${decisions.action} = 'block'))::int`,
    })
    .from(decisions)
    .where(and(eq(decisions.accountId, accountId)));
  return { total: Number(row?.total ?? 0), blocked: Number(row?.blocked ?? 0) };
}
