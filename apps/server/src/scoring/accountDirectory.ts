import { DatabaseUnavailableError, type Db, getAccountStandings } from '@gavel/db';
import type { AccountStatus } from '@gavel/signals';

export interface AccountStanding {
  status: AccountStatus;
  allowlisted: boolean;
  blocklisted: boolean;
}

interface Entry {
  standing: AccountStanding;
  loadedAt: number;
}

const UNKNOWN_ACCOUNT: AccountStanding = { status: 'active', allowlisted: false, blocklisted: false };
const MAX_ENTRIES = 200_000;
/**
 * After a failed load, misses fail at once for this long instead of each queueing another query
 * behind a Postgres that is not answering; the scoring path then uses the stale standing.
 */
const RETRY_AFTER_FAILURE_MS = 1_000;

/**
 * An in-process cache over the `accounts` table: status and list flags, read on the scoring path.
 * Entries live `ttlMs` (a list change or a reinstatement on another replica shows within it; the
 * signal store's cached status, when present, takes precedence for status). Accounts without a row
 * are cached as active. Concurrent misses for one account share one query; a batch asks once for
 * all its accounts. While Postgres is unreachable the last known standing is served (`stale`), for as
 * long as the outage lasts: a suspended account stays blocked rather than reverting to active.
 */
export class AccountDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<AccountStanding>>();
  private turn: { ids: string[]; load: Promise<Map<string, AccountStanding>> } | null = null;
  private retryAt = 0;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
  ) {}

  /** Cached standing or null (needs a lookup). */
  peek(accountId: string): AccountStanding | null {
    const entry = this.entries.get(accountId);
    if (!entry || Date.now() - entry.loadedAt > this.ttlMs) return null;
    return entry.standing;
  }

  /** Last known standing even if expired (used when Postgres cannot answer). */
  stale(accountId: string): AccountStanding | null {
    return this.entries.get(accountId)?.standing ?? null;
  }

  /** Misses within one event-loop turn share one `IN (...)` query. */
  get(accountId: string): Promise<AccountStanding> {
    const cached = this.peek(accountId);
    if (cached) return Promise.resolve(cached);
    if (Date.now() < this.retryAt) return Promise.reject(new DatabaseUnavailableError('connection'));
    const pending = this.pending.get(accountId);
    if (pending) return pending;
    if (!this.turn) {
      const ids: string[] = [];
      const load = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.turn = null;
        return this.load(ids);
      });
      this.turn = { ids, load };
    }
    this.turn.ids.push(accountId);
    const one = this.turn.load.then((found) => found.get(accountId) ?? UNKNOWN_ACCOUNT);
    this.pending.set(accountId, one);
    one.catch(() => {}).finally(() => this.pending.delete(accountId));
    return one;
  }

  /**
   * The standings of a batch's accounts. Misses join the current turn's query (see `get`): concurrent
   * single-message requests then cost one `IN (...)` query per event-loop turn, not one each. Measured
   * with `tests/bench/inProcess.ts` (5,000 accounts, most new): Postgres transactions per message
   * 0.76 -> 0.34 (the per-message query was most of them).
   */
  async getMany(accountIds: readonly string[]): Promise<Map<string, AccountStanding>> {
    const unique = [...new Set(accountIds)];
    // Promise.all handles every rejection (no unhandled one when Postgres fails for several ids).
    const standings = await Promise.all(unique.map((id) => this.get(id)));
    return new Map(unique.map((id, i) => [id, standings[i]]));
  }

  private async load(ids: string[]): Promise<Map<string, AccountStanding>> {
    try {
      return await this.query(ids);
    } catch (err) {
      this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
      throw err;
    }
  }

  private async query(ids: string[]): Promise<Map<string, AccountStanding>> {
    const rows = await getAccountStandings(this.db, ids);
    const found = new Map<string, AccountStanding>();
    for (const row of rows) {
      found.set(row.id, { status: row.status, allowlisted: row.allowlisted, blocklisted: row.blocklisted });
    }
    const now = Date.now();
    if (this.entries.size + ids.length > MAX_ENTRIES) this.entries.clear();
    for (const id of ids) this.entries.set(id, { standing: found.get(id) ?? UNKNOWN_ACCOUNT, loadedAt: now });
    return found;
  }

  /** Records a change this replica made (or learned of), so its next answers agree at once. */
  setStatus(accountId: string, status: AccountStatus): void {
    const current = this.entries.get(accountId)?.standing ?? UNKNOWN_ACCOUNT;
    this.entries.set(accountId, { standing: { ...current, status }, loadedAt: Date.now() });
  }

  /** Forget the account: the next message reads Postgres (after a reinstatement or a list change). */
  invalidate(accountId: string): void {
    this.entries.delete(accountId);
  }
}
