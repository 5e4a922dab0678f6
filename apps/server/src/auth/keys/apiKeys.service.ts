import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyScope, ApiKeyView, CreatedApiKey } from '@gavel/contracts';
import {
  type ApiKeyRow,
  apiKeyRevocationEpoch,
  createApiKeyRow,
  type Db,
  findApiKeyByHash,
  listApiKeys,
  revokeApiKey,
  touchApiKeysLastUsed,
  withTimeout,
} from '@gavel/db';
import type { FastifyBaseLogger } from 'fastify';
import { ProblemError } from '../../problem';

export const API_KEY_PREFIX = 'gvl_';
/** 32 random bytes = 256 bits, base64url: 43 characters after the prefix. */
const API_KEY_BYTES = 32;
/** Shown in listings; 8 random characters identify a key without weakening it. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** After this, a cached entry is no longer served even when Postgres is down (README: Failure modes). */
export const STALE_KEY_LIMIT_MS = 60 * 60_000;
/** At most one "serving stale keys" warning per this interval, however many requests it covers. */
const STALE_WARN_EVERY_MS = 10_000;
/** After a failed lookup, keys seen before are served from memory without waiting for this long. */
const RETRY_AFTER_FAILURE_MS = 1_000;
const LAST_USED_FLUSH_MS = 30_000;
const MAX_CACHED_KEYS = 10_000;

export interface VerifiedKey {
  id: string;
  scopes: ReadonlySet<ApiKeyScope>;
}

interface CacheEntry {
  key: VerifiedKey | null; // null: unknown or revoked
  checkedAt: number;
}

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(API_KEY_BYTES).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export interface ApiKeyServiceOptions {
  /** How long a verified (or refused) key is trusted before it is looked up again. */
  cacheTtlMs: number;
  /** Longest a request waits for the lookup of a key not in the cache (the scoring budget). */
  lookupTimeoutMs: number;
  /** How often the revocation epoch is polled; a revocation on any replica shows within it. */
  revocationPollMs: number;
}

/**
 * API keys: random, shown once, stored as SHA-256. Verification runs from an in-memory cache with a
 * short TTL (`cacheTtlMs`, 5 s by default), and the scoring path costs one hash and one map lookup per
 * request. Every replica polls a revocation epoch (`revocationPollMs`, 250 ms) and drops its cache when
 * it moves, so a revocation reaches every replica within about that time. A lookup waits at most
 * `lookupTimeoutMs`; when Postgres cannot answer, a cached answer up to an hour old is served rather
 * than refusing the pipeline, and a key never seen gets 503 UNAVAILABLE at once.
 */
