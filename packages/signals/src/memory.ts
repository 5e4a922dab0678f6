import { assembleSignals, emptySignals } from './assemble';
import { CounterRing } from './counterRing';
import { destinationOf } from './destinations';
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
  ABUSIVE_24H,
  bucketOf,
  COMPLAINTS_24H,
  COUNTERS_TTL_MS,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  decayFactor,
  effectiveTime,
  fingerprintBands,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  IDEMPOTENCY_TTL_MS,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  META_TTL_MS,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  type RingSpec,
  recipientKey,
  SUSPICIOUS_1H,
  VERIFICATIONS_24H,
  windowBuckets,
} from './windows';

export interface MemorySignalStoreOptions {
  now?: () => number;
  /** Least-recently-written accounts beyond this are dropped (default 200,000). */
  maxAccounts?: number;
  /** Distinct values kept per set bucket; beyond it the unique counts saturate (default 20,000). */
  maxSetSize?: number;
  /** Remembered messageIds per account (default 200,000); the oldest are forgotten first. */
  maxMessageIdsPerAccount?: number;
  scoreHalfLifeMs?: number;
}

interface SeenMessage {
  storedAt: number;
  /** Set by observe: the message's bucketed time. Events and outcomes may create the entry first. */
  observed: boolean;
  t: number;
  answer: string | null;
  outcomeRecorded: boolean;
  /** Event types already counted for this message (one delivery report, one verification, ...). */
  events: Set<string>;
}

interface AccountState {
  lastWriteAt: number;
  metaWriteAt: number;
  firstSeenAt: number;
  status: AccountStatus | null;
  scoreAt: number;
  scoreMax: number;
  scoreSum: number;
  scoreWeight: number;
  /** Counter rings by group name. */
  rings: Map<string, CounterRing>;
  /** 10-minute buckets: prefix -> count, plus '#' = all phone messages. */
  prefixCounts: Map<number, Map<string, number>>;
  /** 10-minute buckets: content band -> count. */
  bandCounts: Map<number, Map<string, number>>;
  recipients1h: Map<number, Set<string>>;
  recipients24h: Map<number, Set<string>>;
  countries24h: Map<number, Set<string>>;
  prefixes24h: Map<number, Set<string>>;
  linkDomains24h: Map<number, Set<string>>;
  topPrefix: string | null;
  topBand: string | null;
  seen: Map<string, SeenMessage>;
}

const PHONE_TOTAL = '#';

function newAccount(now: number): AccountState {
  return {
    lastWriteAt: now,
    metaWriteAt: now,
    firstSeenAt: 0,
    status: null,
    scoreAt: 0,
    scoreMax: 0,
    scoreSum: 0,
    scoreWeight: 0,
    rings: new Map(),
    prefixCounts: new Map(),
    bandCounts: new Map(),
    recipients1h: new Map(),
    recipients24h: new Map(),
    countries24h: new Map(),
    prefixes24h: new Map(),
    linkDomains24h: new Map(),
    topPrefix: null,
    topBand: null,
    seen: new Map(),
  };
}

function ringAdd(state: AccountState, spec: RingSpec, t: number, by: number): void {
  let ring = state.rings.get(spec.group.name);
  if (!ring) {
    ring = new CounterRing(spec.group);
    state.rings.set(spec.group.name, ring);
  }
  ring.add(bucketOf(t, spec.bucketMs), spec.index, by);
}

function ringSum(state: AccountState, spec: RingSpec, t: number): number {
  const ring = state.rings.get(spec.group.name);
  return ring ? ring.totalsAt(bucketOf(t, spec.bucketMs))[spec.index] : 0;
}

function pruneBuckets<V>(buckets: Map<number, V>, t: number, bucketMs: number, count: number): void {
  const oldest = bucketOf(t, bucketMs) - count + 1;
  for (const bucket of buckets.keys()) if (bucket < oldest) buckets.delete(bucket);
}

function setAdd(
  buckets: Map<number, Set<string>>,
  bucket: number,
  values: readonly string[],
  maxSetSize: number,
): void {
  let set = buckets.get(bucket);
  if (!set) {
    set = new Set();
    buckets.set(bucket, set);
  }
  for (const value of values) if (set.size < maxSetSize || set.has(value)) set.add(value);
}

function unionSize(buckets: Map<number, Set<string>>, window: number[]): number {
  const sets = window.map((b) => buckets.get(b)).filter((s): s is Set<string> => s !== undefined);
  if (sets.length === 0) return 0;
  if (sets.length === 1) return sets[0].size;
  const union = new Set<string>();
  for (const set of sets) for (const value of set) union.add(value);
  return union.size;
}

function countAdd(buckets: Map<number, Map<string, number>>, bucket: number, field: string): void {
  let counts = buckets.get(bucket);
  if (!counts) {
    counts = new Map();
    buckets.set(bucket, counts);
  }
  counts.set(field, (counts.get(field) ?? 0) + 1);
}

