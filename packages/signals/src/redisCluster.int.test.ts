import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSignalStore } from './redis';
import { CrossSlotScriptError, connectRedis, luaScript } from './redisConnection';
import { signalStoreContract } from './store.contract';
import { deleteRedisPrefix, startRedisCluster, type TestRedisCluster } from './testing';
import type { AccountSignals, MessageObservation, SignalStore } from './types';

// The same contract as redis.int.test.ts, on a real 3-master Redis Cluster of private processes.
const T0 = Date.UTC(2026, 10, 29, 10);
const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

let cluster: TestRedisCluster;
const COUNTS: (keyof AccountSignals)[] = [
  'count1m',
  'count1h',
  'count24h',
  'uniqueRecipients1h',
  'uniqueRecipients24h',
  'destCountries24h',
  'destPrefixes24h',
  'linkDomains24h',
  'otpSent24h',
  'firstSeenAt',
];

beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

function newPrefix(): string {
  return `test:${randomUUID().slice(0, 8)}:`;
}

signalStoreContract('Redis Cluster', async (now) =>
  createRedisSignalStore({ url: cluster.url, prefix: newPrefix(), now, commandTimeoutMs: 2_000 }),
);

function observation(i: number, accountId: string): MessageObservation {
  return {
    accountId,
    messageId: `m${i}`,
    to: i % 3 === 0 ? `+88216000${1000 + (i % 50)}` : `+4477009${String(i % 200).padStart(5, '0')}`,
    channel: 'sms',
    sentAt: T0 + i * 100,
    fingerprint: i % 2 === 0 ? '0123456789abcdef' : `${i.toString(16).padStart(16, 'f')}`,
    linkDomains: i % 4 === 0 ? [`d${i % 8}.example`] : [],
    otp: i % 5 === 0,
  };
}

/** Every key under `prefix`, by the node that holds it. */
async function keysByNode(prefix: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const port of cluster.ports) {
    const keys: string[] = [];
    for await (const batch of (await cluster.node(port)).scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      keys.push(...batch);
    if (keys.length > 0) out.set(port, keys);
  }
  return out;
}

describe('Redis signal store on a Redis Cluster', () => {
  it('keeps each account on one node and spreads accounts over the masters', async () => {
    const prefix = newPrefix();
    const store = await createRedisSignalStore({ url: cluster.url, prefix, now: () => T0 + 60_000 });
    try {
      const accounts = Array.from({ length: 24 }, (_, i) => `AC${i}`);
      await store.observeBatch(accounts.map((a, i) => observation(i, a)));
      await store.recordEvents(accounts.map((accountId) => ({ type: 'complaint', accountId, at: T0 })));
      const byNode = await keysByNode(prefix);
      expect(byNode.size).toBe(3);
      for (const accountId of accounts) {
        const holders = [...byNode].filter(([, keys]) => keys.some((k) => k.includes(`{${accountId}}`)));
        expect(holders.length, accountId).toBe(1);
        expect((await store.getSignals(accountId)).complaints24h).toBe(1);
      }
    } finally {
      await store.close();
    }
  });

  it("reloads its script on a node that lost it (NOSCRIPT -> EVAL on that node's own cache)", async () => {
    const prefix = newPrefix();
    const store = await createRedisSignalStore({ url: cluster.url, prefix, now: () => T0 + 60_000 });
    try {
      expect((await store.observe(observation(1, 'ACflush'))).signals.count1h).toBe(1);
      const owner = await cluster.ownerOf(await cluster.slotOf(`{ACflush}`));
      await (await cluster.node(owner)).sendCommand(['SCRIPT', 'FLUSH']);
      expect((await store.observe(observation(2, 'ACflush'))).signals.count1h).toBe(2);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses a script call whose keys span two hash tags, before sending it', async () => {
    const connection = await connectRedis({ url: cluster.url });
    try {
      const script = luaScript('return 1');
      await expect(connection.evalScript(script, ['{a}:x', '{b}:y'], [])).rejects.toBeInstanceOf(
        CrossSlotScriptError,
      );
      expect(await connection.evalScript(script, ['{a}:x', 'p:{a}:y'], [])).toBe(1);
    } finally {
      await connection.close();
    }
  });

  it('loses no count and fails no observation while the account slot migrates to another master', async () => {
    const prefix = newPrefix();
    const accountId = 'ACmoving';
    const clock = { now: T0 };
    const store = await createRedisSignalStore({
      url: cluster.url,
      prefix,
      now: () => clock.now,
      // Generous: on the shared 2-core box a TRYAGAIN retry can wait behind other suites.
      commandTimeoutMs: 8_000,
    });
    // The reference is the same store on the single shared Redis (same HyperLogLogs, so unique
    // counts agree exactly; the in-process store counts them exactly and would differ by ~1 %).
    const referencePrefix = `test:signals:${randomUUID()}:`;
    const reference = await createRedisSignalStore({
      url: SHARED_REDIS_URL,
      prefix: referencePrefix,
      now: () => clock.now,
      commandTimeoutMs: 2_000,
    });
    const slot = await cluster.slotOf(`${prefix}{${accountId}}:m`);
    const from = await cluster.ownerOf(slot);
    const to = cluster.ports.find((p) => p !== from) as number;
    const before = await cluster.errorStats();
    try {
      const total = 400;
      let sent = 0;
      const failures: unknown[] = [];
      // Four observations in flight at a time, for as long as the migration runs (and then some).
      async function traffic(store: SignalStore) {
        while (sent < total) {
          const i = sent++;
          await store.observe(observation(i, accountId)).catch((error) => failures.push(error));
        }
      }
      const running = Promise.all([traffic(store), traffic(store), traffic(store), traffic(store)]);
      await new Promise((r) => setTimeout(r, 30));
      // Two keys per MIGRATE and 15 ms between steps: traffic meets MIGRATING/IMPORTING (ASK,
      // TRYAGAIN) for a while, then the new owner (MOVED).
      const moved = await cluster.migrateSlot(slot, to, { pauseMs: 15, keysPerBatch: 2 });
      await running;
      expect(failures.map(String)).toEqual([]);
      expect(moved).toBeGreaterThan(3);
      expect(await cluster.ownerOf(slot)).toBe(to);

      clock.now = T0 + total * 100;
      for (let i = 0; i < total; i++) await reference.observe(observation(i, accountId));
      const [got, want] = [await store.getSignals(accountId), await reference.getSignals(accountId)];
      // The counts that do not depend on the order the concurrent observations landed in (the
      // heavy-hitter candidates behind topPrefixShare1h and repeatedContent1h do).
      for (const field of COUNTS) expect(got[field], field).toBe(want[field]);
      expect(got.count24h).toBe(total);
      // Repeats after the move are recognised: the idempotency keys moved with the rest.
      expect((await store.observe(observation(7, accountId))).duplicate).toBe(true);

      const after = await cluster.errorStats();
      const redirected = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
      expect(redirected('MOVED')).toBeGreaterThan(0);
      expect(redirected('ASK') + redirected('TRYAGAIN')).toBeGreaterThan(0);
    } finally {
      await store.close();
      await reference.close();
      await deleteRedisPrefix(referencePrefix, SHARED_REDIS_URL);
    }
  });
});
