// The one Lua script behind every Redis signal-store call. Generated from the window constants so
// the Redis and in-process stores cannot drift apart. Each call touches only keys of one account
// (hash-tagged `{accountId}`), all declared in KEYS, so it runs unchanged on Redis Cluster.
//
// Cost per observe (measured on the shared 2-core box): about 35 redis.call()s; rings are packed
// one field per slot (see RingGroup) and the hour buckets' per-value counts are read with one
// HMGET per bucket, because the first version (one field per counter and slot, one HGET per bucket
// and value) spent ~800 us of Redis CPU per message, mostly in Lua call overhead.
import {
  ABUSIVE_24H,
  COMPLAINTS_24H,
  COUNTERS_TTL_MS,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  HOUR_RING,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  IDEMPOTENCY_TTL_MS,
  MAX_FUTURE_SKEW_MS,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  META_TTL_MS,
  MINUTE_RING,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  type RingGroup,
  type RingSpec,
  SUSPICIOUS_1H,
  TEN_SECOND_RING,
  VERIFICATIONS_24H,
} from './windows';

/**
 * KEYS layout: fixed keys; then, for observe/read, the six buckets a message is written to (those
 * of its sentAt), then the window buckets read (newest first, ending at max(sentAt, store clock)).
 */
export const KEY_META = 1;
export const KEY_COUNTERS = 2;
export const KEY_MESSAGE = 3;
/** Written buckets, in this order: hour counts, recipients 1h, recipients 24h, countries, prefixes, link domains. */
export const KEY_WRITE_BUCKETS = 4;
export const WRITE_BUCKET_KINDS = ['x', 'r', 'R', 'C', 'P', 'L'] as const;
/** HOUR_SET_BUCKETS hashes: 'p<prefix>' -> count, '#' -> phone messages, 'f<band>' -> count. */
export const KEY_HOUR_COUNTS = KEY_WRITE_BUCKETS + WRITE_BUCKET_KINDS.length;
export const KEY_RECIPIENTS_1H = KEY_HOUR_COUNTS + HOUR_SET_BUCKETS;
export const KEY_RECIPIENTS_24H = KEY_RECIPIENTS_1H + HOUR_SET_BUCKETS;
export const KEY_COUNTRIES = KEY_RECIPIENTS_24H + DAY_SET_BUCKETS;
export const KEY_PREFIXES = KEY_COUNTRIES + DAY_SET_BUCKETS;
export const KEY_LINK_DOMAINS = KEY_PREFIXES + DAY_SET_BUCKETS;
export const KEY_COUNT_WITH_WINDOWS = KEY_LINK_DOMAINS + DAY_SET_BUCKETS - 1;