function countSum(buckets: Map<number, Map<string, number>>, window: number[], field: string): number {
  let total = 0;
  for (const bucket of window) total += buckets.get(bucket)?.get(field) ?? 0;
  return total;
}

export function createMemorySignalStore(opts: MemorySignalStoreOptions = {}): SignalStore {
  const now = opts.now ?? Date.now;
  const maxAccounts = opts.maxAccounts ?? 200_000;
  const maxSetSize = opts.maxSetSize ?? 20_000;
  const maxMessageIds = opts.maxMessageIdsPerAccount ?? 200_000;
  const halfLife = opts.scoreHalfLifeMs ?? DEFAULT_SCORE_HALF_LIFE_MS;
  // Map iteration order = least recently written first (every write re-inserts the account).
  const accounts = new Map<string, AccountState>();
  let closed = false;
  let writesSinceSweep = 0;

  function isExpired(state: AccountState, at: number): boolean {
    return at - state.metaWriteAt > META_TTL_MS && at - state.lastWriteAt > COUNTERS_TTL_MS;
  }

  function evict(at: number): void {
    for (const [id, state] of accounts) {
      if (accounts.size > maxAccounts || isExpired(state, at)) accounts.delete(id);
      else if (at - state.lastWriteAt <= COUNTERS_TTL_MS) break; // the rest were written later
    }
  }

  function read(accountId: string): AccountState | undefined {
    const state = accounts.get(accountId);
    if (state && isExpired(state, now())) {
      accounts.delete(accountId);
      return undefined;
    }
    return state;
  }

  /** Fetches or creates the account and marks it most recently written. */
  function touch(accountId: string, at: number): AccountState {
    let state = read(accountId);
    if (state) accounts.delete(accountId);
    else state = newAccount(at);
    accounts.set(accountId, state);
    if (at - state.lastWriteAt > COUNTERS_TTL_MS) {
      // Like the Redis counters key expiring: windows restart, metadata stays.
      const fresh = newAccount(at);
      Object.assign(state, {
        rings: fresh.rings,
        prefixCounts: fresh.prefixCounts,
        bandCounts: fresh.bandCounts,
        topPrefix: null,
        topBand: null,
      });
    }
    state.lastWriteAt = at;
    // Amortised sweep of expired accounts: one pass over the stale head every 1,024 writes.
    if (accounts.size > maxAccounts || ++writesSinceSweep >= 1024) {
      writesSinceSweep = 0;
      evict(at);
    }
    return state;
  }

  function forgetOldMessageIds(state: AccountState, at: number): void {
    for (const [id, seen] of state.seen) {
      if (at - seen.storedAt >= IDEMPOTENCY_TTL_MS || state.seen.size > maxMessageIds) state.seen.delete(id);
      else break;
    }
  }

  function seenMessage(
    state: AccountState | undefined,
    messageId: string,
    at: number,
  ): SeenMessage | undefined {
    const seen = state?.seen.get(messageId);
    if (seen && at - seen.storedAt < IDEMPOTENCY_TTL_MS) return seen;
    return undefined;
  }

  function scoreStatsAt(state: AccountState, t: number) {
    const f = decayFactor(t - state.scoreAt, halfLife);
    return {
      max: state.scoreMax * f,
      mean: state.scoreWeight > 1e-9 ? state.scoreSum / state.scoreWeight : 0,
      weight: state.scoreWeight * f,
    };
  }

  /** Decays the stats to the later of their time and t, then adds the score weighted by its own age. */
  function updateScoreStats(state: AccountState, score: number, t: number): void {
    if (t > state.scoreAt) {
      const f = decayFactor(t - state.scoreAt, halfLife);
      state.scoreMax *= f;
      state.scoreSum *= f;
      state.scoreWeight *= f;
      state.scoreAt = t;
    }
    const weight = decayFactor(state.scoreAt - t, halfLife);
    state.scoreMax = Math.max(state.scoreMax, score * weight);
    state.scoreSum += score * weight;
    state.scoreWeight += weight;
  }

  function signalsOf(state: AccountState | undefined, t: number): AccountSignals {
    if (!state) return emptySignals();
    const hourWindow = windowBuckets(t, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS);
    const dayWindow = windowBuckets(t, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS);
    const scores = scoreStatsAt(state, t);
    return assembleSignals({
      status: state.status,
      firstSeenAt: state.firstSeenAt,
      at: t,
      count1m: ringSum(state, MESSAGES_1M, t),
      count1h: ringSum(state, MESSAGES_1H, t),
      count24h: ringSum(state, MESSAGES_24H, t),
      uniqueRecipients1h: unionSize(state.recipients1h, hourWindow),
      uniqueRecipients24h: unionSize(state.recipients24h, dayWindow),
      destCountries24h: unionSize(state.countries24h, dayWindow),
      destPrefixes24h: unionSize(state.prefixes24h, dayWindow),
      topPrefixCount1h:
        state.topPrefix === null ? 0 : countSum(state.prefixCounts, hourWindow, state.topPrefix),
      phoneMessages1h: countSum(state.prefixCounts, hourWindow, PHONE_TOTAL),
      repeatedContent1h: state.topBand === null ? 0 : countSum(state.bandCounts, hourWindow, state.topBand),
      linkDomains24h: unionSize(state.linkDomains24h, dayWindow),
      deliveryReports24h: ringSum(state, DELIVERY_REPORTS_24H, t),
      deliveryFailed24h: ringSum(state, DELIVERY_FAILED_24H, t),
      deliveryFiltered24h: ringSum(state, DELIVERY_FILTERED_24H, t),
      optOuts24h: ringSum(state, OPT_OUTS_24H, t),
      otpSent24h: ringSum(state, OTP_SENT_24H, t),
      verifications24h: ringSum(state, VERIFICATIONS_24H, t),
      complaints24h: ringSum(state, COMPLAINTS_24H, t),
      recentScoreMax: scores.max,
      recentScoreMean: scores.mean,
      recentScoreWeight: scores.weight,
      suspiciousCount1h: ringSum(state, SUSPICIOUS_1H, t),
      abusiveCount24h: ringSum(state, ABUSIVE_24H, t),
    });
  }

  function observeOne(obs: MessageObservation): ObserveResult {
    const clock = now();
    const t = effectiveTime(obs.sentAt, clock);
    // Buckets follow the message's time; the windows read end at the later of it and the clock,
    // so a late message is judged on the account's behaviour now.
    const at = Math.max(t, clock);
    const existing = read(obs.accountId);
    const seen = seenMessage(existing, obs.messageId, clock);
    if (seen && (seen.observed || seen.answer !== null))
      return { duplicate: true, storedAnswer: seen.answer, signals: signalsOf(existing, at) };

    const state = touch(obs.accountId, clock);
    forgetOldMessageIds(state, clock);
    if (seen) {
      state.seen.delete(obs.messageId); // re-inserted last: the forget order follows storedAt
      Object.assign(seen, { storedAt: clock, observed: true, t });
      state.seen.set(obs.messageId, seen);
    } else
      state.seen.set(obs.messageId, {
        storedAt: clock,
        observed: true,
        t,
        answer: null,
        outcomeRecorded: false,
        events: new Set(),
      });
    state.metaWriteAt = clock;
    state.firstSeenAt = state.firstSeenAt === 0 ? t : Math.min(state.firstSeenAt, t);

    ringAdd(state, MESSAGES_1M, t, 1);
    ringAdd(state, MESSAGES_1H, t, 1);
    ringAdd(state, MESSAGES_24H, t, 1);
    if (obs.otp) ringAdd(state, OTP_SENT_24H, t, 1);

    const hourBucket = bucketOf(t, HOUR_SET_BUCKET_MS);
    const dayBucket = bucketOf(t, DAY_SET_BUCKET_MS);
    const hourWindow = windowBuckets(at, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS);
    for (const [buckets, bucketMs, count] of [
      [state.recipients1h, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS],
      [state.prefixCounts, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS],
      [state.bandCounts, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS],
      [state.recipients24h, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS],
      [state.countries24h, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS],
      [state.prefixes24h, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS],
      [state.linkDomains24h, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS],
    ] as const) {
      // By the clock, not by t: every later read ends at or after the clock (monotonic), so a pruned
      // bucket can never be needed again.
      pruneBuckets(buckets as Map<number, unknown>, clock, bucketMs, count);
    }

    const recipient = recipientKey(obs.to);
    setAdd(state.recipients1h, hourBucket, [recipient], maxSetSize);
    setAdd(state.recipients24h, dayBucket, [recipient], maxSetSize);

    const destination = destinationOf(obs.to);
    if (destination.prefix !== '') {
      setAdd(state.countries24h, dayBucket, [destination.country], maxSetSize);
      setAdd(state.prefixes24h, dayBucket, [destination.prefix], maxSetSize);
      countAdd(state.prefixCounts, hourBucket, destination.prefix);
      countAdd(state.prefixCounts, hourBucket, PHONE_TOTAL);
      // Heavy-hitter candidate: exact whenever the top prefix keeps receiving traffic, which is
      // the pumping case; O(1) instead of scanning every prefix of the hour.
      const mine = countSum(state.prefixCounts, hourWindow, destination.prefix);
      const top = state.topPrefix === null ? -1 : countSum(state.prefixCounts, hourWindow, state.topPrefix);
      if (mine >= top) state.topPrefix = destination.prefix;
    }

    const bands = fingerprintBands(obs.fingerprint);
    if (bands.length > 0) {
      let bestBand = bands[0];
      let bestCount = -1;
      for (const band of bands) {
        countAdd(state.bandCounts, hourBucket, band);
        const c = countSum(state.bandCounts, hourWindow, band);
        if (c > bestCount) {
          bestCount = c;
          bestBand = band;
        }
      }
      const top = state.topBand === null ? -1 : countSum(state.bandCounts, hourWindow, state.topBand);
      if (bestCount >= top) state.topBand = bestBand;
    }

    if (obs.linkDomains.length > 0) {
      setAdd(
        state.linkDomains24h,
        dayBucket,
        obs.linkDomains.map((d) => d.toLowerCase()),
        maxSetSize,
      );
    }
    return { duplicate: false, storedAnswer: null, signals: signalsOf(state, at) };
  }

  function assertOpen(): void {
    if (closed) throw new Error('signal store is closed');
  }

  return {
    async observe(obs) {
      assertOpen();
      return observeOne(obs);
    },

    async observeBatch(list) {
      assertOpen();
      return list.map(observeOne);
    },

    async recordOutcome(accountId: string, messageId: string, o: MessageOutcome) {
      assertOpen();
      const clock = now();
      const seen = seenMessage(read(accountId), messageId, clock);
      if (seen?.outcomeRecorded) return seen.answer;
      const state = touch(accountId, clock);
      state.metaWriteAt = clock;
      const t = seen?.observed ? seen.t : effectiveTime(o.at ?? clock, clock);
      if (seen) {
        seen.answer = o.answer;
        seen.outcomeRecorded = true;
      } else {
        forgetOldMessageIds(state, clock);
        state.seen.set(messageId, {
          storedAt: clock,
          observed: false,
          t,
          answer: o.answer,
          outcomeRecorded: true,
          events: new Set(),
        });
      }

      if (o.score !== null && Number.isFinite(o.score))
        updateScoreStats(state, Math.min(1, Math.max(0, o.score)), t);
      if (o.suspicious) ringAdd(state, SUSPICIOUS_1H, t, 1);
      if (o.abusive) ringAdd(state, ABUSIVE_24H, t, 1);
      return null;
    },

    async recordEvents(events: SignalEvent[]) {
      assertOpen();
      const clock = now();
      for (const event of events) {
        const t = effectiveTime(event.at, clock);
        const messageId = event.messageId;
        let seen: SeenMessage | undefined;
        if (messageId !== undefined) {
          // One event of each type per message: pipeline retries and repeated carrier reports count once.
          seen = seenMessage(read(event.accountId), messageId, clock);
          if (seen?.events.has(event.type)) continue;
        }
        const state = touch(event.accountId, clock);
        if (messageId !== undefined) {
          if (seen) seen.events.add(event.type);
          else {
            forgetOldMessageIds(state, clock);
            state.seen.set(messageId, {
              storedAt: clock,
              observed: false,
              t,
              answer: null,
              outcomeRecorded: false,
              events: new Set([event.type]),
            });
          }
        }
        switch (event.type) {
          case 'delivery':
            ringAdd(state, DELIVERY_REPORTS_24H, t, 1);
            if (event.status === 'failed' || event.status === 'undelivered')
              ringAdd(state, DELIVERY_FAILED_24H, t, 1);
            if (event.status === 'filtered') ringAdd(state, DELIVERY_FILTERED_24H, t, 1);
            break;
          case 'opt_out':
            ringAdd(state, OPT_OUTS_24H, t, 1);
            break;
          case 'verification':
            ringAdd(state, VERIFICATIONS_24H, t, 1);
            break;
          case 'complaint':
            ringAdd(state, COMPLAINTS_24H, t, 1);
            break;
        }
      }
    },

    async getSignals(accountId: string) {
      assertOpen();
      return signalsOf(read(accountId), now());
    },

    async setStatus(accountId: string, status: AccountStatus, options: SetStatusOptions = {}) {
      assertOpen();
      const clock = now();
      const state = touch(accountId, clock);
      state.metaWriteAt = clock;
      state.status = status;
      if (options.resetRisk) {
        state.scoreMax = 0;
        state.scoreSum = 0;
        state.scoreWeight = 0;
        state.scoreAt = 0;
        state.rings.get(SUSPICIOUS_1H.group.name)?.zero(SUSPICIOUS_1H.index);
        state.rings.get(ABUSIVE_24H.group.name)?.zero(ABUSIVE_24H.index);
      }
    },

    async forgetAccount(accountId: string) {
      assertOpen();
      return accounts.delete(accountId) ? 1 : 0;
    },

    async ping() {
      return !closed;
    },

    async close() {
      closed = true;
      accounts.clear();
    },
  };
}
