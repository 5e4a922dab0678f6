// The one Lua script behind every Redis signal-store call. Generated from the window constants so
// the Redis and in-process stores cannot drift apart. Each call touches only keys of one account
// (hash-tagged `{accountId}`), declared in KEYS, so it runs unchanged on Redis Cluster.
import {
  ABUSIVE_24H,
  COMPLAINTS_24H,
  COUNTERS_TTL_MS,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  IDEMPOTENCY_TTL_MS,
  MAX_FUTURE_SKEW_MS,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  META_TTL_MS,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  type RingSpec,
  SUSPICIOUS_1H,
  VERIFICATIONS_24H,
} from './windows';

/** KEYS layout: fixed keys first, then the window buckets (newest first) for observe/read. */
export const KEY_META = 1;
export const KEY_COUNTERS = 2;
export const KEY_MESSAGE = 3;
export const KEY_PREFIX_COUNTS = 4; // HOUR_SET_BUCKETS hashes: prefix -> count, '#' -> phone total
export const KEY_BAND_COUNTS = KEY_PREFIX_COUNTS + HOUR_SET_BUCKETS;
export const KEY_RECIPIENTS_1H = KEY_BAND_COUNTS + HOUR_SET_BUCKETS;
export const KEY_RECIPIENTS_24H = KEY_RECIPIENTS_1H + HOUR_SET_BUCKETS;
export const KEY_COUNTRIES = KEY_RECIPIENTS_24H + DAY_SET_BUCKETS;
export const KEY_PREFIXES = KEY_COUNTRIES + DAY_SET_BUCKETS;
export const KEY_LINK_DOMAINS = KEY_PREFIXES + DAY_SET_BUCKETS;
export const KEY_COUNT_WITH_WINDOWS = KEY_LINK_DOMAINS + DAY_SET_BUCKETS - 1;

