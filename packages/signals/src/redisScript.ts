// The one Lua script behind every Redis signal-store call. Generated from the window constants so
// the Redis and in-process stores cannot drift apart. Each call touches only keys of one account
// (hash-tagged `{accountId}`), all declared in KEYS, so it runs unchanged on Redis Cluster.
//
// Layout (README "Redis layout"): one account hash (metadata, every counter ring, distinct-count
// rings), one values hash (last-seen buckets and per-value hour counts), a string per message id and
// per answer, and the day's recipients as HyperLogLogs. An observe makes ~7 redis.calls: SET NX
// (idempotency), HMGET + HSET of each hash, PFADD of the recipient to its bucket and to the window's
// union, PFCOUNT of the union (the layout before, one hash per 10-minute bucket, made ~22). What the
// CPU goes to now is each field read or written (~2.8k / ~1.7k instructions through the Lua bridge)
// and the Lua around them, so numbers are packed int32s and the fields are few (README).
import { ACCOUNT_LUA, groupVar } from './redisLuaAccount';
import { VALUES_LUA } from './redisLuaValues';
import {
  ABUSIVE_24H,
  COMPLAINTS_24H,
  COUNTRIES_24H,
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  DELIVERY_FAILED_24H,
  DELIVERY_FILTERED_24H,
  DELIVERY_REPORTS_24H,
  DISTINCT_DAY_RING,
  DISTINCT_HOUR_RING,
  HOUR_RING,
  IDEMPOTENCY_TTL_MS,
  LINK_DOMAINS_24H,
  MAX_FUTURE_SKEW_MS,
  MESSAGES_1H,
  MESSAGES_1M,
  MESSAGES_24H,
  META_TTL_MS,
  MINUTE_RING,
  OPT_OUTS_24H,
  OTP_SENT_24H,
  PREFIXES_24H,
  RECIPIENTS_1H,
  RING_GROUPS,
  type RingSpec,
  SUSPICIOUS_1H,
  TEN_SECOND_RING,
  VERIFICATIONS_24H,
} from './windows';

/**
 * KEYS layout: account hash, values hash, message id (or, for an event, its per-type key), answer;
 * then, for observe/read only, the day-recipients bucket the message is written to (of its sentAt),
 * the window's buckets (newest first, ending at max(sentAt, store clock)) and the window's union.
 */
export const KEY_ACCOUNT = 1;
export const KEY_VALUES = 2;
export const KEY_MESSAGE = 3;
export const KEY_ANSWER = 4;
export const KEY_RECIPIENTS_WRITE = 5;
export const KEY_RECIPIENTS_WINDOW = 6;
export const KEY_RECIPIENTS_UNION = KEY_RECIPIENTS_WINDOW + DAY_SET_BUCKETS;
export const KEY_COUNT_WITH_WINDOWS = KEY_RECIPIENTS_UNION;

// Bucket keys and fields outlive their window by one bucket plus the accepted clock skew.
export const DAY_BUCKET_TTL_MS = DAY_SET_BUCKET_MS * (DAY_SET_BUCKETS + 1) + MAX_FUTURE_SKEW_MS;

/** Lua expression for one counter: the group's totals table indexed 1-based. */
function total(spec: RingSpec): string {
  return `s${spec.group.name}[${spec.index + 2}]`;
}
/** Lua expression for a counter's index in its group (1-based), as ring_add takes it. */
function inc(spec: RingSpec): string {
  return `${spec.index + 1}`;
}

