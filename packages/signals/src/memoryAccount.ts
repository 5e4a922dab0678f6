// One account's state in the in-process store, and the window arithmetic on it. Same windows and
// the same algorithms as the Redis script (rings with running totals, last-seen distinct counts,
// per-value hour counts), so the contract suite and the cross-store property test hold them together.
import { assembleSignals, emptySignals } from './assemble';
import { CounterRing } from './counterRing';
import { LastSeenValues } from './lastSeen';
import type { AccountSignals, AccountStatus } from './types';
import {
  ABUSIVE_24H,
  bucketOf,
  COMPLAINTS_24H,
  COUNTRIES_24H,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  decayFactor,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  LINK_DOMAINS_24H,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  PREFIXES_24H,
  RECIPIENTS_1H,
  type RingSpec,
  SUSPICIOUS_1H,
  VERIFICATIONS_24H,
  windowBuckets,
} from './windows';

export interface SeenMessage {
  storedAt: number;
  /** Set by observe: the message's bucketed time. Events and outcomes may create the entry first. */
  observed: boolean;
  t: number;
  answer: string | null;
  outcomeRecorded: boolean;
  /** Event types already counted for this message (one delivery report, one verification, ...). */
  events: Set<string>;
}

export interface AccountState {
  lastWriteAt: number;
  metaWriteAt: number;
  firstSeenAt: number;
  status: AccountStatus | null;
  scoreAt: number;
  scoreMax: number;
  scoreSum: number;
  scoreWeight: number;
  /** Counter rings by group name (message counts, events, distinct counts). */
  rings: Map<string, CounterRing>;
  /** Last-seen buckets behind the distinct counts (RECIPIENTS_1H, COUNTRIES_24H, ...). */
  recipients1h: LastSeenValues;
  countries24h: LastSeenValues;
  prefixes24h: LastSeenValues;
  linkDomains24h: LastSeenValues;
  /** 10-minute buckets: prefix -> count, plus '#' = all phone messages. */
  prefixCounts: Map<number, Map<string, number>>;
  /** 10-minute buckets: content band -> count. */
  bandCounts: Map<number, Map<string, number>>;
  /** 3-hour buckets of recipients: the one day-scale set kept as sets (HyperLogLogs in Redis). */
  recipients24h: Map<number, Set<string>>;
  topPrefix: string | null;
  topBand: string | null;
  seen: Map<string, SeenMessage>;
}

export const PHONE_TOTAL = '#';

export function newAccount(now: number, maxSetSize: number): AccountState {
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
    recipients1h: new LastSeenValues(maxSetSize),
    countries24h: new LastSeenValues(maxSetSize),
    prefixes24h: new LastSeenValues(maxSetSize),
    linkDomains24h: new LastSeenValues(maxSetSize),
    prefixCounts: new Map(),
    bandCounts: new Map(),
    recipients24h: new Map(),
    topPrefix: null,
    topBand: null,
    seen: new Map(),
  };
}

export function ringOf(state: AccountState, spec: RingSpec): CounterRing {
  let ring = state.rings.get(spec.group.name);
  if (!ring) {
    ring = new CounterRing(spec.group);
    state.rings.set(spec.group.name, ring);
  }
  return ring;
}

export function ringAdd(state: AccountState, spec: RingSpec, t: number, by: number): void {
  ringOf(state, spec).add(bucketOf(t, spec.bucketMs), spec.index, by);
}

/** Counts `value` as seen at time t in the distinct ring `spec`. */
export function distinctAdd(
  state: AccountState,
  values: LastSeenValues,
  spec: RingSpec,
  value: string,
  t: number,
): void {
  values.add(ringOf(state, spec), spec.index, value, bucketOf(t, spec.bucketMs));
}

function ringSum(state: AccountState, spec: RingSpec, t: number): number {
  const ring = state.rings.get(spec.group.name);
  return ring ? ring.totalsAt(bucketOf(t, spec.bucketMs))[spec.index] : 0;
}

