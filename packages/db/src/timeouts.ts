import type postgres from 'postgres';
import { DbDomainError, pgErrorCode } from './errors';
import { storableParams } from './storableText';

/**
 * PostgreSQL could not answer in time (down, restarting, unreachable, or a statement past its
 * bound). Mapped at the edge to 503 `UNAVAILABLE` with `Retry-After`: the caller may retry.
 */
export class DatabaseUnavailableError extends DbDomainError {
  constructor(readonly reason: 'timeout' | 'connection') {
    super('UNAVAILABLE', 503, `database unavailable (${reason})`);
  }
}

/**
 * Bounds `work` at `ms`: rejects with DatabaseUnavailableError('timeout') when it is late. The query
 * itself is not cancelled here (the driver-level bound in openDatabase does that); the caller just
 * stops waiting, so a budget tighter than the pool's bound (the scoring path's 50 ms) holds.
 */
export function withTimeout<T>(work: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DatabaseUnavailableError('timeout')), Math.max(0, ms));
    Promise.resolve(work).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(isDatabaseUnavailable(err) ? asUnavailable(err) : err);
      },
    );
  });
}

// postgres.js connection failures carry these `code`s (no SQLSTATE); Node's socket errors too.
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * True for "PostgreSQL is not there right now" errors, as opposed to a bad statement: our timeout,
 * a refused or reset connection, and SQLSTATE classes 08 (connection), 57P0x (shutdown, cannot
 * connect now) and 57014 (statement_timeout).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  const sqlState = pgErrorCode(err);
  return (
    sqlState !== undefined &&
    (sqlState.startsWith('08') || sqlState.startsWith('57P') || sqlState === '57014')
  );
}

function asUnavailable(err: unknown): DatabaseUnavailableError {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof DatabaseUnavailableError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return new DatabaseUnavailableError(pgErrorCode(err) === '57014' ? 'timeout' : 'connection');
}

/** The translated error for anything isDatabaseUnavailable accepts, else the error itself. */
export function unavailableOr(err: unknown): unknown {
  return isDatabaseUnavailable(err) ? asUnavailable(err) : err;
}

type Sql = postgres.Sql;
type PendingQuery = ReturnType<Sql['unsafe']>;

/**
 * One bounded statement: a thenable with `.values()`, the two shapes drizzle's postgres-js session
 * uses. When late, the statement is cancelled (dropped from the queue if never sent) and the caller
 * gets DatabaseUnavailableError at once, instead of waiting while postgres.js backs off reconnects.
 */
function boundQuery(pending: PendingQuery, ms: number) {
  const settle = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new DatabaseUnavailableError('timeout'));
        try {
          void Promise.resolve(pending.cancel()).catch(() => {});
        } catch {
          // Cancelling a statement that already finished or never started: nothing to do.
        }
      }, ms);
      pending.then(
        (rows) => {
          clearTimeout(timer);
          resolve(rows);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(unavailableOr(err));
        },
      );
    });
  const bounded = {
    values() {
      pending.values();
      return bounded;
    },
    // biome-ignore lint/suspicious/noThenProperty: drizzle awaits the driver's query object.
    then<A, B>(
      onFulfilled?: (v: unknown) => A | PromiseLike<A>,
      onRejected?: (e: unknown) => B | PromiseLike<B>,
    ) {
      return settle().then(onFulfilled, onRejected);
    },
  };
  return bounded;
}

/**
 * The postgres.js client with every statement bounded at `ms` and its string parameters made
 * storable (drizzle calls `unsafe`, `begin` and `savepoint`; everything else passes through). A transaction is bounded as a whole too: a late one
 * is abandoned by the caller and rolled back by the statement that times out inside it.
 */
export function boundedSql(sql: Sql, ms: number): Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (
          query: string,
          params?: Parameters<Sql['unsafe']>[1],
          options?: Parameters<Sql['unsafe']>[2],
        ) => boundQuery(target.unsafe(query, storableParams(params), options), ms);
      }
      if (prop === 'begin' || prop === 'savepoint') {
        const original = Reflect.get(target, prop, receiver) as (
          fn: (tx: Sql) => Promise<unknown>,
        ) => Promise<unknown>;
        return (fn: (tx: Sql) => Promise<unknown>) =>
          withTimeout(
            original.call(target, (tx: Sql) => fn(boundedSql(tx, ms))),
            // Several statements: the whole transaction gets a few statements' worth.
            ms * 3,
          );
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