/**
 * Reply of 'observe' and 'read' (all strings): duplicate, hasAnswer, answer, status, firstSeen,
 * then these fields in order (as integers), then the score state "max,sum,weight,at" ('' = none).
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

const GA = groupVar(TEN_SECOND_RING);
const GM = groupVar(MINUTE_RING);
const GH = groupVar(HOUR_RING);
const GD = groupVar(DISTINCT_HOUR_RING);
const GE = groupVar(DISTINCT_DAY_RING);
const HEADERS = RING_GROUPS.map((g) => `'${g.name}'`).join(', ');
const META = `'st', 'fs', 'sc'`;
const slotOf = (g: typeof TEN_SECOND_RING, t: string) =>
  `${groupVar(g)}.name .. (math.floor(${t} / ${groupVar(g)}.ms) % ${groupVar(g)}.slots)`;

export const SIGNAL_SCRIPT = `
local K_A, K_V, K_MSG, K_ANS = KEYS[${KEY_ACCOUNT}], KEYS[${KEY_VALUES}], KEYS[${KEY_MESSAGE}], KEYS[${KEY_ANSWER}]
local K_RW, K_R, K_UR = ${KEY_RECIPIENTS_WRITE}, ${KEY_RECIPIENTS_WINDOW}, ${KEY_RECIPIENTS_UNION}
${ACCOUNT_LUA}
${VALUES_LUA}

-- Flushes the account hash; refreshes its TTL once per 3-hour bucket (after the write: the key exists).
local function acct_flush_ttl(bucket)
  local refresh = bk()[BK_A] ~= bucket
  if refresh then bk_set(BK_A, bucket) end
  acct_flush()
  if refresh then redis.call('PEXPIRE', K_A, ${META_TTL_MS}) end
end

-- The first HMGET of the account hash: what every observe and read needs. Slots a ring advances
-- over, or a distinct count moves a value out of, are read on demand (a second HMGET of a field or
-- two costs less than preloading every slot: HMGET's cost grows with the fields asked for).
local BASE_FIELDS = { ${HEADERS}, ${META}, 'tp', 'tf', 'u:R' }

-- tops: nil (read them) or { top prefix count, phone messages, top band count } already computed.
local function build(dup, answer, at, tops)
  if not tops then
    local tp, tf = cache['tp'], cache['tf']
    local hb_at = math.floor(at / HOUR_MS)
    if cache['fs'] then
      local fields = { '#' }
      if tp then fields[#fields + 1] = 'p' .. tp end
      if tf then fields[#fields + 1] = 'f' .. tf end
      val_load(fields)
    end
    tops = { tp and mini_sum(val_ints('p' .. tp), hb_at) or 0, mini_sum(val_ints('#'), hb_at),
      tf and mini_sum(val_ints('f' .. tf), hb_at) or 0 }
  end
  local sA, sM, sH = ring_totals(${GA}, at), ring_totals(${GM}, at), ring_totals(${GH}, at)
  local sD, sE = ring_totals(${GD}, at), ring_totals(${GE}, at)
  -- Counts go out as Lua numbers (integer replies): no tostring per count.
  return { dup, answer and '1' or '0', answer or '', cache['st'] or '', cache['fs'] or '0',
    ${total(MESSAGES_1M)}, ${total(MESSAGES_1H)}, ${total(MESSAGES_24H)}, ${total(SUSPICIOUS_1H)}, ${total(ABUSIVE_24H)},
    ${total(DELIVERY_REPORTS_24H)}, ${total(DELIVERY_FAILED_24H)}, ${total(DELIVERY_FILTERED_24H)},
    ${total(OPT_OUTS_24H)}, ${total(OTP_SENT_24H)}, ${total(VERIFICATIONS_24H)}, ${total(COMPLAINTS_24H)},
    ${total(RECIPIENTS_1H)}, recipients_day_count(at), ${total(COUNTRIES_24H)}, ${total(PREFIXES_24H)},
    ${total(LINK_DOMAINS_24H)}, tops[1], tops[2], tops[3],
    cache['sc'] or '' }
end

local op = ARGV[1]

if op == 'read' then
  acct_load(BASE_FIELDS)
  return build('0', false, tonumber(ARGV[2]), nil)
end

if op == 'observe' then
  -- ARGV: op, t (sentAt: the buckets written), recipient, country, prefix, bands (comma separated),
  -- otp, at (max of t and the store clock: the end of the windows read), link domains...
  local t = tonumber(ARGV[2])
  local at = tonumber(ARGV[8])
  local hb, hb_at = math.floor(t / HOUR_MS), math.floor(at / HOUR_MS)
  local db, db_at = math.floor(t / DAY_MS), math.floor(at / DAY_MS)
  local fields = { 'bk', ${slotOf(TEN_SECOND_RING, 't')}, ${slotOf(MINUTE_RING, 't')},
    ${slotOf(HOUR_RING, 't')}, ${slotOf(DISTINCT_HOUR_RING, 't')}, ${slotOf(DISTINCT_DAY_RING, 't')} }
  for _, f in ipairs(BASE_FIELDS) do fields[#fields + 1] = f end
  if not redis.call('SET', K_MSG, t, 'NX', 'PX', ${IDEMPOTENCY_TTL_MS}) then
    acct_load(BASE_FIELDS)
    return build('1', redis.call('GET', K_ANS), at, nil)
  end
  acct_load(fields)

  -- Buckets outside the windows ending at 'at' are never read again: not written.
  local in_hour = hb_at - hb < HB
  local in_day = db_at - db < DB
  local recipient, country, prefix = ARGV[3], ARGV[4], ARGV[5]
  local has_prefix = prefix ~= ''
  local bands = {}
  for band in string.gmatch(ARGV[6], '[^,]+') do bands[#bands + 1] = 'f' .. band end
  local tp, tf = cache['tp'], cache['tf']
  local vf = { '#' }
  if in_hour then vf[#vf + 1] = 'r' .. recipient end
  if has_prefix then
    vf[#vf + 1] = 'p' .. prefix
    if in_day then
      vf[#vf + 1] = 'C' .. country
      vf[#vf + 1] = 'P' .. prefix
    end
  end
  if in_day then for i = 9, #ARGV do vf[#vf + 1] = 'L' .. ARGV[i] end end
  for _, f in ipairs(bands) do vf[#vf + 1] = f end
  if tp then vf[#vf + 1] = 'p' .. tp end
  if tf then vf[#vf + 1] = 'f' .. tf end
  val_load(vf)

  local fs = tonumber(cache['fs'] or '0')
  if fs == 0 or t < fs then acct_set('fs', tostring(t)) end

  ring_add(${GA}, t, ${inc(MESSAGES_1M)})
  ring_add(${GM}, t, ${inc(MESSAGES_1H)})
  ring_add(${GH}, t, ${inc(MESSAGES_24H)}, ARGV[7] == '1' and ${inc(OTP_SENT_24H)} or nil)

  -- Distinct counts, in the in-process store's order: recipient, country, prefix, link domains.
  if in_hour then distinct_add(${GD}, ${RECIPIENTS_1H.index + 1}, 'r' .. recipient, hb) end
  if in_day then
    redis.call('PFADD', KEYS[K_RW], recipient)
    ttl_once(BK_R, KEYS[K_RW], db, ${DAY_BUCKET_TTL_MS})
    if has_prefix then
      distinct_add(${GE}, ${COUNTRIES_24H.index + 1}, 'C' .. country, db)
      distinct_add(${GE}, ${PREFIXES_24H.index + 1}, 'P' .. prefix, db)
    end
    for i = 9, #ARGV do distinct_add(${GE}, ${LINK_DOMAINS_24H.index + 1}, 'L' .. ARGV[i], db) end
  end
  recipients_day_write(t, at, in_day, recipient)

  -- Per-value hour counts, then the heavy-hitter candidates (top prefix, top content band): exact
  -- whenever the top value keeps receiving traffic, which is the abusive case; O(1) instead of
  -- scanning every value of the hour.
  if in_hour then
    if has_prefix then
      val_set('p' .. prefix, mini_add(val_ints('p' .. prefix), hb, hb_at))
      val_set('#', mini_add(val_ints('#'), hb, hb_at))
    end
    for _, f in ipairs(bands) do val_set(f, mini_add(val_ints(f), hb, hb_at)) end
  end
  local top_prefix_count = tp and mini_sum(val_ints('p' .. tp), hb_at) or -1
  if has_prefix then
    local mine = mini_sum(val_ints('p' .. prefix), hb_at)
    if mine >= top_prefix_count then
      top_prefix_count = mine
      if tp ~= prefix then acct_set('tp', prefix) end
    end
  end
  local best_band, best_count = nil, -1
  for _, f in ipairs(bands) do
    local c = mini_sum(val_ints(f), hb_at)
    if c > best_count then best_band, best_count = f, c end
  end
  local top_band_count = tf and mini_sum(val_ints('f' .. tf), hb_at) or -1
  if best_band and best_count >= top_band_count then
    top_band_count = best_count
    local band = string.sub(best_band, 2)
    if tf ~= band then acct_set('tf', band) end
  end

  local refresh_values = bk()[BK_V] ~= db_at
  if refresh_values then bk_set(BK_V, db_at) end
  val_flush()
  if refresh_values then redis.call('PEXPIRE', K_V, ${DAY_BUCKET_TTL_MS}) end
  sweep(hb_at, db_at)
  acct_flush_ttl(db_at)
  return build('0', false, at, { math.max(top_prefix_count, 0), mini_sum(val_ints('#'), hb_at),
    math.max(top_band_count, 0) })
end

if op == 'outcome' then
  -- ARGV: op, fallback t, score ('' = none), suspicious, abusive, answer, half-life ms
  -- First answer wins (SET NX GET): a second outcome changes nothing and gets the first answer.
  local first = redis.call('SET', K_ANS, ARGV[6], 'NX', 'PX', ${IDEMPOTENCY_TTL_MS}, 'GET')
  if first then return first end
  -- The message's time, or (never observed) the fallback, which then marks the id as seen.
  local seen = redis.call('SET', K_MSG, ARGV[2], 'NX', 'PX', ${IDEMPOTENCY_TTL_MS}, 'GET')
  local t = tonumber(seen or ARGV[2])
  local score = tonumber(ARGV[3])
  -- Only the fields this outcome changes: the score state, and a ring's header and slot when flagged.
  local fields = { 'bk' }
  if score then fields[2] = 'sc' end
  if ARGV[4] == '1' then
    fields[#fields + 1] = ${GM}.name
    fields[#fields + 1] = ${slotOf(MINUTE_RING, 't')}
  end
  if ARGV[5] == '1' then
    fields[#fields + 1] = ${GH}.name
    fields[#fields + 1] = ${slotOf(HOUR_RING, 't')}
  end
  acct_load(fields)
  if score then -- no score (model did not run): store the answer, leave the stats
    local half_life = tonumber(ARGV[7])
    local mx, sum, weight, sat = 0, 0, 0, 0
    if cache['sc'] then
      local p = parse_csv(cache['sc'])
      mx, sum, weight, sat = p[1], p[2], p[3], p[4]
    end
    if t > sat then
      local f = 2 ^ (-(t - sat) / half_life)
      mx, sum, weight, sat = mx * f, sum * f, weight * f, t
    end
    local w = 1
    if sat > t then w = 2 ^ (-(sat - t) / half_life) end
    mx = math.max(mx, score * w)
    sum = sum + score * w
    weight = weight + w
    acct_set('sc', string.format('%.17g,%.17g,%.17g,%.17g', mx, sum, weight, sat))
  end
  if ARGV[4] == '1' then ring_add(${GM}, t, ${inc(SUSPICIOUS_1H)}) end
  if ARGV[5] == '1' then ring_add(${GH}, t, ${inc(ABUSIVE_24H)}) end
  acct_flush_ttl(math.floor(t / DAY_MS))
  return 1
end

if op == 'event' then
  -- ARGV: op, t, type, delivery status, has messageId. K_MSG is the event's own key (type + message).
  local t = tonumber(ARGV[2])
  local kind = ARGV[3]
  -- One event of each type per message: pipeline retries and repeated carrier reports count once.
  if ARGV[5] == '1' and not redis.call('SET', K_MSG, '1', 'NX', 'PX', ${IDEMPOTENCY_TTL_MS}) then return 0 end
  acct_load({ 'bk', ${GH}.name, ${slotOf(HOUR_RING, 't')} })
  if kind == 'delivery' then
    local status = ARGV[4]
    local also = nil
    if status == 'failed' or status == 'undelivered' then also = ${inc(DELIVERY_FAILED_24H)} end
    if status == 'filtered' then also = ${inc(DELIVERY_FILTERED_24H)} end
    ring_add(${GH}, t, ${inc(DELIVERY_REPORTS_24H)}, also)
  elseif kind == 'opt_out' then
    ring_add(${GH}, t, ${inc(OPT_OUTS_24H)})
  elseif kind == 'verification' then
    ring_add(${GH}, t, ${inc(VERIFICATIONS_24H)})
  elseif kind == 'complaint' then
    ring_add(${GH}, t, ${inc(COMPLAINTS_24H)})
  end
  acct_flush_ttl(math.floor(t / DAY_MS))
  return 1
end

if op == 'status' then
  -- ARGV: op, status, reset risk
  redis.call('HSET', K_A, 'st', ARGV[2])
  redis.call('PEXPIRE', K_A, ${META_TTL_MS})
  if ARGV[3] == '1' then
    redis.call('HDEL', K_A, 'sc')
    ring_zero(${GM}, ${SUSPICIOUS_1H.index + 1})
    ring_zero(${GH}, ${ABUSIVE_24H.index + 1})
    acct_flush()
  end
  return 1
end

return redis.error_reply('unknown signal-store operation')
`;