export function pruneBuckets<V>(buckets: Map<number, V>, t: number, bucketMs: number, count: number): void {
  const oldest = bucketOf(t, bucketMs) - count + 1;
  for (const bucket of buckets.keys()) if (bucket < oldest) buckets.delete(bucket);
}

export function setAdd(
  buckets: Map<number, Set<string>>,
  bucket: number,
  value: string,
  maxSetSize: number,
): void {
  let set = buckets.get(bucket);
  if (!set) {
    set = new Set();
    buckets.set(bucket, set);
  }
  if (set.size < maxSetSize || set.has(value)) set.add(value);
}

function unionSize(buckets: Map<number, Set<string>>, window: number[]): number {
  const sets = window.map((b) => buckets.get(b)).filter((s): s is Set<string> => s !== undefined);
  if (sets.length === 0) return 0;
  if (sets.length === 1) return sets[0].size;
  const union = new Set<string>();
  for (const set of sets) for (const value of set) union.add(value);
  return union.size;
}

export function countAdd(buckets: Map<number, Map<string, number>>, bucket: number, field: string): void {
  let counts = buckets.get(bucket);
  if (!counts) {
    counts = new Map();
    buckets.set(bucket, counts);
  }
  counts.set(field, (counts.get(field) ?? 0) + 1);
}

export function countSum(buckets: Map<number, Map<string, number>>, window: number[], field: string): number {
  let total = 0;
  for (const bucket of window) total += buckets.get(bucket)?.get(field) ?? 0;
  return total;
}

/** Decays the stats to the later of their time and t, then adds the score weighted by its own age. */
export function updateScoreStats(state: AccountState, score: number, t: number, halfLife: number): void {
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

export function signalsOf(state: AccountState | undefined, t: number, halfLife: number): AccountSignals {
  if (!state) return emptySignals();
  const hourWindow = windowBuckets(t, HOUR_SET_BUCKET_MS, HOUR_SET_BUCKETS);
  const dayWindow = windowBuckets(t, DAY_SET_BUCKET_MS, DAY_SET_BUCKETS);
  const f = decayFactor(t - state.scoreAt, halfLife);
  return assembleSignals({
    status: state.status,
    firstSeenAt: state.firstSeenAt,
    at: t,
    count1m: ringSum(state, MESSAGES_1M, t),
    count1h: ringSum(state, MESSAGES_1H, t),
    count24h: ringSum(state, MESSAGES_24H, t),
    uniqueRecipients1h: ringSum(state, RECIPIENTS_1H, t),
    uniqueRecipients24h: unionSize(state.recipients24h, dayWindow),
    destCountries24h: ringSum(state, COUNTRIES_24H, t),
    destPrefixes24h: ringSum(state, PREFIXES_24H, t),
    topPrefixCount1h:
      state.topPrefix === null ? 0 : countSum(state.prefixCounts, hourWindow, state.topPrefix),
    phoneMessages1h: countSum(state.prefixCounts, hourWindow, PHONE_TOTAL),
    repeatedContent1h: state.topBand === null ? 0 : countSum(state.bandCounts, hourWindow, state.topBand),
    linkDomains24h: ringSum(state, LINK_DOMAINS_24H, t),
    deliveryReports24h: ringSum(state, DELIVERY_REPORTS_24H, t),
    deliveryFailed24h: ringSum(state, DELIVERY_FAILED_24H, t),
    deliveryFiltered24h: ringSum(state, DELIVERY_FILTERED_24H, t),
    optOuts24h: ringSum(state, OPT_OUTS_24H, t),
    otpSent24h: ringSum(state, OTP_SENT_24H, t),
    verifications24h: ringSum(state, VERIFICATIONS_24H, t),
    complaints24h: ringSum(state, COMPLAINTS_24H, t),
    recentScoreMax: state.scoreMax * f,
    recentScoreMean: state.scoreWeight > 1e-9 ? state.scoreSum / state.scoreWeight : 0,
    recentScoreWeight: state.scoreWeight * f,
    suspiciousCount1h: ringSum(state, SUSPICIOUS_1H, t),
    abusiveCount24h: ringSum(state, ABUSIVE_24H, t),
  });
}
