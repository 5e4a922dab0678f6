// Lua for the values hash (`<prefix>{<accountId>}:v2`), one field per value seen lately, read by one
// HMGET and written by one HSET per observe:
//   'r<recipient>'                       -> 10-minute bucket last seen (distinct recipients, ring D)
//   'C<country>', 'P<prefix>', 'L<domain>' -> 3-hour bucket last seen (distinct counts, ring E)
//   'p<prefix>', 'f<band>', '#'          -> bucket, count, bucket, count, ... (packed int32s) for the
//                                           last 10-minute buckets (per-value hour counts; '#' = phone
//                                           messages)
// plus the day's recipients as HyperLogLogs (one per 3-hour bucket and a running union). Part of
// SIGNAL_SCRIPT (redisScript.ts); the in-process twin is memoryAccount.ts + lastSeen.ts.
import {
  DAY_SET_BUCKET_MS,
  DAY_SET_BUCKETS,
  HOUR_SET_BUCKET_MS,
  HOUR_SET_BUCKETS,
  MAX_FUTURE_SKEW_MS,
} from './windows';

/** Every this many observes of an account, one HSCAN step drops the values hash's stale fields. */
export const SWEEP_EVERY = 8;
/** HSCAN COUNT of a sweep step: more fields than SWEEP_EVERY observes can add, so the sweep keeps up. */
export const SWEEP_COUNT = 128;
// A union is read only while the clock is in its bucket (it may be built up to the skew early).
const DAY_UNION_TTL_MS = DAY_SET_BUCKET_MS * 2 + MAX_FUTURE_SKEW_MS;

