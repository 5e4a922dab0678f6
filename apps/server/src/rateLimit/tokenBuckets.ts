import { type LuaScript, luaScript, type RedisConnection } from '@gavel/signals';

export interface BucketSpec {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the most a key can spend at once after being idle. */
  burst: number;
}

export interface Take {
  allowed: boolean;
  /** When refused: how long until this cost (at most `burst`) would be allowed. */
  retryAfterMs: number;
}

/** Token buckets per API key: shared through Redis by every replica, or in this process. */
export interface TokenBuckets {
  take(keyId: string, cost: number, signal?: AbortSignal): Promise<Take>;
}

/**
 * One call per request: refill by the time elapsed (Redis's clock, so replicas with skewed clocks
 * agree), then spend. A cost above the burst (a batch bigger than the bucket) is allowed when the
 * bucket is full and leaves it in debt, so a large batch is slowed to the rate instead of refused
 * forever. Fractions are kept as strings: HSET of a Lua number would truncate it.
 * KEYS[1] bucket; ARGV rate per ms, burst, cost.
 */
const TAKE: LuaScript = luaScript(`
local ratePerMs = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then tokens = burst; at = now end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * ratePerMs)
  at = now
end
local need = math.min(cost, burst)
local allowed = 0
local wait = 0
if tokens >= need then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((need - tokens) / ratePerMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - math.min(tokens, 0)) / ratePerMs) + 1000)
return {allowed, wait}
`);

export class RedisTokenBuckets implements TokenBuckets {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly spec: BucketSpec,
  ) {}

  async take(keyId: string, cost: number, signal?: AbortSignal): Promise<Take> {
    // Hash-tagged: on a Redis Cluster the one key lives in one slot, the script runs on its master.
    const key = `${this.prefix}{ratelimit:${keyId}}`;
    const reply = await this.redis.evalScript(
      TAKE,
      [key],
      [this.spec.ratePerSecond / 1000, this.spec.burst, cost],
      signal ? { abortSignal: signal } : undefined,
    );
    const [allowed, wait] = reply as [number, number];
    return { allowed: allowed === 1, retryAfterMs: Number(wait) };
  }
}

/** Beyond this many keys the least recently used bucket is forgotten (it refills to full anyway). */
const MAX_MEMORY_BUCKETS = 10_000;

/** The embedded default (no REDIS_URL, one process): the same arithmetic in a Map. */
export class MemoryTokenBuckets implements TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async take(keyId: string, cost: number): Promise<Take> {
    const now = this.clock();
    const ratePerMs = this.spec.ratePerSecond / 1000;
    const found = this.buckets.get(keyId);
    const bucket = found ?? { tokens: this.spec.burst, at: now };
    if (found) this.buckets.delete(keyId);
    if (now > bucket.at) {
      bucket.tokens = Math.min(this.spec.burst, bucket.tokens + (now - bucket.at) * ratePerMs);
      bucket.at = now;
    }
    const need = Math.min(cost, this.spec.burst);
    let result: Take;
    if (bucket.tokens >= need) {
      bucket.tokens -= cost;
      result = { allowed: true, retryAfterMs: 0 };
    } else {
      result = { allowed: false, retryAfterMs: Math.ceil((need - bucket.tokens) / ratePerMs) };
    }
    this.buckets.set(keyId, bucket);
    if (this.buckets.size > MAX_MEMORY_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return result;
  }
}
