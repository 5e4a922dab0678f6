// The one Lua script behind every Redis signal-store call. Generated from the window constants so
// the Redis and in-process stores cannot drift apart. Each call touches only keys of one account
// (hash-tagged `{accountId}`), all declared in KEYS, so it runs unchanged on Redis Cluster.
//
// Cost: Redis CPU goes mostly to redis.call() overhead, so an observe makes about 22 of them: the
// counters hash is read once (HMGET) and written once (HSET), rings keep running totals (see
// CounterRing), bucket TTLs are set once per bucket, and per-value hour counts take one HMGET per
// bucket. The first version (one field per counter and slot, one HGET per bucket and value, a
// PEXPIRE per write) spent ~800 us of Redis CPU per message on the shared 2-core box.
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
/**
 * Window unions, one per set kind (UNION_KINDS order): a HyperLogLog holding the union of the
 * window ending at the read time's bucket, so the read is a single-key PFCOUNT (which Redis answers
 * from its cached cardinality, or recounts one key) instead of a merge of 6 or 8 keys (~4.5 us each
 * measured, 5 per observe). Built once per bucket by PFMERGE of the window's buckets, then every
 * write inside that window also goes to it.
 */
export const KEY_UNIONS = KEY_LINK_DOMAINS + DAY_SET_BUCKETS;
export const UNION_KINDS = ['r', 'R', 'C', 'P', 'L'] as const;
export const KEY_COUNT_WITH_WINDOWS = KEY_UNIONS + UNION_KINDS.length - 1;

