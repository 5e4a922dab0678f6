// Window layout shared by the Redis and in-process stores, so both give the same numbers.
//
// Scalar counts use ring buffers of buckets: slot = bucket % slots, each slot stamped with its
// bucket number. A write to a newer bucket resets the slot; a write to a bucket older than the
// slot's stamp is dropped (its bucket has already left the window). Reads sum slots whose stamp
// lies in the window. Cost: O(1) per write, O(slots) per read, bounded memory per account no
// matter how long it stays active. A sorted set per account would be exact to the millisecond but
// costs O(log n) per message and memory proportional to the traffic of the window.
//
// Distinct counts (recipients in the hour; countries, prefixes, link domains in the day) are rings
// of "values last seen in this bucket" fed by a per-value last-seen bucket. Per-value hour counts
// (prefix counts, content bands) keep a small ring per value. Only recipients over the day, which a
// busy account can have millions of, stay HyperLogLogs (one per 3-hour bucket).

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Counters sharing a bucket size live in one ring group. In Redis one hash field per slot holds
 * bucket, counter1, counter2, ... (packed int32s) so a read is one HMGET per group (6 + 60 + 24
 * fields) instead of one per counter. Sharing the stamp changes nothing: a slot stamped with a newer bucket than a
 * write's can only be newer by a whole window, so that write was out of every window anyway.
 */
export interface RingGroup {
  /** Field-name prefix in the Redis counters hash. */
  readonly name: string;
  readonly bucketMs: number;
  readonly slots: number;
  readonly counters: readonly string[];
}

export interface RingSpec {
  readonly group: RingGroup;
  /** Position of the counter in the group (0-based). */
  readonly index: number;
  /** Unique name, e.g. 'M.suspicious'. */
  readonly name: string;
  readonly bucketMs: number;
  readonly slots: number;
}

// count1m covers the last 50-60 s, count1h the last 59-60 min, count24h the last 23-24 h.
export const TEN_SECOND_RING: RingGroup = {
  name: 'A',
  bucketMs: 10 * SECOND,
  slots: 6,
  counters: ['messages'],
};
export const MINUTE_RING: RingGroup = {
  name: 'M',
  bucketMs: MINUTE,
  slots: 60,
  counters: ['messages', 'suspicious'],
};
export const HOUR_RING: RingGroup = {
  name: 'H',
  bucketMs: HOUR,
  slots: 24,
  counters: [
    'messages',
    'abusive',
    'deliveryReports',
    'deliveryFailed',
    'deliveryFiltered',
    'optOuts',
    'otpSent',
    'verifications',
    'complaints',
  ],
};
/**
 * Distinct counts as rings too: a value (recipient, country, ...) is counted in the bucket where it
 * was last seen, so "distinct values in the window" is the ring's window total. When a value shows up
 * in a newer bucket it moves: -1 in its old bucket, +1 in the new one. Exact, O(1) per value, and the
 * count is read with the other counters (no PFCOUNT, no per-bucket reads).
 */
export const DISTINCT_HOUR_RING: RingGroup = {
  name: 'D',
  bucketMs: 10 * MINUTE,
  slots: 6,
  counters: ['recipients'],
};
export const DISTINCT_DAY_RING: RingGroup = {
  name: 'E',
  bucketMs: 3 * HOUR,
  slots: 8,
  counters: ['countries', 'prefixes', 'linkDomains'],
};
export const RING_GROUPS: readonly RingGroup[] = [
  TEN_SECOND_RING,
  MINUTE_RING,
  HOUR_RING,
  DISTINCT_HOUR_RING,
  DISTINCT_DAY_RING,
];

function counter(group: RingGroup, name: string): RingSpec {
  const index = group.counters.indexOf(name);
  if (index < 0) throw new Error(`no counter ${name} in ring ${group.name}`);
  return { group, index, name: `${group.name}.${name}`, bucketMs: group.bucketMs, slots: group.slots };
}