export const VALUES_LUA = `
local HB, DB = ${HOUR_SET_BUCKETS}, ${DAY_SET_BUCKETS}
local HOUR_MS, DAY_MS = ${HOUR_SET_BUCKET_MS}, ${DAY_SET_BUCKET_MS}

local vcache, vloaded, vdirty = {}, {}, {}

local function val_load(fields)
  local missing = {}
  for _, f in ipairs(fields) do
    if not vloaded[f] then
      missing[#missing + 1] = f
      vloaded[f] = true
    end
  end
  if #missing > 0 then
    local vals = redis.call('HMGET', K_V, unpack(missing))
    for i, f in ipairs(missing) do vcache[f] = vals[i] end
  end
end

-- A per-value count field (packed bucket, count pairs) as a table, unpacked on first use; nil if absent.
local function val_ints(f)
  local v = vcache[f]
  if type(v) == 'string' then
    v = unpack_ints(v)
    vcache[f] = v
  end
  return v or nil
end

local function val_set(f, v)
  vcache[f] = v
  vloaded[f] = true
  vdirty[f] = true
end

local function val_flush()
  local args = {}
  for f in pairs(vdirty) do
    local v = vcache[f]
    args[#args + 1] = f
    args[#args + 1] = type(v) == 'table' and pack_ints(v) or v
  end
  if #args > 0 then redis.call('HSET', K_V, unpack(args)) end
  vdirty = {}
end

-- Counts field's value in the bucket it was last seen in (LastSeenValues.add in lastSeen.ts).
local function distinct_add(g, index, field, bucket)
  local prev = tonumber(vcache[field] or '')
  if prev and prev >= bucket then return end
  if prev then ring_add_bucket(g, prev, index, -1) end
  ring_add_bucket(g, bucket, index, 1)
  val_set(field, tostring(bucket))
end

-- Per-value hour counts (p: { bucket, count, ... } or nil): sum of the entries in the window of HB
-- buckets ending at bucket 'last'.
local function mini_sum(p, last)
  if not p then return 0 end
  local total = 0
  for i = 1, #p, 2 do
    if p[i] > last - HB and p[i] <= last then total = total + p[i + 1] end
  end
  return total
end

-- Adds 1 at bucket; keeps the entries a later read can still need (a read may end one bucket before
-- 'last', the clock being up to the accepted skew behind a message dated ahead).
local function mini_add(p, bucket, last)
  local out, added = {}, false
  if p then
    for i = 1, #p, 2 do
      local b, c = p[i], p[i + 1]
      if b == bucket then
        c = c + 1
        added = true
      end
      if b >= last - HB then
        out[#out + 1] = b
        out[#out + 1] = c
      end
    end
  end
  if not added then
    -- Entries stay in ascending bucket order: a late message's bucket goes in its place.
    local pos = #out + 1
    for i = 1, #out, 2 do
      if out[i] > bucket then
        pos = i
        break
      end
    end
    table.insert(out, pos, 1)
    table.insert(out, pos, bucket)
  end
  return out
end

-- One HSCAN step over the values hash every ${SWEEP_EVERY} observes: drops fields no window still to
-- be read needs (see LastSeenValues.forgetUpTo for why a dropped last-seen bucket changes no count).
-- Cursor in field 'vs' (read only then), observes since the last step in BK_N of the account hash.
local function sweep(hb_at, db_at)
  local n = bk()[BK_N] + 1
  if n < ${SWEEP_EVERY} then
    bk_set(BK_N, n)
    return
  end
  bk_set(BK_N, 0)
  local res = redis.call('HSCAN', K_V, acct_get('vs') or '0', 'COUNT', ${SWEEP_COUNT})
  acct_set('vs', res[1])
  local stale = {}
  local kv = res[2]
  for i = 1, #kv, 2 do
    local f, v = kv[i], kv[i + 1]
    local kind = string.sub(f, 1, 1)
    local dead
    if kind == 'r' then
      dead = tonumber(v) < hb_at - HB
    elseif kind == 'C' or kind == 'P' or kind == 'L' then
      dead = tonumber(v) < db_at - DB
    else
      local newest = #v >= 8 and struct.unpack('<i4', v, #v - 7) or -1 -- the last pair's bucket
      dead = newest < hb_at - HB
    end
    if dead then stale[#stale + 1] = f end
  end
  if #stale > 0 then
    redis.call('HDEL', K_V, unpack(stale))
    bk_set(BK_V, -1) -- the hash may be gone: the next write sets its TTL again
  end
end

-- Recipients over the day: HyperLogLog per 3-hour bucket (KEYS[K_RW] the message's, KEYS[K_R ..
-- K_R + DB - 1] the window's, newest first) and a running union of the window ending at the read
-- time's bucket (KEYS[K_UR]) so the read is a single-key PFCOUNT. Field 'u:R' of the account hash =
-- the bucket of the newest union built, suffixed 's' when the window's older buckets were all empty
-- then (the bucket's own key is the union, nothing merged). A union is complete from its PFMERGE on,
-- because every later write inside its window is added to it too; a read at another bucket merges.
local function union_state()
  local v = acct_get('u:R')
  if not v then return -1, false end
  if string.sub(v, -1) == 's' then return tonumber(string.sub(v, 1, -2)), true end
  return tonumber(v), false
end

local function window_keys(first, n)
  local out = {}
  for i = first, first + n - 1 do out[#out + 1] = KEYS[i] end
  return out
end

local function recipients_day_count(at)
  local have, single = union_state()
  if have == math.floor(at / DAY_MS) then return redis.call('PFCOUNT', KEYS[single and K_R or K_UR]) end
  return redis.call('PFCOUNT', unpack(window_keys(K_R, DB)))
end

local function recipients_day_write(t, at, written, recipient)
  local ub = math.floor(at / DAY_MS)
  local have, single = union_state()
  if have == ub then
    if single then
      -- An older bucket of the window got data: the bucket's own key is no longer the union.
      if written and math.floor(t / DAY_MS) ~= ub then acct_set('u:R', '-1') end
    elseif written then
      redis.call('PFADD', KEYS[K_UR], recipient)
    end
  elseif ub > have then
    if redis.call('EXISTS', unpack(window_keys(K_R + 1, DB - 1))) == 0 then
      acct_set('u:R', ub .. 's')
    else
      -- PFMERGE keeps what the destination holds: a stale union of this bucket is a subset anyway.
      redis.call('PFMERGE', KEYS[K_UR], unpack(window_keys(K_R, DB)))
      redis.call('PEXPIRE', KEYS[K_UR], ${DAY_UNION_TTL_MS})
      acct_set('u:R', tostring(ub))
    end
  elseif written and have - math.floor(t / DAY_MS) < DB then
    -- The newest union (a later bucket, built by a message dated ahead of this one's clock) covers
    -- this message's bucket but is not among this call's keys: drop it, the next read rebuilds it.
    acct_set('u:R', '-1')
  end
end
`;