// Bucket keys outlive their window by one bucket plus the accepted clock skew.
const HOUR_BUCKET_TTL_MS = HOUR_SET_BUCKET_MS * (HOUR_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;
const DAY_BUCKET_TTL_MS = DAY_SET_BUCKET_MS * (DAY_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;
// A union is read only while the clock is in its bucket (it may be built up to the skew early).
const HOUR_UNION_TTL_MS = HOUR_SET_BUCKET_MS * 2 + MAX_FUTURE_SKEW_MS;
const DAY_UNION_TTL_MS = DAY_SET_BUCKET_MS * 2 + MAX_FUTURE_SKEW_MS;

function luaGroup(g: RingGroup): string {
  return `{ name = '${g.name}', ms = ${g.bucketMs}, slots = ${g.slots}, n = ${g.counters.length} }`;
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
local GROUPS = { GA, GM, GH }
local HB, DB = ${HOUR_SET_BUCKETS}, ${DAY_SET_BUCKETS}
local HOUR_MS, DAY_MS = ${HOUR_SET_BUCKET_MS}, ${DAY_SET_BUCKET_MS}
local K_META, K_CNT, K_MSG = KEYS[${KEY_META}], KEYS[${KEY_COUNTERS}], KEYS[${KEY_MESSAGE}]
local W = ${KEY_WRITE_BUCKETS}
local W_X, W_R1, W_R24, W_C, W_P, W_L = KEYS[W], KEYS[W + 1], KEYS[W + 2], KEYS[W + 3], KEYS[W + 4], KEYS[W + 5]
local K_X, K_R1, K_R24 = ${KEY_HOUR_COUNTS}, ${KEY_RECIPIENTS_1H}, ${KEY_RECIPIENTS_24H}
local K_C, K_P, K_L = ${KEY_COUNTRIES}, ${KEY_PREFIXES}, ${KEY_LINK_DOMAINS}
local K_U = ${KEY_UNIONS}
-- Set kinds: union key index, first window key, window size, bucket size, union TTL.
local SETS = {
  r = { u = K_U, first = K_R1, n = HB, ms = HOUR_MS, ttl = ${HOUR_UNION_TTL_MS} },
  R = { u = K_U + 1, first = K_R24, n = DB, ms = DAY_MS, ttl = ${DAY_UNION_TTL_MS} },
  C = { u = K_U + 2, first = K_C, n = DB, ms = DAY_MS, ttl = ${DAY_UNION_TTL_MS} },
  P = { u = K_U + 3, first = K_P, n = DB, ms = DAY_MS, ttl = ${DAY_UNION_TTL_MS} },
  L = { u = K_U + 4, first = K_L, n = DB, ms = DAY_MS, ttl = ${DAY_UNION_TTL_MS} },
}

local function parse_csv(v)
  local parts = {}
  for x in string.gmatch(v, '[^,]+') do parts[#parts + 1] = tonumber(x) end
  return parts
end

-- The counters hash (K_CNT) is read through this cache and written back by one HSET (cnt_flush).
local cache, loaded, dirty = {}, {}, {}

local function cnt_load(fields)
  local missing = {}
  for _, f in ipairs(fields) do
    if not loaded[f] then
      missing[#missing + 1] = f
      loaded[f] = true
    end
  end
  if #missing > 0 then
    local vals = redis.call('HMGET', K_CNT, unpack(missing))
    for i, f in ipairs(missing) do cache[f] = vals[i] end
  end
end

local function cnt_get(f)
  cnt_load({ f })
  return cache[f]
end

local function cnt_set(f, v)
  cache[f] = v
  loaded[f] = true
  dirty[f] = true
end

local function cnt_flush()
  local args = {}
  for f in pairs(dirty) do
    local v = cache[f]
    args[#args + 1] = f
    args[#args + 1] = type(v) == 'table' and table.concat(v, ',') or v
  end
  if #args > 0 then redis.call('HSET', K_CNT, unpack(args)) end
  dirty = {}
end

-- Rings (same algorithm as CounterRing in counterRing.ts). Header field = group name:
-- "head bucket,total1,..." (the totals of the window ending at the head); slot field = group
-- name .. slot: "bucket,count1,...".
local headers = {}

local function header(g)
  local h = headers[g.name]
  if h then return h end
  local v = cnt_get(g.name)
  if v then
    h = parse_csv(v)
  else
    h = { 0 }
    for k = 1, g.n do h[k + 1] = 0 end
  end
  headers[g.name] = h
  return h
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
  cnt_load(fields)
  for k, f in ipairs(fields) do
    local v = cache[f]
    if v then
      local p = parse_csv(v)
      if p[1] == head + k - g.slots then
        for i = 1, g.n do h[i + 1] = h[i + 1] - p[i + 1] end
      end
    end
  end
end

-- incs: { [counter index (1-based)] = amount }
local function ring_add(g, t, incs)
  local h = header(g)
  local bucket = math.floor(t / g.ms)
  if bucket > h[1] then
    expire(g, h, bucket)
    h[1] = bucket
    cnt_set(g.name, h)
  end
  if bucket <= h[1] - g.slots then return end -- already out of the window
  local f = g.name .. (bucket % g.slots)
  local v = cnt_get(f)
  local p = v and parse_csv(v) or nil
  if p and p[1] > bucket then return end
  if not p or p[1] < bucket then
    p = { bucket }
    for i = 1, g.n do p[i + 1] = 0 end
  end
  for i, by in pairs(incs) do
    p[i + 1] = p[i + 1] + by
    h[i + 1] = h[i + 1] + by
  end
  cnt_set(f, table.concat(p, ','))
  cnt_set(g.name, h)
end

local function ring_totals(g, t)
  local copy = {}
  for i, x in ipairs(header(g)) do copy[i] = x end
  expire(g, copy, math.floor(t / g.ms))
  return { unpack(copy, 2) }
end

local function ring_zero(g, index)
  local h = header(g)
  h[index + 1] = 0
  cnt_set(g.name, h)
  local fields = {}
  for slot = 0, g.slots - 1 do fields[#fields + 1] = g.name .. slot end
  cnt_load(fields)
  for _, f in ipairs(fields) do
    if cache[f] then
      local p = parse_csv(cache[f])
      p[index + 1] = 0
      cnt_set(f, table.concat(p, ','))
    end
  end
end

-- A bucket key needs its TTL once: the first write of each kind in a new bucket sets it
-- (field 'e:<kind>' remembers the bucket), instead of one PEXPIRE per write.
local function ttl_once(kind, key, bucket, ttl)
  local f = 'e:' .. kind
  if tonumber(cnt_get(f) or '-1') ~= bucket then
    redis.call('PEXPIRE', key, ttl)
    cnt_set(f, tostring(bucket))
  end
end

-- Refreshes K_CNT's TTL once per 10-minute bucket; flushes first so the key exists.
local function flush_counters(bucket)
  local refresh = tonumber(cnt_get('e:c') or '-1') ~= bucket
  if refresh then cnt_set('e:c', tostring(bucket)) end
  cnt_flush()
  if refresh then redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS}) end
end

local function keys_from(first, n)
  local out = {}
  for i = first, first + n - 1 do out[#out + 1] = KEYS[i] end
  return out
end

-- Field 'u:<kind>' of the counters hash = the bucket of the newest union built, suffixed 's' when the
-- window's older buckets were all empty then (a new or quiet account, the common case): the union is
-- the bucket's own key and nothing is merged. A union is complete from its PFMERGE on, because every
-- later write inside its window is added to it too; a read at another bucket (a lagging clock,
-- getSignals after a quiet spell) merges the window instead.
local function union_state(kind)
  local v = cnt_get('u:' .. kind)
  if not v then return -1, false end
  if string.sub(v, -1) == 's' then return tonumber(string.sub(v, 1, -2)), true end
  return tonumber(v), false
end

local function set_count(kind, at)
  local s = SETS[kind]
  local have, single = union_state(kind)
  if have == math.floor(at / s.ms) then
    -- The first window key is the bucket of 'at' itself.
    return redis.call('PFCOUNT', KEYS[single and s.first or s.u])
  end
  return redis.call('PFCOUNT', unpack(keys_from(s.first, s.n)))
end

-- After the message's bucket key was written (or not, outside the window): keeps the union of the
-- window ending at 'at' in step. in_window: the message was written to its bucket (of time t).
local function set_union_write(kind, t, at, in_window, values)
  local s = SETS[kind]
  local ub = math.floor(at / s.ms)
  local written = in_window and #values > 0
  local have, single = union_state(kind)
  if have == ub then
    if single then
      -- An older bucket of the window got data: the bucket's own key is no longer the union.
      if written and math.floor(t / s.ms) ~= ub then cnt_set('u:' .. kind, '-1') end
    elseif written then
      redis.call('PFADD', KEYS[s.u], unpack(values))
    end
  elseif ub > have then
    if redis.call('EXISTS', unpack(keys_from(s.first + 1, s.n - 1))) == 0 then
      cnt_set('u:' .. kind, ub .. 's')
    else
      -- PFMERGE keeps what the destination holds: a stale union of this bucket is a subset anyway.
      redis.call('PFMERGE', KEYS[s.u], unpack(keys_from(s.first, s.n)))
      redis.call('PEXPIRE', KEYS[s.u], s.ttl)
      cnt_set('u:' .. kind, tostring(ub))
    end
  elseif written and have - math.floor(t / s.ms) < s.n then
    -- The newest union (a later bucket, built by a message dated ahead of this one's clock) covers
    -- this message's bucket but is not among this call's keys: drop it, the next read rebuilds it.
    cnt_set('u:' .. kind, '-1')
  end
end

-- Field 'xw' of the counters hash: the buckets whose per-value hour hash was written lately (comma
-- separated), so a window reads only those instead of an HMGET on each of its six (a new or quiet
-- account has one or two). Absent (history unknown): every bucket is read.
local function x_written()
  local v = cnt_get('xw')
  if not v then return nil end
  local set = {}
  for x in string.gmatch(v, '[^,]+') do set[tonumber(x)] = true end
  return set
end

-- Sums fields over the hour buckets of the window ending at bucket end_bucket (one HMGET per bucket
-- written); also returns the values in the bucket at window position widx (0 = newest), the one
-- this message is written to.
local function hour_read(fields, widx, written, end_bucket)
  local sums, current = {}, {}
  for i = 1, #fields do
    sums[i] = 0
    current[i] = 0
  end
  if #fields == 0 then return sums, current end
  for k = 0, HB - 1 do
    if not written or written[end_bucket - k] then
      local vals = redis.call('HMGET', KEYS[K_X + k], unpack(fields))
      for i = 1, #fields do
        local v = tonumber(vals[i] or '0')
        sums[i] = sums[i] + v
        if k == widx then current[i] = v end
      end
    end
  end
  return sums, current
end

local function read_meta()
  return redis.call('HMGET', K_META, 'st', 'fs', 'sm', 'ss', 'sw', 'sa')
end

-- tops: nil (read them) or { top prefix count, phone messages, top band count } already computed.
local function build(dup, answer, t, meta, tops)
  if not tops then
    cnt_load({ 'tp', 'tf' })
    local tp, tf = cache['tp'], cache['tf']
    local fields = { '#' }
    if tp then fields[#fields + 1] = 'p' .. tp end
    if tf then fields[#fields + 1] = 'f' .. tf end
    local s = hour_read(fields, -1, x_written(), math.floor(t / HOUR_MS))
    local i = 2
    local top_prefix, top_band = 0, 0
    if tp then
      top_prefix = s[i]
      i = i + 1
    end
    if tf then top_band = s[i] end
    tops = { top_prefix, s[1], top_band }
  end
  cnt_load({ GA.name, GM.name, GH.name, 'u:r', 'u:R', 'u:C', 'u:P', 'u:L' })
  local sA, sM, sH = ring_totals(GA, t), ring_totals(GM, t), ring_totals(GH, t)
  local out = { dup, answer and '1' or '0', answer or '', meta[1] or '', meta[2] or '0' }
  for _, v in ipairs({
    ${sum(MESSAGES_1M)}, ${sum(MESSAGES_1H)}, ${sum(MESSAGES_24H)}, ${sum(SUSPICIOUS_1H)}, ${sum(ABUSIVE_24H)},
    ${sum(DELIVERY_REPORTS_24H)}, ${sum(DELIVERY_FAILED_24H)}, ${sum(DELIVERY_FILTERED_24H)},
    ${sum(OPT_OUTS_24H)}, ${sum(OTP_SENT_24H)}, ${sum(VERIFICATIONS_24H)}, ${sum(COMPLAINTS_24H)},
    set_count('r', t), set_count('R', t), set_count('C', t), set_count('P', t), set_count('L', t),
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
  return build('0', false, tonumber(ARGV[2]), read_meta(), nil)
end

if op == 'observe' then
  -- ARGV: op, t (sentAt: the buckets written), recipient, country, prefix, bands (comma separated),
  -- otp, at (max of t and the store clock: the end of the windows read), link domains...
  local t = tonumber(ARGV[2])
  local at = tonumber(ARGV[8])
  local seen = redis.call('HMGET', K_MSG, 't', 'a')
  if seen[1] or seen[2] then return build('1', seen[2], at, read_meta(), nil) end
  redis.call('HSET', K_MSG, 't', t)
  redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS})

  local hb, hb_at = math.floor(t / HOUR_MS), math.floor(at / HOUR_MS)
  local db, db_at = math.floor(t / DAY_MS), math.floor(at / DAY_MS)
  local ga, gm, gh = math.floor(t / GA.ms) % GA.slots, math.floor(t / GM.ms) % GM.slots, math.floor(t / GH.ms) % GH.slots
  cnt_load({ GA.name, GM.name, GH.name, GA.name .. ga, GM.name .. gm, GH.name .. gh, 'tp', 'tf',
    'e:c', 'e:m', 'e:x', 'e:r', 'e:R', 'e:C', 'e:P', 'e:L', 'u:r', 'u:R', 'u:C', 'u:P', 'u:L', 'xw' })

  local meta = read_meta()
  local fs = tonumber(meta[2] or '0')
  if fs == 0 or t < fs then
    redis.call('HSET', K_META, 'fs', t)
    meta[2] = tostring(t)
  end
  ttl_once('m', K_META, db_at, ${META_TTL_MS})

  ring_add(GA, t, { [${MESSAGES_1M.index + 1}] = 1 })
  ring_add(GM, t, { [${MESSAGES_1H.index + 1}] = 1 })
  if ARGV[7] == '1' then
    ring_add(GH, t, { [${MESSAGES_24H.index + 1}] = 1, [${OTP_SENT_24H.index + 1}] = 1 })
  else
    ring_add(GH, t, { [${MESSAGES_24H.index + 1}] = 1 })
  end

  -- Buckets outside the windows ending at 'at' are never read again: not written.
  local widx = hb_at - hb
  local in_hour = widx >= 0 and widx < HB
  local in_day = db_at - db >= 0 and db_at - db < DB
  local recipient, country, prefix = ARGV[3], ARGV[4], ARGV[5]
  if in_hour then
    redis.call('PFADD', W_R1, recipient)
    ttl_once('r', W_R1, hb, ${HOUR_BUCKET_TTL_MS})
  end
  if in_day then
    redis.call('PFADD', W_R24, recipient)
    ttl_once('R', W_R24, db, ${DAY_BUCKET_TTL_MS})
    if prefix ~= '' then
      redis.call('PFADD', W_C, country)
      ttl_once('C', W_C, db, ${DAY_BUCKET_TTL_MS})
      redis.call('PFADD', W_P, prefix)
      ttl_once('P', W_P, db, ${DAY_BUCKET_TTL_MS})
    end
    if #ARGV >= 9 then
      redis.call('PFADD', W_L, unpack(ARGV, 9))
      ttl_once('L', W_L, db, ${DAY_BUCKET_TTL_MS})
    end
  end
  local has_prefix = prefix ~= ''
  set_union_write('r', t, at, in_hour, { recipient })
  set_union_write('R', t, at, in_day, { recipient })
  set_union_write('C', t, at, in_day, has_prefix and { country } or {})
  set_union_write('P', t, at, in_day, has_prefix and { prefix } or {})
  set_union_write('L', t, at, in_day, { unpack(ARGV, 9) })

  -- Per-value hour counts: read the window once, add this message, write its bucket once.
  local bands = {}
  for band in string.gmatch(ARGV[6], '[^,]+') do bands[#bands + 1] = 'f' .. band end
  local inc = {}
  if prefix ~= '' then
    inc['p' .. prefix] = 1
    inc['#'] = 1
  end
  for _, f in ipairs(bands) do inc[f] = 1 end
  local fields, idx = {}, {}
  local function want(f)
    if not idx[f] then
      fields[#fields + 1] = f
      idx[f] = #fields
    end
  end
  want('#')
  if prefix ~= '' then want('p' .. prefix) end
  for _, f in ipairs(bands) do want(f) end
  local tp, tf = cache['tp'], cache['tf']
  if tp then want('p' .. tp) end
  if tf then want('f' .. tf) end
  local written = x_written()
  local s, current = hour_read(fields, widx, written, hb_at)
  if in_hour and next(inc) then
    local args = {}
    for f, by in pairs(inc) do
      s[idx[f]] = s[idx[f]] + by
      args[#args + 1] = f
      args[#args + 1] = current[idx[f]] + by
    end
    redis.call('HSET', W_X, unpack(args))
    ttl_once('x', W_X, hb, ${HOUR_BUCKET_TTL_MS})
    -- Remember this bucket; forget those no window can read any more (one bucket of slack for a
    -- read at a clock up to the skew behind this message's).
    if not written or not written[hb] then
      local list = { hb }
      if written then
        for b in pairs(written) do
          if b >= hb_at - HB then list[#list + 1] = b end
        end
      else
        for b = hb_at - HB, hb_at do
          if b ~= hb then list[#list + 1] = b end
        end
      end
      cnt_set('xw', table.concat(list, ','))
    end
  end

  -- Heavy-hitter candidates (top prefix, top content band): exact whenever the top value keeps
  -- receiving traffic, which is the abusive case; O(1) instead of scanning every value of the hour.
  local top_prefix_count = tp and s[idx['p' .. tp]] or -1
  if prefix ~= '' and s[idx['p' .. prefix]] >= top_prefix_count then
    top_prefix_count = s[idx['p' .. prefix]]
    if tp ~= prefix then cnt_set('tp', prefix) end
  end
  local best_band, best_count = nil, -1
  for _, f in ipairs(bands) do
    if s[idx[f]] > best_count then best_band, best_count = f, s[idx[f]] end
  end
  local top_band_count = tf and s[idx['f' .. tf]] or -1
  if best_band and best_count >= top_band_count then
    top_band_count = best_count
    local band = string.sub(best_band, 2)
    if tf ~= band then cnt_set('tf', band) end
  end

  flush_counters(hb_at)
  return build('0', false, at, meta, { math.max(top_prefix_count, 0), s[1], math.max(top_band_count, 0) })
end

if op == 'outcome' then
  -- ARGV: op, fallback t, score ('' = none), suspicious, abusive, answer, half-life ms
  local seen = redis.call('HMGET', K_MSG, 't', 'o', 'a')
  -- First answer wins (SET NX semantics): a second outcome changes nothing and gets the first answer.
  if seen[2] then return seen[3] or '' end
  local t = tonumber(seen[1] or ARGV[2])
  redis.call('HSET', K_MSG, 'a', ARGV[6], 'o', '1')
  if not seen[1] then redis.call('PEXPIRE', K_MSG, ${IDEMPOTENCY_TTL_MS}) end

  local score = tonumber(ARGV[3])
  if score then -- no score (model did not run): store the answer, leave the stats
    local half_life = tonumber(ARGV[7])
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
    ttl_once('m', K_META, math.floor(t / DAY_MS), ${META_TTL_MS})
  end
  if ARGV[4] == '1' then ring_add(GM, t, { [${SUSPICIOUS_1H.index + 1}] = 1 }) end
  if ARGV[5] == '1' then ring_add(GH, t, { [${ABUSIVE_24H.index + 1}] = 1 }) end
  flush_counters(math.floor(t / HOUR_MS))
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
  flush_counters(math.floor(t / HOUR_MS))
  return 1
end

if op == 'status' then
  -- ARGV: op, status, reset risk
  redis.call('HSET', K_META, 'st', ARGV[2])
  redis.call('PEXPIRE', K_META, ${META_TTL_MS})
  if ARGV[3] == '1' then
    redis.call('HDEL', K_META, 'sm', 'ss', 'sw', 'sa')
    ring_zero(GM, ${SUSPICIOUS_1H.index + 1})
    ring_zero(GH, ${ABUSIVE_24H.index + 1})
    cnt_flush()
    redis.call('PEXPIRE', K_CNT, ${COUNTERS_TTL_MS})
  end
  return 1
end

return redis.error_reply('unknown signal-store operation')
`;