// Bucket keys outlive their window by one bucket plus the accepted clock skew.
const HOUR_BUCKET_TTL_MS = HOUR_SET_BUCKET_MS * (HOUR_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;
const DAY_BUCKET_TTL_MS = DAY_SET_BUCKET_MS * (DAY_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;

const ring = (r: RingSpec) => `{'${r.name}', ${r.bucketMs}, ${r.slots}}`;

/**
 * Reply of 'observe' and 'read' (all strings): duplicate, hasAnswer, answer, status, firstSeen,
 * then the WindowCounts in READ_FIELDS order, then score state (max, sum, weight, at).
 */
export const READ_FIELDS = [
  'count1m',
  'count1h',
  'count24h',
  'suspiciousCount1h',
  'abusiveCount24h',
  'deliveryReports24h',
  'deliveryFailed24h',
  'deliveryFiltered24h',
  'optOuts24h',
  'otpSent24h',
  'verifications24h',
  'complaints24h',
  'uniqueRecipients1h',
  'uniqueRecipients24h',
  'destCountries24h',
  'destPrefixes24h',
  'linkDomains24h',
  'topPrefixCount1h',
  'phoneMessages1h',
  'repeatedContent1h',
] as const;

export const SIGNAL_SCRIPT = `
local M1, H1, D1 = ${ring(MESSAGES_1M)}, ${ring(MESSAGES_1H)}, ${ring(MESSAGES_24H)}
local SUS, ABU = ${ring(SUSPICIOUS_1H)}, ${ring(ABUSIVE_24H)}
local DLV, FAIL, FILT = ${ring(DELIVERY_REPORTS_24H)}, ${ring(DELIVERY_FAILED_24H)}, ${ring(DELIVERY_FILTERED_24H)}
local OPT, OTP, VER, CMP = ${ring(OPT_OUTS_24H)}, ${ring(OTP_SENT_24H)}, ${ring(VERIFICATIONS_24H)}, ${ring(COMPLAINTS_24H)}
local HB, DB = ${HOUR_SET_BUCKETS}, ${DAY_SET_BUCKETS}
local K_META, K_CNT, K_MSG = KEYS[${KEY_META}], KEYS[${KEY_COUNTERS}], KEYS[${KEY_MESSAGE}]
local K_PX, K_FP, K_R1, K_R24 = ${KEY_PREFIX_COUNTS}, ${KEY_BAND_COUNTS}, ${KEY_RECIPIENTS_1H}, ${KEY_RECIPIENTS_24H}
local K_C, K_P, K_L = ${KEY_COUNTRIES}, ${KEY_PREFIXES}, ${KEY_LINK_DOMAINS}

local function ring_add(r, t, by)
  local bucket = math.floor(t / r[2])
  local f = r[1] .. (bucket % r[3])
  local stamp = tonumber(redis.call('HGET', K_CNT, f .. '@') or '-1')
  if stamp == bucket then
    redis.call('HINCRBY', K_CNT, f, by)
  elseif stamp < bucket then
    redis.call('HSET', K_CNT, f, by, f .. '@', bucket)
  end
end

local function ring_sum(r, t)
  local newest = math.floor(t / r[2])
  local fields = {}
  for slot = 0, r[3] - 1 do
    fields[#fields + 1] = r[1] .. slot
    fields[#fields + 1] = r[1] .. slot .. '@'
  end
  local v = redis.call('HMGET', K_CNT, unpack(fields))
  local total = 0
  for i = 1, #v, 2 do
    local stamp = tonumber(v[i + 1])
    if stamp and stamp <= newest and stamp > newest - r[3] then total = total + tonumber(v[i]) end
  end
  return total
end

local function ring_clear(r)
  local fields = {}
  for slot = 0, r[3] - 1 do
    fields[#fields + 1] = r[1] .. slot
    fields[#fields + 1] = r[1] .. slot .. '@'
  end
  redis.call('HDEL', K_CNT, unpack(fields))
end

local function keys_from(first, n)
  local out = {}
  for i = first, first + n - 1 do out[#out + 1] = KEYS[i] end
  return out
end

local function field_sum(first, n, field)
  local total = 0
  for i = first, first + n - 1 do total = total + tonumber(redis.call('HGET', KEYS[i], field) or '0') end
  return total
end

local function build(dup, answer, t)
  local meta = redis.call('HMGET', K_META, 'st', 'fs', 'sm', 'ss', 'sw', 'sa')
  local top_prefix = redis.call('HGET', K_CNT, 'tp')
  local top_band = redis.call('HGET', K_CNT, 'tf')
  local out = { dup, answer and '1' or '0', answer or '', meta[1] or '', meta[2] or '0' }
  for _, r in ipairs({ M1, H1, D1, SUS, ABU, DLV, FAIL, FILT, OPT, OTP, VER, CMP }) do
    out[#out + 1] = tostring(ring_sum(r, t))
  end
  out[#out + 1] = tostring(redis.call('PFCOUNT', unpack(keys_from(K_R1, HB))))
  out[#out + 1] = tostring(redis.call('PFCOUNT', unpack(keys_from(K_R24, DB))))
  out[#out + 1] = tostring(redis.call('PFCOUNT', unpack(keys_from(K_C, DB))))
  out[#out + 1] = tostring(redis.call('PFCOUNT', unpack(keys_from(K_P, DB))))
  out[#out + 1] = tostring(redis.call('PFCOUNT', unpack(keys_from(K_L, DB))))
  out[#out + 1] = tostring(top_prefix and field_sum(K_PX, HB, top_prefix) or 0)
  out[#out + 1] = tostring(field_sum(K_PX, HB, '#'))
  out[#out + 1] = tostring(top_band and field_sum(K_FP, HB, top_band) or 0)
  out[#out + 1] = meta[3] or '0'
  out[#out + 1] = meta[4] or '0'
  out[#out + 1] = meta[5] or '0'
  out[#out + 1] = meta[6] or '0'
  return out
end

local function touch_bucket(key, ttl)
  redis.call('PEXPIRE', key, ttl)
end

local op = ARGV[1]

if op == 'read' then
  return build('0', false, tonumber(ARGV[2]))
end

if op == 'observe' then
  -- ARGV: op, t, recipient, country, prefix, bands (comma separated), otp, link domains...
  local t = tonumber(ARGV[2])
  local seen = redis.call('HMGET', K_MSG, 't', 'a')
  if seen[1] or seen[2] then return build('1', seen[2], t) end
  redis.call('HSET', K_MSG, 't', t)
  redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS})

  local fs = tonumber(redis.call('HGET', K_META, 'fs') or '0')
  if fs == 0 or t < fs then redis.call('HSET', K_META, 'fs', t) end
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})

  ring_add(M1, t, 1)
  ring_add(H1, t, 1)
  ring_add(D1, t, 1)
  if ARGV[7] == '1' then ring_add(OTP, t, 1) end

  redis.call('PFADD', KEYS[K_R1], ARGV[3])
  touch_bucket(KEYS[K_R1], ${HOUR_BUCKET_TTL_MS})
  redis.call('PFADD', KEYS[K_R24], ARGV[3])
  touch_bucket(KEYS[K_R24], ${DAY_BUCKET_TTL_MS})

  local prefix = ARGV[5]
  if prefix ~= '' then
    redis.call('PFADD', KEYS[K_C], ARGV[4])
    touch_bucket(KEYS[K_C], ${DAY_BUCKET_TTL_MS})
    redis.call('PFADD', KEYS[K_P], prefix)
    touch_bucket(KEYS[K_P], ${DAY_BUCKET_TTL_MS})
    redis.call('HINCRBY', KEYS[K_PX], prefix, 1)
    redis.call('HINCRBY', KEYS[K_PX], '#', 1)
    touch_bucket(KEYS[K_PX], ${HOUR_BUCKET_TTL_MS})
    -- Heavy-hitter candidate: exact whenever the top prefix keeps receiving traffic (the pumping
    -- case), O(1) instead of scanning every prefix of the hour.
    local mine = field_sum(K_PX, HB, prefix)
    local top = redis.call('HGET', K_CNT, 'tp')
    local top_count = top and field_sum(K_PX, HB, top) or -1
    if mine >= top_count then redis.call('HSET', K_CNT, 'tp', prefix) end
  end

  if ARGV[6] ~= '' then
    local best_band, best_count = nil, -1
    for band in string.gmatch(ARGV[6], '[^,]+') do
      redis.call('HINCRBY', KEYS[K_FP], band, 1)
      local c = field_sum(K_FP, HB, band)
      if c > best_count then best_band, best_count = band, c end
    end
    touch_bucket(KEYS[K_FP], ${HOUR_BUCKET_TTL_MS})
    local top = redis.call('HGET', K_CNT, 'tf')
    local top_count = top and field_sum(K_FP, HB, top) or -1
    if best_count >= top_count then redis.call('HSET', K_CNT, 'tf', best_band) end
  end

  if #ARGV >= 8 then
    redis.call('PFADD', KEYS[K_L], unpack(ARGV, 8))
    touch_bucket(KEYS[K_L], ${DAY_BUCKET_TTL_MS})
  end
  redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  return build('0', false, t)
end

if op == 'outcome' then
  -- ARGV: op, fallback t, score, suspicious, abusive, answer, half-life ms
  local seen = redis.call('HMGET', K_MSG, 't', 'o')
  if seen[2] then return 0 end
  local t = tonumber(seen[1] or ARGV[2])
  redis.call('HSET', K_MSG, 'a', ARGV[6], 'o', '1')
  if not seen[1] then redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS}) end

  local half_life = tonumber(ARGV[7])
  local score = tonumber(ARGV[3])
  local m = redis.call('HMGET', K_META, 'sm', 'ss', 'sw', 'sa')
  local mx, sum, weight, at = tonumber(m[1] or '0'), tonumber(m[2] or '0'), tonumber(m[3] or '0'), tonumber(m[4] or '0')
  if t > at then
    local f = 2 ^ (-(t - at) / half_life)
    mx, sum, weight, at = mx * f, sum * f, weight * f, t
  end
  local w = 1
  if at > t then w = 2 ^ (-(at - t) / half_life) end
  mx = math.max(mx, score * w)
  sum = sum + score * w
  weight = weight + w
  redis.call('HSET', K_META, 'sm', string.format('%.17g', mx), 'ss', string.format('%.17g', sum),
    'sw', string.format('%.17g', weight), 'sa', string.format('%.17g', at))
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})
  if ARGV[4] == '1' then ring_add(SUS, t, 1) end
  if ARGV[5] == '1' then ring_add(ABU, t, 1) end
  redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  return 1
end

if op == 'event' then
  -- ARGV: op, t, type, delivery status, has messageId
  local t = tonumber(ARGV[2])
  local kind = ARGV[3]
  if ARGV[5] == '1' then
    -- One event of each type per message: pipeline retries and repeated carrier reports count once.
    if redis.call('HSETNX', K_MSG, 'e:' .. kind, '1') == 0 then return 0 end
    if redis.call('PTTL', K_MSG) < 0 then redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS}) end
  end
  if kind == 'delivery' then
    ring_add(DLV, t, 1)
    local status = ARGV[4]
    if status == 'failed' or status == 'undelivered' then ring_add(FAIL, t, 1) end
    if status == 'filtered' then ring_add(FILT, t, 1) end
  elseif kind == 'opt_out' then
    ring_add(OPT, t, 1)
  elseif kind == 'verification' then
    ring_add(VER, t, 1)
  elseif kind == 'complaint' then
    ring_add(CMP, t, 1)
  end
  redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  return 1
end

if op == 'status' then
  -- ARGV: op, status, reset risk
  redis.call('HSET', K_META, 'st', ARGV[2])
  if ARGV[3] == '1' then
    redis.call('HDEL', K_META, 'sm', 'ss', 'sw', 'sa')
    ring_clear(SUS)
    ring_clear(ABU)
  end
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})
  return 1
end

return redis.error_reply('unknown signal-store operation')
`;
