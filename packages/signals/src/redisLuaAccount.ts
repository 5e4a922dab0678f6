// Lua for the account hash (`<prefix>{<accountId>}:a2`): metadata (first seen, cached status, score
// state), every counter ring, the heavy-hitter candidates and the bookkeeping fields, read through a
// cache by one HMGET and written back by one HSET per script call. Part of SIGNAL_SCRIPT
// (redisScript.ts); the rings follow CounterRing (counterRing.ts) exactly.
import { RING_GROUPS, type RingGroup } from './windows';

function luaGroup(g: RingGroup): string {
  return `{ name = '${g.name}', ms = ${g.bucketMs}, slots = ${g.slots}, n = ${g.counters.length} }`;
}

/** Lua variable holding a ring group: G<name> (GA, GM, GH, GD, GE). */
export function groupVar(g: RingGroup): string {
  return `G${g.name}`;
}

export const ACCOUNT_LUA = `
${RING_GROUPS.map((g) => `local ${groupVar(g)} = ${luaGroup(g)}`).join('\n')}

-- Ring slots, headers and per-value counts are packed little-endian int32s (struct, in C): in Redis
-- 7.0 unpacking 10 numbers costs ~0.3 us and packing ~0.3 us, against ~1.2 us for cjson.decode and
-- ~2.7 us for table.concat of the decimal "1,2,3" text this layout used before. A field is unpacked
-- once per call (the table replaces the string in the cache) and packed once, at the flush, if written.
-- The score state ('sc': max, sum, weight, at as %.17g text, exact) is parsed by cjson (C).
local function parse_csv(v)
  return cjson.decode('[' .. v .. ']')
end

local FMT = {}
local function ints_fmt(n)
  local f = FMT[n]
  if not f then
    f = '<' .. string.rep('i4', n)
    FMT[n] = f
  end
  return f
end

local function unpack_ints(v)
  local t = { struct.unpack(ints_fmt(#v / 4), v) }
  t[#t] = nil -- struct.unpack returns the next read position last
  return t
end

local function pack_ints(t)
  return struct.pack(ints_fmt(#t), unpack(t))
end

local cache, loaded, dirty = {}, {}, {}

local function acct_load(fields)
  local missing = {}
  for _, f in ipairs(fields) do
    if not loaded[f] then
      missing[#missing + 1] = f
      loaded[f] = true
    end
  end
  if #missing > 0 then
    local vals = redis.call('HMGET', K_A, unpack(missing))
    for i, f in ipairs(missing) do cache[f] = vals[i] end
  end
end

local function acct_get(f)
  if not loaded[f] then acct_load({ f }) end
  return cache[f]
end

-- A packed field as a table of numbers (nil when absent), unpacked on first use.
local function acct_ints(f)
  local v = acct_get(f)
  if type(v) == 'string' then
    v = unpack_ints(v)
    cache[f] = v
  end
  return v or nil
end

local function acct_set(f, v)
  cache[f] = v
  loaded[f] = true
  dirty[f] = true
end

local function acct_flush()
  local args = {}
  for f in pairs(dirty) do
    local v = cache[f]
    args[#args + 1] = f
    args[#args + 1] = type(v) == 'table' and pack_ints(v) or v
  end
  if #args > 0 then redis.call('HSET', K_A, unpack(args)) end
  dirty = {}
end

-- Rings. Header field = group name: head bucket, total1, ... (the totals of the window ending at
-- the head); slot field = group name .. slot: bucket, count1, ...
local function header(g)
  local h = acct_ints(g.name)
  if h then return h end
  h = { 0 }
  for k = 1, g.n do h[k + 1] = 0 end
  cache[g.name] = h -- not dirty: written only once it changes
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
  acct_load(fields)
  for k, f in ipairs(fields) do
    local p = acct_ints(f)
    if p and p[1] == head + k - g.slots then
      for i = 1, g.n do h[i + 1] = h[i + 1] - p[i + 1] end
    end
  end
end

-- Adds 'by' to counter i (1-based) and, when given, to counter j too.
local function ring_add_bucket(g, bucket, i, by, j)
  local h = header(g)
  if bucket > h[1] then
    expire(g, h, bucket)
    h[1] = bucket
    acct_set(g.name, h)
  end
  if bucket <= h[1] - g.slots then return end -- already out of the window
  local f = g.name .. (bucket % g.slots)
  local p = acct_ints(f)
  if p and p[1] > bucket then return end
  if not p or p[1] < bucket then
    p = { bucket }
    for i = 1, g.n do p[i + 1] = 0 end
  end
  p[i + 1] = p[i + 1] + by
  h[i + 1] = h[i + 1] + by
  if j then
    p[j + 1] = p[j + 1] + by
    h[j + 1] = h[j + 1] + by
  end
  acct_set(f, p)
  acct_set(g.name, h)
end

local function ring_add(g, t, i, j)
  ring_add_bucket(g, math.floor(t / g.ms), i, 1, j)
end

-- The window ending at t: head bucket, then the totals (the header itself when no slot leaves it).
local function ring_totals(g, t)
  local h = header(g)
  local bucket = math.floor(t / g.ms)
  if bucket <= h[1] then return h end
  local copy = {}
  for i = 1, g.n + 1 do copy[i] = h[i] end
  expire(g, copy, bucket)
  return copy
end

local function ring_zero(g, index)
  local h = header(g)
  h[index + 1] = 0
  acct_set(g.name, h)
  local fields = {}
  for slot = 0, g.slots - 1 do fields[slot + 1] = g.name .. slot end
  acct_load(fields)
  for _, f in ipairs(fields) do
    local p = acct_ints(f)
    if p then
      p[index + 1] = 0
      acct_set(f, p)
    end
  end
end

-- Bookkeeping, one packed field 'bk' (one field read instead of four): the 3-hour bucket of the last
-- TTL refresh of the account hash (BK_A), of the values hash (BK_V, -1: set it again) and of the
-- day-recipients key (BK_R); observes since the last sweep step (BK_N). A key needs its TTL refreshed
-- once per bucket, instead of one PEXPIRE per write.
local BK_A, BK_V, BK_R, BK_N = 1, 2, 3, 4

local function bk()
  local b = acct_ints('bk')
  if b then return b end
  b = { -1, -1, -1, 0 }
  cache['bk'] = b -- not dirty: written only once it changes
  return b
end

local function bk_set(i, v)
  local b = bk()
  b[i] = v
  acct_set('bk', b)
end

local function ttl_once(i, key, bucket, ttl)
  if bk()[i] ~= bucket then
    redis.call('PEXPIRE', key, ttl)
    bk_set(i, bucket)
  end
end
`;