export class ApiKeyService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  private readonly usedSinceFlush = new Set<string>();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly pollTimer: NodeJS.Timeout;
  private revocationEpoch: string | null = null;
  private polling = false;
  private lastStaleWarning = 0;
  /** Until then, a key seen before is served from the cache without waiting for a lookup. */
  private retryAt = 0;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly opts: ApiKeyServiceOptions,
  ) {
    this.flushTimer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.flushTimer.unref();
    this.pollTimer = setInterval(() => void this.pollRevocations(), opts.revocationPollMs);
    this.pollTimer.unref();
  }

  /** Drops the cache when any key was revoked since the last poll (on any replica). */
  async pollRevocations(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const epoch = await apiKeyRevocationEpoch(this.db);
      if (this.revocationEpoch !== null && epoch !== this.revocationEpoch) this.cache.clear();
      this.revocationEpoch = epoch;
    } catch {
      // Postgres unreachable: nothing can be revoked meanwhile; the next successful poll catches up.
    } finally {
      this.polling = false;
    }
  }

  /** The key's id and scopes, or null when unknown or revoked. Throws UNAVAILABLE if it cannot tell. */
  async verify(key: string): Promise<VerifiedKey | null> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    let entry: CacheEntry;
    if (cached && now - cached.checkedAt < this.opts.cacheTtlMs) {
      entry = cached;
    } else if (cached && now < this.retryAt && now - cached.checkedAt < STALE_KEY_LIMIT_MS) {
      // Postgres failed a moment ago: answer from memory now, refresh in the background.
      this.lookup(hash).catch(() => {});
      entry = cached;
    } else {
      try {
        entry = await withTimeout(this.lookup(hash), this.opts.lookupTimeoutMs);
      } catch (err) {
        this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
        const stale = cached && now - cached.checkedAt < STALE_KEY_LIMIT_MS;
        if (now - this.lastStaleWarning > STALE_WARN_EVERY_MS) {
          this.lastStaleWarning = now;
          this.log.warn(
            { err },
            stale
              ? 'api key lookup failed; serving cached keys'
              : 'api key lookup failed; unknown keys get 503',
          );
        }
        if (!stale) throw new ProblemError(503, 'UNAVAILABLE', 'Cannot verify the API key right now');
        entry = cached;
      }
    }
    if (entry.key) this.usedSinceFlush.add(entry.key.id);
    return entry.key;
  }

  private lookup(hash: string): Promise<CacheEntry> {
    // Concurrent requests with one key share one query.
    let pending = this.inflight.get(hash);
    if (!pending) {
      pending = findApiKeyByHash(this.db, hash)
        .then((row) => {
          const entry: CacheEntry = {
            key: row && !row.revokedAt ? { id: row.id, scopes: new Set(row.scopes as ApiKeyScope[]) } : null,
            checkedAt: Date.now(),
          };
          if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
          this.cache.set(hash, entry);
          return entry;
        })
        .finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, pending);
    }
    return pending;
  }

  async create(name: string, scopes: ApiKeyScope[]): Promise<CreatedApiKey> {
    const key = generateApiKey();
    const { key: row, created } = await createApiKeyRow(this.db, {
      name,
      prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: hashApiKey(key),
      scopes: [...new Set(scopes)],
    });
    // 256 random bits: a collision means a broken random source, not bad luck.
    if (!created) throw new ProblemError(409, 'KEY_COLLISION', 'Key collision; try again');
    const { lastUsedAt: _l, revokedAt: _r, ...view } = toView(row);
    return { ...view, key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await listApiKeys(this.db)).map(toView);
  }

  /** Revokes the key: at once on this replica, on the others at their next revocation poll. */
  async revoke(id: string): Promise<void> {
    const revoked = await revokeApiKey(this.db, id);
    if (!revoked) {
      const exists = (await listApiKeys(this.db)).some((k) => k.id === id);
      if (!exists) throw new ProblemError(404, 'NOT_FOUND', 'No API key with this id');
    }
    // Revocations are rare: dropping the whole cache is simpler than tracking id -> hash.
    this.cache.clear();
  }

  /**
   * BOOTSTRAP_API_KEY: make sure a key with that value exists, with scopes score, events and admin
   * (admin so that a fresh deployment can mint narrower keys and then revoke this one; a revoked
   * bootstrap key stays revoked). With no configured key and no active key at all, create one and
   * return it so the caller can show it once.
   */
  async ensureBootstrapKey(configured: string | null): Promise<{ createdKey: string | null }> {
    const scopes: ApiKeyScope[] = ['score', 'events', 'admin'];
    if (configured) {
      await createApiKeyRow(this.db, {
        name: 'bootstrap (BOOTSTRAP_API_KEY)',
        prefix: configured.slice(0, DISPLAY_PREFIX_LENGTH),
        keyHash: hashApiKey(configured),
        scopes,
      });
      return { createdKey: null };
    }
    const keys = await listApiKeys(this.db);
    if (keys.some((k) => !k.revokedAt)) return { createdKey: null };
    const created = await this.create('first start', scopes);
    return { createdKey: created.key };
  }

  async flushLastUsed(): Promise<void> {
    if (this.usedSinceFlush.size === 0) return;
    const ids = [...this.usedSinceFlush];
    this.usedSinceFlush.clear();
    try {
      await touchApiKeysLastUsed(this.db, ids, new Date());
    } catch (err) {
      // Last use is advisory; losing one flush is fine.
      this.log.warn({ err }, 'could not record api key last use');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    clearInterval(this.pollTimer);
    await this.flushLastUsed();
  }
}
