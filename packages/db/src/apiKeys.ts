import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './database';
import { newId } from './ids';
import { type ApiKeyScope, apiKeys } from './schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface NewApiKeyRow {
  id?: string;
  name: string;
  /** Display prefix, e.g. the key's first 12 characters. */
  prefix: string;
  /** sha256 hex of the key. */
  keyHash: string;
  scopes: ApiKeyScope[];
}

/**
 * Stores a key's hash. Idempotent on the hash: when a row with that hash exists (a bootstrap key on a
 * second boot, two processes racing) the existing row is returned and `created` is false.
 */
export async function createApiKeyRow(
  db: Db,
  input: NewApiKeyRow,
): Promise<{ key: ApiKeyRow; created: boolean }> {
  const [inserted] = await db
    .insert(apiKeys)
    .values({
      id: input.id ?? newId('key'),
      name: input.name,
      prefix: input.prefix,
      keyHash: input.keyHash,
      scopes: [...new Set(input.scopes)],
    })
    .onConflictDoNothing({ target: apiKeys.keyHash })
    .returning();
  if (inserted) return { key: inserted, created: true };
  const existing = await findApiKeyByHash(db, input.keyHash);
  if (!existing) throw new Error('api key vanished between insert and select');
  return { key: existing, created: false };
}

/** The key with this hash, revoked or not (the caller checks `revokedAt`). */
export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | null> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
  return row ?? null;
}

export async function listApiKeys(db: Db): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Revokes once; false when the key does not exist or was already revoked. */
export async function revokeApiKey(db: Db, id: string, at: Date = new Date()): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/**
 * Records last use for many keys in one statement (the server batches sightings in memory). Never moves
 * `last_used_at` backwards when batches from several replicas arrive out of order.
 */
export async function touchApiKeysLastUsed(db: Db, ids: string[], at: Date): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  await db
    .update(apiKeys)
    .set({
      lastUsedAt: sql`greatest(coalesce(${apiKeys.lastUsedAt}, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)`,
    })
    .where(inArray(apiKeys.id, unique));
}

/**
 * A value that changes whenever any key is revoked: replicas poll it (a few times a second, one
 * index-free scan of a small table) and drop their key caches when it moves.
 */
export async function apiKeyRevocationEpoch(db: Db): Promise<string> {
  const [row] = await db
    .select({
      revoked: sql<number>`count(${apiKeys.revokedAt})::int`,
      latest: sql<string | null>`max(${apiKeys.revokedAt})::text`,
    })
    .from(apiKeys);
  return `${row?.revoked ?? 0}@${row?.latest ?? ''}`;
}
