import { setMaxListeners } from 'node:events';
import { assembleSignals } from './assemble';
import { destinationOf } from './destinations';
import { connectRedis, luaScript, type RedisConnection } from './redisConnection';
import { KEY_COUNT_WITH_WINDOWS, READ_FIELDS, SIGNAL_SCRIPT } from './redisScript';
import type {
  AccountSignals,
  AccountStatus,
  MessageObservation,
  MessageOutcome,
  ObserveResult,
  SetStatusOptions,
  SignalEvent,
  SignalStore,
} from './types';
import {
  bucketOf,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  decayFactor,
  effectiveTime,
  fingerprintBands,
  recipientKey,
  windowBuckets,
} from './windows';

export interface RedisSignalStoreOptions {
  /** `redis://...` or `redis+cluster://host:port,host:port` (see `parseRedisUrl`); or give `connection`. */
  url?: string;
  /** An open connection (`connectRedis`) shared with others; the store then leaves closing it to the caller. */
  connection?: RedisConnection;
  /** Key prefix, e.g. 'gavel:' (default). Keys look like `<prefix>{<accountId>}:...`. */
  prefix?: string;
  /** observe/observeBatch/getSignals/ping not answered within this are rejected, so callers can degrade (default 25 ms). */
  commandTimeoutMs?: number;
  /** Bound for the writes off the response path: recordOutcome, recordEvents, setStatus (default max(commandTimeoutMs, 2,000 ms)). */
  writeTimeoutMs?: number;
  /** How long createRedisSignalStore waits for the first connection before returning anyway (default 2,000 ms). */
  connectTimeoutMs?: number;
  /** The store clock (tests); observations are bucketed by their own `sentAt`. */
  now?: () => number;
  scoreHalfLifeMs?: number;
  /** Connection errors and reconnects; the store never throws them at the process. */
  onError?: (error: Error) => void;
}

/** Raised when Redis is unreachable, slow or answers nonsense; callers score without signals. */
export class SignalStoreUnavailableError extends Error {
  readonly status = 503;
  readonly code = 'SIGNALS_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`signal store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SignalStoreUnavailableError';
  }
}

const SCRIPT = luaScript(SIGNAL_SCRIPT);
/**
 * Outcomes wait for company until the next turn of the event loop: the outcomes of every request
 * decided in this turn go out in one write with any observe issued meanwhile (a lone script call
 * costs Redis ~40 µs of process CPU beyond the script itself). Not longer: the server awaits the
 * outcome before it answers, so that a repeat finds the first answer stored (issue 7).
 */
const OUTCOME_MAX_BATCH = 256;
const STATUSES = new Set<string>(['active', 'flagged', 'suspended']);

type Reply = string | number | null | Reply[];

function accountBase(prefix: string, accountId: string): string {
  // The hash tag keeps every key of an account on one Redis Cluster slot. '{' and '}' inside the
  // id would move the tag, so they are percent-escaped (and '%' too, so escaping stays one-to-one).
  const escaped = accountId.replace(/[%{}]/g, (c) => (c === '%' ? '%25' : c === '{' ? '%7B' : '%7D'));
  return `${prefix}{${escaped}}:`;
}

/**
 * The account and values hashes: `a2`/`v2` since their numbers are packed int32s (the decimal-text
 * `a`/`v` of the layout before are left to expire, not misread).
 */
const ACCOUNT_HASH = 'a2';
const VALUES_HASH = 'v2';

/** Account hash, values hash, the message's id and answer (see KEY_* in redisScript.ts). */
function fixedKeys(base: string, messageId: string | null): string[] {
  const id = messageId ?? '';
  return [`${base}${ACCOUNT_HASH}`, `${base}${VALUES_HASH}`, `${base}id:${id}`, `${base}an:${id}`];
}

/** An event's keys: its own per-type key in the message's place (one event of each type per message). */
function eventKeys(base: string, type: string, messageId: string | undefined): string[] {
  return [`${base}${ACCOUNT_HASH}`, `${base}${VALUES_HASH}`, `${base}ev:${type}:${messageId ?? ''}`];
}

/** The day-recipients bucket a message at `t` is written to, the window's buckets and its union. */
function recipientKeys(base: string, t: number, at: number): string[] {
  const window = windowBuckets(at, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS);
  const keys = [`${base}R:${bucketOf(t, DAY_SET_BUCKET_MS)}`];
  for (const b of window) keys.push(`${base}R:${b}`);
  keys.push(`${base}uR:${window[0]}`);
  return keys;
}

