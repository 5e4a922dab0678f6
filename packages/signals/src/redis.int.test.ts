import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySignalStore } from './memory';
import { createRedisSignalStore } from './redis';
import { signalStoreContract } from './store.contract';
import { deleteRedisPrefix, type OwnRedis, startOwnRedis } from './testing';
import type { AccountSignals, AccountStatus, MessageObservation, SignalEvent, SignalStore } from './types';

const REDIS_URL = 'redis://127.0.0.1:6379';
const T0 = Date.UTC(2026, 10, 29, 10);

const admin = createClient({ url: REDIS_URL });
/** Every key this file writes starts with it, so one SCAN removes them afterwards. */
const RUN_PREFIX = `test:signals:${randomUUID()}:`;

function newPrefix(): string {
  return `${RUN_PREFIX}${randomUUID().slice(0, 8)}:`;
}

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  await deleteRedisPrefix(RUN_PREFIX, REDIS_URL);
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

/** Equal, but for the day's recipients: a HyperLogLog in Redis (0.81 % standard error), exact here. */
function expectSameSignals(fromRedis: AccountSignals, fromMemory: AccountSignals): void {
  const { uniqueRecipients24h: approx, ...rest } = fromRedis;
  const { uniqueRecipients24h: exact, ...expected } = fromMemory;
  expect(rest).toEqual(expected);
  expect(Math.abs(approx - exact)).toBeLessThanOrEqual(Math.max(2, exact * 0.03));
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
      await store.setStatus('AC{7}', 'flagged', { resetRisk: true });
      const keys: string[] = [];
      for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
      // The layout (README "Redis layout"): account hash, values hash, id and answer of the message,
      // the day-recipients bucket.
      const base = `${prefix}{AC%7B7%7D}:`;
      expect(keys.map((k) => k.slice(base.length).replace(/:\d+$/, ':<bucket>')).sort()).toEqual([
        'R:<bucket>',
        'a2',
        'an:m0',
        'id:m0',
        'v2',
      ]);
      for (const key of keys) {
        expect(key.startsWith(`${prefix}{AC%7B7%7D}:`)).toBe(true);
        expect(await admin.pTTL(key)).toBeGreaterThan(0);
      }
    } finally {
      await store.close();
    }
  });

  it('keeps the values hash to the fields the windows still need (sweep) without changing a count', async () => {
    // One message every 9 s for 5 hours, each to a new recipient with new content: every observe adds
    // ~7 fields (recipient, 4 content bands, prefix count, ...). The sweep drops the stale ones.
    const clock = { now: T0 };
    const prefix = newPrefix();
    const store = await createRedisSignalStore({
      url: REDIS_URL,
      prefix,
      now: () => clock.now,
      commandTimeoutMs: 2_000,
    });
    const memory = createMemorySignalStore({ now: () => clock.now });
    try {
      const total = 2_000;
      for (let i = 0; i < total; i++) {
        clock.now = T0 + i * 9_000;
        const obs: MessageObservation = {
          accountId: 'AC1',
          messageId: `s${i}`,
          to: `+4477009${String(i).padStart(5, '0')}`,
          channel: 'sms',
          sentAt: clock.now,
          fingerprint: (i * 2654435761).toString(16).padStart(16, '0').slice(-16),
          linkDomains: [],
        };
        const [fromRedis, fromMemory] = await Promise.all([store.observe(obs), memory.observe(obs)]);
        if (i % 250 === 0) expectSameSignals(fromRedis.signals, fromMemory.signals);
      }
      const fields = await admin.hLen(`${prefix}{AC1}:v2`);
      // The last hour's ~400 messages need ~2,800 fields; without the sweep there would be ~14,000.
      expect(fields).toBeLessThan(4_500);
      expectSameSignals(await store.getSignals('AC1'), await memory.getSignals('AC1'));
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
    let redis: OwnRedis;
    let port = 0;

    beforeAll(async () => {
      redis = await startOwnRedis();
      port = redis.port;
    });
    afterAll(() => redis?.kill('SIGTERM'));

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
        await redis.kill('SIGTERM');
        await expect(store.observe(observation(2))).rejects.toMatchObject({ code: 'SIGNALS_UNAVAILABLE' });
        await redis.restart(); // a fresh process: empty script cache, empty data
        await waitUntil(() => store.ping());
        expect((await store.observe(observation(3))).signals.count1h).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('rejects a call to a stalled Redis after commandTimeoutMs, then serves again', async () => {
      const store = await createRedisSignalStore({
        url: `redis://127.0.0.1:${port}`,
        prefix: 'stall:',
        now: () => T0 + 60_000,
        commandTimeoutMs: 50,
      });
      const blocker = createClient({ url: `redis://127.0.0.1:${port}` });
      await blocker.connect();
      try {
        await store.observe(observation(1));
        await blocker.sendCommand(['CLIENT', 'PAUSE', '400', 'ALL']);
        const started = Date.now();
        await expect(store.observe(observation(2))).rejects.toMatchObject({ code: 'SIGNALS_UNAVAILABLE' });
        expect(Date.now() - started).toBeLessThan(300);
        await new Promise((r) => setTimeout(r, 500));
        // The late reply of the abandoned call is dropped; later calls get their own answers.
        expect((await store.getSignals('AC1')).count1h).toBe(2);
        expect((await store.observe(observation(3))).signals.count1h).toBe(3);
      } finally {
        await blocker.close();
        await store.close();
      }
    });
  });
});

