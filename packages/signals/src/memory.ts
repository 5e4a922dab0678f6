import { destinationOf } from './destinations';
import {
  type AccountState,
  countAdd,
  countSum,
  distinctAdd,
  newAccount,
  PHONE_TOTAL,
  pruneBuckets,
  ringAdd,
  type SeenMessage,
  setAdd,
  signalsOf,
  updateScoreStats,
} from './memoryAccount';
import type {
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
  COUNTRIES_24H,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DEFAULT_SCORE_HALF_LIFE_MS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  effectiveTime,
  fingerprintBands,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  IDEMPOTENCY_TTL_MS,
  LINK_DOMAINS_24H,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  META_TTL_MS,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  PREFIXES_24H,
  RECIPIENTS_1H,
  recipientKey,
  SUSPICIOUS_1H,
  VERIFICATIONS_24H,
  windowBuckets,
} from './windows';

export interface MemorySignalStoreOptions {
  now?: () => number;
  /** Least-recently-written accounts beyond this are dropped (default 200,000). */
  maxAccounts?: number;
  /** Distinct values kept per window (per last-seen map, and per day bucket of recipients); beyond it the unique counts saturate (default 20,000). */
  maxSetSize?: number;
  /** Remembered messageIds per account (default 200,000); the oldest are forgotten first. */
  maxMessageIdsPerAccount?: number;
  scoreHalfLifeMs?: number;
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
    else state = newAccount(at, maxSetSize);
    accounts.set(accountId, state);
    if (at - state.lastWriteAt > COUNTERS_TTL_MS) {
      // Every window is empty by now (the Redis values hash has expired): windows restart, metadata
      // stays. The rings and the last-seen buckets behind them restart together.
      const fresh = newAccount(at, maxSetSize);
      Object.assign(state, {
        rings: fresh.rings,
        recipients1h: fresh.recipients1h,
        countries24h: fresh.countries24h,
        prefixes24h: fresh.prefixes24h,
        linkDomains24h: fresh.linkDomains24h,
        prefixCounts: fresh.prefixCounts,
        bandCounts: fresh.bandCounts,
        recipients24h: fresh.recipients24h,
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

  function observeOne(obs: MessageObservation): ObserveResult {
    const clock = now();
    const t = effectiveTime(obs.sentAt, clock);
    // Buckets follow the message's time; the windows read end at the later of it and the clock,
    // so a late message is judged on the account's behaviour now.
    const at = Math.max(t, clock);
    const existing = read(obs.accountId);
    const seen = seenMessage(existing, obs.messageId, clock);
    if (seen && (seen.observed || seen.answer !== null))
      return { duplicate: true, storedAnswer: seen.answer, signals: signalsOf(existing, at, halfLife) };

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
    // Buckets outside the windows ending at 'at' are never read again: not written (as in Redis).
    const inHour = bucketOf(at, HOUR_SET_BUCKET_MS) - hourBucket < HOUR_SET_BUCKETS;
    const inDay = bucketOf(at, DAY_SET_BUCKET_MS) - dayBucket < DAY_SET_BUCKETS;
    // By the clock, not by t: every later read ends at or after the clock (monotonic), so what is
    // forgotten here can never be needed again.
    const clockHour = bucketOf(clock, HOUR_SET_BUCKET_MS);
    const clockDay = bucketOf(clock, DAY_SET_BUCKET_MS);
    pruneBuckets(state.prefixCounts, clock, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS);
    pruneBuckets(state.bandCounts, clock, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS);
    pruneBuckets(state.recipients24h, clock, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS);
    state.recipients1h.forgetUpTo(clockHour - HOUR_SET_BUCKETS);
    for (const values of [state.countries24h, state.prefixes24h, state.linkDomains24h])
      values.forgetUpTo(clockDay - DAY_SET_BUCKETS);

    const recipient = recipientKey(obs.to);
    const destination = destinationOf(obs.to);
    const hasPrefix = destination.prefix !== '';
    // Same order as the script: recipient, country, prefix, link domains.
    if (inHour) distinctAdd(state, state.recipients1h, RECIPIENTS_1H, recipient, t);
    if (inDay) {
      setAdd(state.recipients24h, dayBucket, recipient, maxSetSize);
      if (hasPrefix) {
        distinctAdd(state, state.countries24h, COUNTRIES_24H, destination.country, t);
        distinctAdd(state, state.prefixes24h, PREFIXES_24H, destination.prefix, t);
      }
      for (const domain of new Set(obs.linkDomains.map((d) => d.toLowerCase())))
        distinctAdd(state, state.linkDomains24h, LINK_DOMAINS_24H, domain, t);
    }

    if (hasPrefix && inHour) {
      countAdd(state.prefixCounts, hourBucket, destination.prefix);
      countAdd(state.prefixCounts, hourBucket, PHONE_TOTAL);
    }
    if (hasPrefix) {
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
        if (inHour) countAdd(state.bandCounts, hourBucket, band);
        const c = countSum(state.bandCounts, hourWindow, band);
        if (c > bestCount) {
          bestCount = c;
          bestBand = band;
        }
      }
      const top = state.topBand === null ? -1 : countSum(state.bandCounts, hourWindow, state.topBand);
      if (bestCount >= top) state.topBand = bestBand;
    }
    return { duplicate: false, storedAnswer: null, signals: signalsOf(state, at, halfLife) };
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
        updateScoreStats(state, Math.min(1, Math.max(0, o.score)), t, halfLife);
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
      return signalsOf(read(accountId), now(), halfLife);
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