export async function createRedisSignalStore(opts: RedisSignalStoreOptions): Promise<SignalStore> {
  const prefix = opts.prefix ?? 'gavel:';
  const now = opts.now ?? Date.now;
  const timeout = opts.commandTimeoutMs ?? 25;
  const writeTimeout = opts.writeTimeoutMs ?? Math.max(timeout, 2_000);
  const halfLife = opts.scoreHalfLifeMs ?? DEFAULT_SCORE_HALF_LIFE_MS;
  const onError = opts.onError ?? (() => {});

  // A connection given by the caller is shared (e.g. with the rate limiter) and closed by it.
  const owned = opts.connection === undefined;
  const connection =
    opts.connection ??
    (await connectRedis({ url: opts.url ?? '', connectTimeoutMs: opts.connectTimeoutMs, onError }));
  let closed = false;

  async function runScript(keys: string[], args: (string | number)[], signal: AbortSignal): Promise<Reply> {
    // EVALSHA with the NOSCRIPT fallback, per node on a cluster (see redisConnection.ts).
    return (await connection.evalScript(SCRIPT, keys, args, { abortSignal: signal })) as Reply;
  }

  /**
   * node-redis's own command timeout only covers the wait to be written; a command already sent
   * to a stalled server would wait for ever. This bounds the whole call; a late reply is dropped, and
   * the call's commands not yet written are dropped too (the signal given to `start`).
   */
  async function bounded<T>(start: (signal: AbortSignal) => Promise<T>, ms = timeout): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const abort = new AbortController();
    // One listener per command of the batch (node-redis removes it once written): not a leak.
    setMaxListeners(0, abort.signal);
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${ms} ms`));
        abort.abort();
      }, ms);
    });
    let work: Promise<T> | undefined;
    try {
      work = start(abort.signal);
      return await Promise.race([work, expired]);
    } catch (error) {
      work?.catch(() => {}); // the abandoned call may still fail later
      throw error instanceof SignalStoreUnavailableError ? error : new SignalStoreUnavailableError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  function parseSignals(reply: Reply, t: number): ObserveResult {
    if (!Array.isArray(reply) || reply.length !== 5 + READ_FIELDS.length + 1)
      throw new SignalStoreUnavailableError(new Error('unexpected script reply'));
    const values = reply as (string | number | null)[];
    // A plain loop: this runs once per message on the hot path (Object.fromEntries + map was ~1 % of CPU).
    const counts = {} as Record<(typeof READ_FIELDS)[number], number>;
    for (let i = 0; i < READ_FIELDS.length; i++) counts[READ_FIELDS[i]] = Number(values[5 + i]);
    // Score state: "max,sum,weight,at" (%.17g each, exact), '' before the first scored outcome.
    const score = String(values[5 + READ_FIELDS.length]);
    const state = score === '' ? [0, 0, 0, 0] : score.split(',').map(Number);
    const [scoreMax, scoreSum, scoreWeight, scoreAt] = state;
    const status = String(values[3]);
    const f = decayFactor(t - scoreAt, halfLife);
    const signals: AccountSignals = assembleSignals({
      ...counts,
      status: STATUSES.has(status) ? (status as AccountStatus) : null,
      firstSeenAt: Number(values[4]),
      at: t,
      recentScoreMax: scoreMax * f,
      recentScoreMean: scoreWeight > 1e-9 ? scoreSum / scoreWeight : 0,
      recentScoreWeight: scoreWeight * f,
    });
    return {
      duplicate: String(values[0]) === '1',
      storedAnswer: String(values[1]) === '1' ? String(values[2]) : null,
      signals,
    };
  }

  function observeCall(obs: MessageObservation): { at: number; keys: string[]; args: (string | number)[] } {
    const clock = now();
    const t = effectiveTime(obs.sentAt, clock);
    // Buckets follow the message's time; the windows read end at the later of it and the clock,
    // so a late message is judged on the account's behaviour now.
    const at = Math.max(t, clock);
    const base = accountBase(prefix, obs.accountId);
    const destination = destinationOf(obs.to);
    const domains = [...new Set(obs.linkDomains.map((d) => d.toLowerCase()))];
    return {
      at,
      keys: [...fixedKeys(base, obs.messageId), ...recipientKeys(base, t, at)],
      args: [
        'observe',
        t,
        recipientKey(obs.to),
        destination.country,
        destination.prefix,
        fingerprintBands(obs.fingerprint).join(','),
        obs.otp ? '1' : '0',
        at,
        ...domains,
      ],
    };
  }

  function assertOpen(): void {
    if (closed) throw new SignalStoreUnavailableError(new Error('closed'));
  }

  /**
   * Outcomes are queued and sent together (see OUTCOME_COALESCE_MS): one bounding timer per batch
   * instead of one per message, and node-redis writes the script calls as one pipeline. Any other
   * call sends the queue first, in the same write, so Redis applies them in call order.
   */
  interface PendingOutcome {
    keys: string[];
    args: (string | number)[];
    resolve: (firstAnswer: string | null) => void;
    reject: (error: unknown) => void;
  }
  let outcomes: PendingOutcome[] = [];
  let outcomesScheduled = false;

  function flushOutcomes(): void {
    outcomesScheduled = false;
    const batch = outcomes;
    outcomes = [];
    if (batch.length === 0) return;
    bounded(
      (signal) => Promise.allSettled(batch.map((o) => runScript(o.keys, o.args, signal))),
      writeTimeout,
    ).then(
      (results) => {
        for (let i = 0; i < batch.length; i++) {
          const r = results[i];
          // The script answers 1 when this answer was stored, else the answer stored first.
          if (r.status === 'fulfilled')
            batch[i].resolve(typeof r.value === 'string' && r.value !== '' ? r.value : null);
          else batch[i].reject(new SignalStoreUnavailableError(r.reason));
        }
      },
      (error) => {
        for (const o of batch) o.reject(error);
      },
    );
  }

  if (fixedKeys('', null).length + recipientKeys('', 0, 0).length !== KEY_COUNT_WITH_WINDOWS)
    throw new Error('signal-store key layout and script disagree');

  return {
    async observe(obs) {
      assertOpen();
      const call = observeCall(obs);
      if (outcomes.length > 0) flushOutcomes(); // rides in the same write as this call
      return parseSignals(await bounded((signal) => runScript(call.keys, call.args, signal)), call.at);
    },

    async observeBatch(list) {
      assertOpen();
      // Commands issued in the same tick leave in one write (node-redis pipelines them), so the
      // batch costs one round trip; each script call stays on one account's slot.
      const calls = list.map(observeCall);
      if (outcomes.length > 0) flushOutcomes(); // rides in the same write as this batch
      const replies = await bounded((signal) =>
        Promise.all(calls.map((c) => runScript(c.keys, c.args, signal))),
      );
      return replies.map((reply, i) => parseSignals(reply, calls[i].at));
    },

    async recordOutcome(accountId: string, messageId: string, o: MessageOutcome) {
      assertOpen();
      const clock = now();
      // '' = no content score: the answer is stored, the score stats are left alone.
      const score = o.score !== null && Number.isFinite(o.score) ? Math.min(1, Math.max(0, o.score)) : '';
      const keys = fixedKeys(accountBase(prefix, accountId), messageId);
      const args = [
        'outcome',
        effectiveTime(o.at ?? clock, clock),
        score,
        o.suspicious ? '1' : '0',
        o.abusive ? '1' : '0',
        o.answer,
        halfLife,
      ];
      return new Promise<string | null>((resolve, reject) => {
        outcomes.push({ keys, args, resolve, reject });
        if (outcomes.length >= OUTCOME_MAX_BATCH) flushOutcomes();
        else if (!outcomesScheduled) {
          outcomesScheduled = true;
          setImmediate(() => {
            if (outcomesScheduled) flushOutcomes();
          });
        }
      });
    },

    async recordEvents(events: SignalEvent[]) {
      assertOpen();
      if (outcomes.length > 0) flushOutcomes();
      const clock = now();
      await bounded(
        (signal) =>
          Promise.all(
            events.map((e) =>
              runScript(
                eventKeys(accountBase(prefix, e.accountId), e.type, e.messageId),
                [
                  'event',
                  effectiveTime(e.at, clock),
                  e.type,
                  e.type === 'delivery' ? e.status : '',
                  e.messageId === undefined ? '0' : '1',
                ],
                signal,
              ),
            ),
          ),
        writeTimeout,
      );
    },

    async getSignals(accountId: string) {
      assertOpen();
      if (outcomes.length > 0) flushOutcomes();
      const t = now();
      const base = accountBase(prefix, accountId);
      const reply = await bounded((signal) =>
        runScript([...fixedKeys(base, null), ...recipientKeys(base, t, t)], ['read', t], signal),
      );
      return parseSignals(reply, t).signals;
    },

    async setStatus(accountId: string, status: AccountStatus, options: SetStatusOptions = {}) {
      assertOpen();
      if (outcomes.length > 0) flushOutcomes();
      await bounded(
        (signal) =>
          runScript(
            fixedKeys(accountBase(prefix, accountId), null),
            ['status', status, options.resetRisk ? '1' : '0'],
            signal,
          ),
        writeTimeout,
      );
    },

    async forgetAccount(accountId: string) {
      assertOpen();
      if (outcomes.length > 0) flushOutcomes();
      // Every key of the account starts with its hash-tagged base, so they all live on the node that
      // serves that slot: SCAN there (routed by the base) and DEL in slot-local chunks. An erasure is
      // rare, so a SCAN over that node's keyspace is an acceptable cost for not keeping a key index.
      const base = accountBase(prefix, accountId);
      const pattern = `${base.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
      let cursor = '0';
      let deleted = 0;
      do {
        const reply = (await bounded(
          (signal) =>
            connection.sendCommand(base, ['SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000'], {
              abortSignal: signal,
            }),
          writeTimeout,
        )) as [string, string[]];
        cursor = String(reply[0]);
        const keys = reply[1] ?? [];
        if (keys.length > 0) {
          deleted += Number(
            await bounded(
              (signal) => connection.sendCommand(base, ['DEL', ...keys], { abortSignal: signal }),
              writeTimeout,
            ),
          );
        }
      } while (cursor !== '0');
      return deleted;
    },

    async ping() {
      if (closed || !connection.isReady) return false;
      try {
        return await bounded((signal) => connection.ping({ abortSignal: signal }));
      } catch {
        return false;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      flushOutcomes(); // queued outcomes go out before the connection closes
      if (owned) await connection.close();
    },
  };
}
