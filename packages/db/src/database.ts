import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';
import { storableParams } from './storableText';
import { boundedSql, withTimeout } from './timeouts';

export type Schema = typeof schema;

/**
 * One handle type for both drivers and for transactions (a transaction is a `PgDatabase` too), so
 * every query function takes `db: Db` and works on Postgres, PGlite, or inside `db.transaction()`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the query-result type differs per driver; queries never rely on it.
export type Db = PgDatabase<any, Schema>;

export type DatabaseKind = 'postgres' | 'pglite';

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory (created if missing); in memory when absent too. */
  dataDir?: string;
  /** drizzle's query logger; off by default (queries carry customer data as parameters). */
  logger?: boolean | Logger;
  /** Postgres pool size (default 10). */
  max?: number;
  /**
   * Client-side bound on every statement (default 2,000 ms): past it the caller gets
   * DatabaseUnavailableError instead of waiting while the driver reconnects. The server-side
   * `statement_timeout` is set a little above it, so nothing runs on after everyone stopped waiting.
   */
  queryTimeoutMs?: number;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 2_000;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  /** true when a trivial query answers; never throws (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));
export const MIGRATIONS_TABLE = '__gavel_migrations';
const migrationConfig = {
  migrationsFolder: MIGRATIONS_FOLDER,
  migrationsTable: MIGRATIONS_TABLE,
  migrationsSchema: 'public',
};
// Arbitrary constant: serialises migrations when several processes boot against one database.
const MIGRATION_LOCK_KEY = 7_340_112_934;

/** Opens Postgres (when `url` is given) or PGlite, runs the committed migrations, returns the handle. */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (opts.url) return openPostgres(opts.url, opts);
  return openPglite(opts);
}

async function openPostgres(url: string, opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const queryTimeoutMs = opts.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const client = postgres(url, {
    max: Math.max(2, opts.max ?? 10),
    onnotice: () => {},
    connect_timeout: 10,
    idle_timeout: 60,
    connection: {
      statement_timeout: queryTimeoutMs * 2,
      idle_in_transaction_session_timeout: queryTimeoutMs * 5,
    },
  });
  // Migrations run unbounded (a large one may take longer than any request should wait).
  const migrator = drizzlePostgres({ client, schema, logger: false });
  const db = drizzlePostgres({
    client: boundedSql(client, queryTimeoutMs),
    schema,
    logger: opts.logger ?? false,
  });
  try {
    const lock = await client.reserve();
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      await migratePostgres(migrator, migrationConfig);
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
      lock.release();
    }
  } catch (err) {
    await client.end({ timeout: 1 });
    throw err;
  }
  return {
    db: db as Db,
    kind: 'postgres',
    ping: async () => {
      try {
        await withTimeout(client`select 1`, queryTimeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(opts: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client: storablePglite(client), schema, logger: opts.logger ?? false });
  try {
    await migratePglite(db, migrationConfig);
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    db: db as Db,
    kind: 'pglite',
    ping: async () => {
      try {
        await client.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * PGlite with string parameters made storable, as on Postgres (drizzle calls `query` and
 * `transaction`). In-process, so no timeout: it cannot be unreachable.
 */
function storablePglite<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'query' && typeof value === 'function') {
        return (query: string, params?: unknown[], options?: object) =>
          value.call(target, query, storableParams(params), options);
      }
      if (prop === 'transaction' && typeof value === 'function') {
        return (fn: (tx: object) => Promise<unknown>) =>
          value.call(target, (tx: object) => fn(storablePglite(tx)));
      }
      // Bound to the real client: PGlite's methods rely on private fields a proxy does not have.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
