import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSignalStore } from './redis';
import { signalStoreContract } from './store.contract';
import type { MessageObservation, SignalStore } from './types';

const REDIS_URL = 'redis://127.0.0.1:6379';
const T0 = Date.UTC(2026, 10, 29, 10);

const admin = createClient({ url: REDIS_URL });
const prefixes: string[] = [];

function newPrefix(): string {
  const prefix = `test:signals:${randomUUID()}:`;
  prefixes.push(prefix);
  return prefix;
}

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  for (const prefix of prefixes) {
    for await (const keys of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      if (keys.length > 0) await admin.unlink(keys);
  }
  await admin.close();
});

signalStoreContract('Redis', async (now) =>
  createRedisSignalStore({ url: REDIS_URL, prefix: newPrefix(), now, commandTimeoutMs: 2_000 }),
);

function observation(i: number, accountId = 'AC1'): MessageObservation {
  return {
    accountId,
    messageId: `m${i}`,
    to: i % 3 === 0 ? `+88216000${1000 + i}` : `+4477009${String(i).padStart(5, '0')}`,
    channel: 'sms',
    sentAt: T0 + i * 1_000,
    fingerprint: i % 2 === 0 ? '0123456789abcdef' : `${i.toString(16).padStart(16, 'f')}`,
    linkDomains: i % 4 === 0 ? [`d${i % 8}.example`] : [],
    otp: i % 5 === 0,
  };
}

describe('Redis signal store', () => {
  it('gives the same counts from two instances sharing a prefix as from one', async () => {
    const now = () => T0 + 120_000;
    const shared = newPrefix();
    const a = await createRedisSignalStore({ url: REDIS_URL, prefix: shared, now, commandTimeoutMs: 2_000 });
    const b = await createRedisSignalStore({ url: REDIS_URL, prefix: shared, now, commandTimeoutMs: 2_000 });
    const single = await createRedisSignalStore({
      url: REDIS_URL,
      prefix: newPrefix(),
      now,
      commandTimeoutMs: 2_000,
    });
    try {
      const list = Array.from({ length: 60 }, (_, i) => observation(i));
      // Alternate replicas, and deliver one message to both (a retried request hitting another replica).
      await Promise.all(list.map((o, i) => (i % 2 === 0 ? a : b).observe(o)));
      await b.observe(list[0]);
      for (const o of list) await single.observe(o);
      expect(await a.getSignals('AC1')).toEqual(await single.getSignals('AC1'));
      expect(await b.getSignals('AC1')).toEqual(await single.getSignals('AC1'));
    } finally {
      await Promise.all([a.close(), b.close(), single.close()]);
    }
  });

  it('keeps every key of an account under one hash tag, each with a TTL', async () => {
    const prefix = newPrefix();
    const store = await createRedisSignalStore({ url: REDIS_URL, prefix, now: () => T0 + 60_000 });
    try {
      await store.observe({ ...observation(0), accountId: 'AC{7}' });
      await store.recordOutcome('AC{7}', 'm0', {
        score: 0.5,
        suspicious: true,
        abusive: false,
        answer: '{}',
      });
      await store.recordEvents([{ type: 'complaint', accountId: 'AC{7}', at: T0 }]);
      await store.setStatus('AC{7}', 'flagged');
      const keys: string[] = [];
      for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
      expect(keys.length).toBeGreaterThan(5);
      for (const key of keys) {
        expect(key.startsWith(`${prefix}{AC%7B7%7D}:`)).toBe(true);
        expect(await admin.pTTL(key)).toBeGreaterThan(0);
      }
    } finally {
      await store.close();
    }
  });

  it('rejects commands quickly while Redis is unreachable, without crashing', async () => {
    const errors: Error[] = [];
    const started = Date.now();
    const store = await createRedisSignalStore({
      url: 'redis://127.0.0.1:1',
      connectTimeoutMs: 200,
      commandTimeoutMs: 20,
      onError: (e) => errors.push(e),
    });
    try {
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await store.ping()).toBe(false);
      const t = Date.now();
      await expect(store.observe(observation(1))).rejects.toMatchObject({ code: 'SIGNALS_UNAVAILABLE' });
      expect(Date.now() - t).toBeLessThan(100);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  describe('against a private Redis that restarts', () => {
    let server: ChildProcess | undefined;
    let port = 0;

    async function freePort(): Promise<number> {
      return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
          const address = probe.address();
          probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      });
    }

    async function startRedis(): Promise<void> {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: 50 } });
      probe.on('error', () => {});
      await probe.connect();
      await probe.ping();
      await probe.close();
    }

    async function stopRedis(): Promise<void> {
      const child = server;
      if (!child || child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
    });
    afterAll(stopRedis);

    async function waitUntil(check: () => Promise<boolean>): Promise<void> {
      for (let i = 0; i < 100; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('condition not reached');
    }

    it('degrades while Redis is down, then recovers and reloads its script (NOSCRIPT -> EVAL)', async () => {
      const store: SignalStore = await createRedisSignalStore({
        url: `redis://127.0.0.1:${port}`,
        prefix: 'p:',
        now: () => T0 + 60_000,
        commandTimeoutMs: 500,
      });
      try {
        expect((await store.observe(observation(1))).signals.count1h).toBe(1);
        await stopRedis();
        await expect(store.observe(observation(2))).rejects.toMatchObject({ code: 'SIGNALS_UNAVAILABLE' });
        await startRedis(); // a fresh process: empty script cache, empty data
        await waitUntil(() => store.ping());
        expect((await store.observe(observation(3))).signals.count1h).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
});
