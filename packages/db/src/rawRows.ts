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

interface PreparingClient {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<unknown>;
}
interface QueryingClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A statement whose text never changes, with `$n` parameters. On postgres.js a named prepared
 * statement (parsed and planned once per connection, then only Bind/Execute); on PGlite a plain
 * parameterised query. drizzle's `execute()` has no way to prepare raw SQL, so this goes to the
 * client drizzle wraps (`$client`: on postgres.js the timeout-bounded proxy, see timeouts.ts).
 */
export async function executePrepared<T extends Record<string, unknown>>(
  db: Db,
  text: string,
  params: unknown[],
): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client && typeof (client as PreparingClient).unsafe === 'function') {
    return (await (client as PreparingClient).unsafe(text, params, { prepare: true })) as T[];
  }
  if (client && typeof (client as QueryingClient).query === 'function') {
    return (await (client as QueryingClient).query(text, params)).rows as T[];
  }
  throw new Error('executePrepared: no postgres.js or PGlite client under this database handle');
}