export const MESSAGES_1M = counter(TEN_SECOND_RING, 'messages');
export const MESSAGES_1H = counter(MINUTE_RING, 'messages');
export const SUSPICIOUS_1H = counter(MINUTE_RING, 'suspicious');
export const MESSAGES_24H = counter(HOUR_RING, 'messages');
export const ABUSIVE_24H = counter(HOUR_RING, 'abusive');
export const DELIVERY_REPORTS_24H = counter(HOUR_RING, 'deliveryReports');
export const DELIVERY_FAILED_24H = counter(HOUR_RING, 'deliveryFailed');
export const DELIVERY_FILTERED_24H = counter(HOUR_RING, 'deliveryFiltered');
export const OPT_OUTS_24H = counter(HOUR_RING, 'optOuts');
export const OTP_SENT_24H = counter(HOUR_RING, 'otpSent');
export const VERIFICATIONS_24H = counter(HOUR_RING, 'verifications');
export const COMPLAINTS_24H = counter(HOUR_RING, 'complaints');
export const RECIPIENTS_1H = counter(DISTINCT_HOUR_RING, 'recipients');
export const COUNTRIES_24H = counter(DISTINCT_DAY_RING, 'countries');
export const PREFIXES_24H = counter(DISTINCT_DAY_RING, 'prefixes');
export const LINK_DOMAINS_24H = counter(DISTINCT_DAY_RING, 'linkDomains');

/** Hour-scale set/count buckets: 6 x 10 min, so "1h" covers the last 50-60 minutes. */
export const HOUR_SET_BUCKET_MS = 10 * MINUTE;
export const HOUR_SET_BUCKETS = 6;
/**
 * Day-scale set buckets: 8 x 3 h, so "24h" covers the last 21-24 hours. Eight keys keep PFCOUNT's
 * merge cheap (a dense HyperLogLog is 12 KB; merging 24 hourly ones per message would cost ~400k
 * register reads for a busy account).
 */
export const DAY_SET_BUCKET_MS = 3 * HOUR;
export const DAY_SET_BUCKETS = 8;

export const IDEMPOTENCY_TTL_MS = DAY;
/** Account metadata (first seen, cached status, score stats) outlives the windows. */
export const META_TTL_MS = 30 * DAY;
export const COUNTERS_TTL_MS = DAY + HOUR;

/** Half-life of the decayed score max and mean. */
export const DEFAULT_SCORE_HALF_LIFE_MS = HOUR;

/** Observations dated further in the future than this, or older than a day, are counted at the store's clock. */
export const MAX_FUTURE_SKEW_MS = 5 * MINUTE;

export function effectiveTime(at: number, now: number): number {
  if (!Number.isFinite(at) || at > now + MAX_FUTURE_SKEW_MS || at < now - DAY) return now;
  return Math.floor(at);
}

export function bucketOf(t: number, bucketMs: number): number {
  return Math.floor(t / bucketMs);
}

/** The bucket numbers of a window ending at `t`, newest first. */
export function windowBuckets(t: number, bucketMs: number, count: number): number[] {
  const newest = bucketOf(t, bucketMs);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(newest - i);
  return out;
}

/**
 * Near-duplicate bands of a 64-bit SimHash: four 16-bit bands. Two fingerprints within Hamming
 * distance 3 share at least one band exactly (pigeonhole), so counting band matches finds them.
 * Returns [] for a fingerprint that is not 16 hex chars.
 */
export function fingerprintBands(fingerprint: string): string[] {
  if (!/^[0-9a-f]{16}$/i.test(fingerprint)) return [];
  const fp = fingerprint.toLowerCase();
  return [0, 1, 2, 3].map((i) => `${i}${fp.slice(i * 4, i * 4 + 4)}`);
}

/** Recipient identity for unique counts: digits of a phone number, lower-cased address otherwise. */
export function recipientKey(to: string): string {
  const trimmed = to
    .trim()
    .toLowerCase()
    .replace(/^(whatsapp|tel|sms|mms):/, '');
  if (/^[+\d\s().-]+$/.test(trimmed)) return trimmed.replace(/[^\d]/g, '');
  return trimmed;
}

export function decayFactor(elapsedMs: number, halfLifeMs: number): number {
  if (elapsedMs <= 0) return 1;
  return 2 ** (-elapsedMs / halfLifeMs);
}