type Op =
  | { kind: 'observe'; dt: number; obs: Omit<MessageObservation, 'sentAt'>; lag: number }
  | { kind: 'outcome'; dt: number; accountId: string; messageId: string; score: number | null; flags: number }
  | { kind: 'events'; dt: number; events: Omit<SignalEvent, 'at'>[] }
  | { kind: 'status'; dt: number; accountId: string; status: AccountStatus; resetRisk: boolean }
  | { kind: 'read'; dt: number; accountId: string };

const accountIds = ['A', 'B'];
const messageIds = Array.from({ length: 12 }, (_, i) => `m${i}`);
const recipients = [
  '+447700900001',
  '+447700900002',
  '+447711900003',
  '+88216000001',
  '+88216000002',
  '+15555550100',
  'x@example.com',
];
const fingerprints = ['0123456789abcdef', '0123456789abcdee', 'fedcba9876543210', '', 'ffff000000000000'];
const domains = ['a.example', 'b.example', 'c.example'];

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('observe' as const),
      dt: fc.integer({ min: 0, max: 20 * 60_000 }),
      lag: fc.integer({ min: -10 * 60_000, max: 30 * 60_000 }),
      obs: fc.record({
        accountId: fc.constantFrom(...accountIds),
        messageId: fc.constantFrom(...messageIds),
        to: fc.constantFrom(...recipients),
        channel: fc.constant('sms'),
        fingerprint: fc.constantFrom(...fingerprints),
        linkDomains: fc.subarray(domains),
        otp: fc.boolean(),
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outcome' as const),
      dt: fc.integer({ min: 0, max: 20 * 60_000 }),
      accountId: fc.constantFrom(...accountIds),
      messageId: fc.constantFrom(...messageIds),
      score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
      flags: fc.integer({ min: 0, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('events' as const),
      dt: fc.integer({ min: 0, max: 60 * 60_000 }),
      events: fc.array(
        fc.oneof(
          fc.record({
            type: fc.constant('delivery' as const),
            accountId: fc.constantFrom(...accountIds),
            messageId: fc.constantFrom(...messageIds),
            status: fc.constantFrom(
              'delivered' as const,
              'failed' as const,
              'filtered' as const,
              'undelivered' as const,
            ),
          }),
          fc.record({ type: fc.constant('opt_out' as const), accountId: fc.constantFrom(...accountIds) }),
          fc.record(
            {
              type: fc.constant('verification' as const),
              accountId: fc.constantFrom(...accountIds),
              messageId: fc.constantFrom(...messageIds),
            },
            { requiredKeys: ['type', 'accountId'] },
          ),
          fc.record({ type: fc.constant('complaint' as const), accountId: fc.constantFrom(...accountIds) }),
        ),
        { maxLength: 4 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      dt: fc.integer({ min: 0, max: 60_000 }),
      accountId: fc.constantFrom(...accountIds),
      status: fc.constantFrom('active' as const, 'flagged' as const, 'suspended' as const),
      resetRisk: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      dt: fc.integer({ min: 0, max: 6 * 3_600_000 }),
      accountId: fc.constantFrom(...accountIds),
    }),
  },
);

/** Floats computed by Lua and by JavaScript may differ in the last bits. */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
  );
}

async function replay(store: SignalStore, clock: { now: number }, ops: Op[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const op of ops) {
    clock.now += op.dt;
    switch (op.kind) {
      case 'observe':
        out.push(await store.observe({ ...op.obs, sentAt: clock.now - op.lag }));
        break;
      case 'outcome':
        await store.recordOutcome(op.accountId, op.messageId, {
          score: op.score,
          suspicious: (op.flags & 1) === 1,
          abusive: (op.flags & 2) === 2,
          answer: `answer-${op.messageId}-${op.score}`,
        });
        break;
      case 'events':
        await store.recordEvents(op.events.map((e) => ({ ...e, at: clock.now }) as SignalEvent));
        break;
      case 'status':
        await store.setStatus(op.accountId, op.status, { resetRisk: op.resetRisk });
        break;
      case 'read':
        out.push(await store.getSignals(op.accountId));
        break;
    }
  }
  for (const id of accountIds) out.push(await store.getSignals(id));
  return out.map(comparable);
}

describe('Redis and in-process stores agree', () => {
  it('give the same answers for any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), async (ops) => {
        const memoryClock = { now: T0 };
        const redisClock = { now: T0 };
        const memory = createMemorySignalStore({ now: () => memoryClock.now });
        const redis = await createRedisSignalStore({
          url: REDIS_URL,
          prefix: newPrefix(),
          now: () => redisClock.now,
          commandTimeoutMs: 2_000,
        });
        try {
          expect(await replay(redis, redisClock, ops)).toEqual(await replay(memory, memoryClock, ops));
        } finally {
          await redis.close();
          await memory.close();
        }
      }),
      { numRuns: Number(process.env.SIGNALS_PROPERTY_RUNS ?? 30) },
    );
  });
});
