import type { SQL } from 'drizzle-orm';
import type { Db } from './database';

/**
 * `db.execute()` answers an array on postgres.js and `{ rows }` on PGlite; this gives the rows on both.
 * Column names come back as in SQL (snake_case) and values unmapped: use it only for aggregates.
 */
export async function executeRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