// Bucket keys outlive their window by one bucket plus the accepted clock skew.
const HOUR_BUCKET_TTL_MS = HOUR_SET_BUCKET_MS * (HOUR_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;
const DAY_BUCKET_TTL_MS = DAY_SET_BUCKET_MS * (DAY_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;

function luaGroup(g: RingGroup): string {
  const fields = Array.from({ length: g.slots }, (_, i) => `'${g.name}${i}'`).join(', ');
  return `{ name = '${g.name}', ms = ${g.bucketMs}, slots = ${g.slots}, n = ${g.counters.length}, fields = { ${fields} } }`;
}

/** Lua expression for one counter: the group's sums table indexed 1-based. */
function sum(spec: RingSpec): string {
  const table = spec.group === TEN_SECOND_RING ? 'sA' : spec.group === MINUTE_RING ? 'sM' : 'sH';
  return `${table}[${spec.index + 1}]`;
}

/**
 * Reply of 'observe' and 'read' (all strings): duplicate, hasAnswer, answer, status, firstSeen,
 * then these fields in order, then score state (max, sum, weight, at).
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
local GA, GM, GH = ${luaGroup(TEN_SECOND_RING)}, ${luaGroup(MINUTE_RING)}, ${luaGroup(HOUR_RING)}
local HB, DB = ${HOUR_SET_BUCKETS}, ${DAY_SET_BUCKETS}
local K_META, K_CNT, K_MSG = KEYS[${KEY_META}], KEYS[${KEY_COUNTERS}], KEYS[${KEY_MESSAGE}]
local K_X, K_R1, K_R24 = ${KEY_HOUR_COUNTS}, ${KEY_RECIPIENTS_1H}, ${KEY_RECIPIENTS_24H}
local K_C, K_P, K_L = ${KEY_COUNTRIES}, ${KEY_PREFIXES}, ${KEY_LINK_DOMAINS}
local W = ${KEY_WRITE_BUCKETS}
local W_X, W_R1, W_R24, W_C, W_P, W_L = KEYS[W], KEYS[W + 1], KEYS[W + 2], KEYS[W + 3], KEYS[W + 4], KEYS[W + 5]

local GROUPS = { GA, GM, GH }

local function parse_slot(v)
  local parts = {}
  for x in string.gmatch(v, '[^,]+') do parts[#parts + 1] = tonumber(x) end
  return parts
end

-- Ring headers (field = group name): "head bucket,total1,total2,...", the totals of the window
-- ending at the head. Slots (field = group name .. slot): "bucket,count1,count2,...". Same
-- algorithm as CounterRing in counterRing.ts.
local headers = nil
local dirty = {}

local function load_headers()
  if headers then return end
  headers = {}
  local v = redis.call('HMGET', K_CNT, GA.name, GM.name, GH.name)
  for i, g in ipairs(GROUPS) do
    if v[i] then
      headers[g.name] = parse_slot(v[i])
    else
      local h = { 0 }
      for k = 1, g.n do h[k + 1] = 0 end
      headers[g.name] = h
    end
  end
end

-- Subtracts from h's totals the slots that leave the window when the head moves to bucket.
local function expire(g, h, bucket)
  local head = h[1]
  if bucket <= head then return end
  if bucket - head >= g.slots then
    for k = 1, g.n do h[k + 1] = 0 end
    return
  end
  local fields = {}
  for b = head + 1, bucket do fields[#fields + 1] = g.name .. (b % g.slots) end
  local vals = redis.call('HMGET', K_CNT, unpack(fields))
  for k = 1, #fields do
    if vals[k] then
      local p = parse_slot(vals[k])
      if p[1] == head + k - g.slots then
        for i = 1, g.n do h[i + 1] = h[i + 1] - p[i + 1] end
      end
    end
  end
end

-- incs: { [counter index (1-based)] = amount }
local function ring_add(g, t, incs)
  load_headers()
  local h = headers[g.name]
  local bucket = math.floor(t / g.ms)
  if bucket > h[1] then
    expire(g, h, bucket)
    h[1] = bucket
  end
  if bucket <= h[1] - g.slots then return end -- already out of the window
  local f = g.name .. (bucket % g.slots)
  local v = redis.call('HGET', K_CNT, f)
  local p = v and parse_slot(v) or nil
  if p and p[1] > bucket then return end
  if not p or p[1] < bucket then
    p = { bucket }
    for i = 1, g.n do p[i + 1] = 0 end
  end
  for i, by in pairs(incs) do
    p[i + 1] = p[i + 1] + by
    h[i + 1] = h[i + 1] + by
  end
  redis.call('HSET', K_CNT, f, table.concat(p, ','))
  dirty[g.name] = true
end

local function ring_totals(g, t)
  load_headers()
  local copy = {}
  for i, x in ipairs(headers[g.name]) do copy[i] = x end
  expire(g, copy, math.floor(t / g.ms))
  return { unpack(copy, 2) }
end

local function ring_zero(g, index)
  load_headers()
  headers[g.name][index + 1] = 0
  dirty[g.name] = true
  local vals = redis.call('HMGET', K_CNT, unpack(g.fields))
  for slot, v in ipairs(vals) do
    if v then
      local parts = parse_slot(v)
      parts[index + 1] = 0
      redis.call('HSET', K_CNT, g.fields[slot], table.concat(parts, ','))
    end
  end
end

local function flush_headers()
  for name in pairs(dirty) do redis.call('HSET', K_CNT, name, table.concat(headers[name], ',')) end
  dirty = {}
end

local function keys_from(first, n)
  local out = {}
  for i = first, first + n - 1 do out[#out + 1] = KEYS[i] end
  return out
end

-- Sums each field over the hour buckets: one HMGET per bucket.
local function hour_sums(fields)
  local sums = {}
  for i = 1, #fields do sums[i] = 0 end
  if #fields == 0 then return sums end
  for k = K_X, K_X + HB - 1 do
    local vals = redis.call('HMGET', KEYS[k], unpack(fields))
    for i = 1, #fields do sums[i] = sums[i] + tonumber(vals[i] or '0') end
  end
  return sums
end

-- tops: nil (read them) or { top prefix count, phone messages, top band count } already computed.
local function build(dup, answer, t, tops)
  local meta = redis.call('HMGET', K_META, 'st', 'fs', 'sm', 'ss', 'sw', 'sa')
  if not tops then
    local tp = redis.call('HMGET', K_CNT, 'tp', 'tf')
    local fields = { '#' }
    if tp[1] then fields[#fields + 1] = 'p' .. tp[1] end
    if tp[2] then fields[#fields + 1] = 'f' .. tp[2] end
    local s = hour_sums(fields)
    local i = 2
    local top_prefix, top_band = 0, 0
    if tp[1] then top_prefix = s[i]; i = i + 1 end
    if tp[2] then top_band = s[i] end
    tops = { top_prefix, s[1], top_band }
  end
  local sA, sM, sH = ring_totals(GA, t), ring_totals(GM, t), ring_totals(GH, t)
  local out = { dup, answer and '1' or '0', answer or '', meta[1] or '', meta[2] or '0' }
  for _, v in ipairs({
    ${sum(MESSAGES_1M)}, ${sum(MESSAGES_1H)}, ${sum(MESSAGES_24H)}, ${sum(SUSPICIOUS_1H)}, ${sum(ABUSIVE_24H)},
    ${sum(DELIVERY_REPORTS_24H)}, ${sum(DELIVERY_FAILED_24H)}, ${sum(DELIVERY_FILTERED_24H)},
    ${sum(OPT_OUTS_24H)}, ${sum(OTP_SENT_24H)}, ${sum(VERIFICATIONS_24H)}, ${sum(COMPLAINTS_24H)},
    redis.call('PFCOUNT', unpack(keys_from(K_R1, HB))),
    redis.call('PFCOUNT', unpack(keys_from(K_R24, DB))),
    redis.call('PFCOUNT', unpack(keys_from(K_C, DB))),
    redis.call('PFCOUNT', unpack(keys_from(K_P, DB))),
    redis.call('PFCOUNT', unpack(keys_from(K_L, DB))),
    tops[1], tops[2], tops[3] }) do
    out[#out + 1] = tostring(v)
  end
  out[#out + 1] = meta[3] or '0'
  out[#out + 1] = meta[4] or '0'
  out[#out + 1] = meta[5] or '0'
  out[#out + 1] = meta[6] or '0'
  return out
end

local op = ARGV[1]

if op == 'read' then
  return build('0', false, tonumber(ARGV[2]), nil)
end

if op == 'observe' then
  -- ARGV: op, t (sentAt: the buckets written), recipient, country, prefix, bands (comma separated),
  -- otp, at (max of t and the store clock: the end of the windows read), link domains...
  local t = tonumber(ARGV[2])
  local at = tonumber(ARGV[8])
  local seen = redis.call('HMGET', K_MSG, 't', 'a')
  if seen[1] or seen[2] then return build('1', seen[2], at, nil) end
  redis.call('HSET', K_MSG, 't', t)
  redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS})

  local fs = tonumber(redis.call('HGET', K_META, 'fs') or '0')
  if fs == 0 or t < fs then redis.call('HSET', K_META, 'fs', t) end
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})

  ring_add(GA, t, { [${MESSAGES_1M.index + 1}] = 1 })
  ring_add(GM, t, { [${MESSAGES_1H.index + 1}] = 1 })
  if ARGV[7] == '1' then
    ring_add(GH, t, { [${MESSAGES_24H.index + 1}] = 1, [${OTP_SENT_24H.index + 1}] = 1 })
  else
    ring_add(GH, t, { [${MESSAGES_24H.index + 1}] = 1 })
  end

  local recipient, country, prefix = ARGV[3], ARGV[4], ARGV[5]
  redis.call('PFADD', W_R1, recipient)
  redis.call('PEXPIRE', W_R1, ${HOUR_BUCKET_TTL_MS})
  redis.call('PFADD', W_R24, recipient)
  redis.call('PEXPIRE', W_R24, ${DAY_BUCKET_TTL_MS})

  local bands = {}
  for band in string.gmatch(ARGV[6], '[^,]+') do bands[#bands + 1] = band end
  local hour_key = W_X
  if prefix ~= '' then
    redis.call('PFADD', W_C, country)
    redis.call('PEXPIRE', W_C, ${DAY_BUCKET_TTL_MS})
    redis.call('PFADD', W_P, prefix)
    redis.call('PEXPIRE', W_P, ${DAY_BUCKET_TTL_MS})
    redis.call('HINCRBY', hour_key, 'p' .. prefix, 1)
    redis.call('HINCRBY', hour_key, '#', 1)
  end
  for _, band in ipairs(bands) do redis.call('HINCRBY', hour_key, 'f' .. band, 1) end
  if prefix ~= '' or #bands > 0 then redis.call('PEXPIRE', hour_key, ${HOUR_BUCKET_TTL_MS}) end

  -- Heavy-hitter candidates (top prefix, top content band): exact whenever the top value keeps
  -- receiving traffic, which is the abusive case; O(1) instead of scanning every value of the hour.
  local tp = redis.call('HMGET', K_CNT, 'tp', 'tf')
  local fields = { '#' }
  local idx = {}
  local function want(name, field)
    fields[#fields + 1] = field
    idx[name] = #fields
  end
  if prefix ~= '' then want('mine', 'p' .. prefix) end
  if tp[1] then want('tp', 'p' .. tp[1]) end
  for i, band in ipairs(bands) do want('b' .. i, 'f' .. band) end
  if tp[2] then want('tf', 'f' .. tp[2]) end
  local s = hour_sums(fields)

  local top_prefix, top_prefix_count = tp[1], tp[1] and s[idx.tp] or -1
  if prefix ~= '' and s[idx.mine] >= top_prefix_count then
    top_prefix, top_prefix_count = prefix, s[idx.mine]
    if tp[1] ~= prefix then redis.call('HSET', K_CNT, 'tp', prefix) end
  end
  local best_band, best_count = nil, -1
  for i, band in ipairs(bands) do
    if s[idx['b' .. i]] > best_count then best_band, best_count = band, s[idx['b' .. i]] end
  end
  local top_band_count = tp[2] and s[idx.tf] or -1
  if best_band and best_count >= top_band_count then
    top_band_count = best_count
    if tp[2] ~= best_band then redis.call('HSET', K_CNT, 'tf', best_band) end
  end

  if #ARGV >= 9 then
    redis.call('PFADD', W_L, unpack(ARGV, 9))
    redis.call('PEXPIRE', W_L, ${DAY_BUCKET_TTL_MS})
  end
  flush_headers()
  redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  return build('0', false, at, { math.max(top_prefix_count, 0), s[1], math.max(top_band_count, 0) })
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
  if score then -- no score (model did not run): store the answer, leave the stats
    local m = redis.call('HMGET', K_META, 'sm', 'ss', 'sw', 'sa')
    local mx, total, weight, at = tonumber(m[1] or '0'), tonumber(m[2] or '0'), tonumber(m[3] or '0'), tonumber(m[4] or '0')
    if t > at then
      local f = 2 ^ (-(t - at) / half_life)
      mx, total, weight, at = mx * f, total * f, weight * f, t
    end
    local w = 1
    if at > t then w = 2 ^ (-(at - t) / half_life) end
    mx = math.max(mx, score * w)
    total = total + score * w
    weight = weight + w
    redis.call('HSET', K_META, 'sm', string.format('%.17g', mx), 'ss', string.format('%.17g', total),
      'sw', string.format('%.17g', weight), 'sa', string.format('%.17g', at))
  end
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})
  if ARGV[4] == '1' then ring_add(GM, t, { [${SUSPICIOUS_1H.index + 1}] = 1 }) end
  if ARGV[5] == '1' then ring_add(GH, t, { [${ABUSIVE_24H.index + 1}] = 1 }) end
  flush_headers()
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
    local status = ARGV[4]
    local incs = { [${DELIVERY_REPORTS_24H.index + 1}] = 1 }
    if status == 'failed' or status == 'undelivered' then incs[${DELIVERY_FAILED_24H.index + 1}] = 1 end
    if status == 'filtered' then incs[${DELIVERY_FILTERED_24H.index + 1}] = 1 end
    ring_add(GH, t, incs)
  elseif kind == 'opt_out' then
    ring_add(GH, t, { [${OPT_OUTS_24H.index + 1}] = 1 })
  elseif kind == 'verification' then
    ring_add(GH, t, { [${VERIFICATIONS_24H.index + 1}] = 1 })
  elseif kind == 'complaint' then
    ring_add(GH, t, { [${COMPLAINTS_24H.index + 1}] = 1 })
  end
  flush_headers()
  redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  return 1
end

if op == 'status' then
  -- ARGV: op, status, reset risk
  redis.call('HSET', K_META, 'st', ARGV[2])
  if ARGV[3] == '1' then
    redis.call('HDEL', K_META, 'sm', 'ss', 'sw', 'sa')
    ring_zero(GM, ${SUSPICIOUS_1H.index + 1})
    ring_zero(GH, ${ABUSIVE_24H.index + 1})
    flush_headers()
    redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  end
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})
  return 1
end

return redis.error_reply('unknown signal-store operation')
`;
