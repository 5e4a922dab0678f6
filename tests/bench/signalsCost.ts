/**
 * Redis CPU per signal-store call, read from
 * `INFO commandstats` (usec of the script calls, nested commands included) around a loop of
 * `observeBatch` (100 a call, new recipients, `accounts` accounts in turn) and `recordOutcome` calls.
 * `tsx tests/bench/signalsCost.ts [redisUrl] [messages] [accounts] [batch]`. Use a private redis-server
 * (`redis-server --port 6399 --save ''`): it resets the server's stats.
 */

import { createRedisSignalStore } from '@gavel/signals';
import { createClient } from 'redis';
import { observationSource } from './observations';

const url = process.argv[2] ?? 'redis://127.0.0.1:6399';
const n = Number(process.argv[3] ?? 20_000);
const ACCOUNTS = Number(process.argv[4] ?? 1_000);
/** Observations per observeBatch and outcomes per turn (1: the cost of a lone message at low load). */
const BATCH = Number(process.argv[5] ?? 100);
const admin = createClient({ url });
await admin.connect();
const store = await createRedisSignalStore({
  url,
  prefix: `cost:${Date.now().toString(36)}:`,
  commandTimeoutMs: 5_000,
});

/** Redis process CPU (user + system) in µs: includes parsing, replies and syscalls, not only scripts. */
async function processUsec(): Promise<number> {
  const info = await admin.info('cpu');
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (read('used_cpu_user') + read('used_cpu_sys')) * 1e6;
}

/** Commands run inside scripts (Redis 7 counts them in INFO commandstats), all kinds but EVAL/EVALSHA. */
async function nestedCalls(): Promise<number> {
  let calls = 0;
  for (const line of (await admin.info('commandstats')).split('\n')) {
    const m = /^cmdstat_([a-z|]+):calls=(\d+)/.exec(line);
    if (m && !['evalsha', 'eval', 'info', 'config|resetstat'].includes(m[1])) calls += Number(m[2]);
  }
  return calls;
}

async function usec(): Promise<number> {
  const info = await admin.info('commandstats');
  let total = 0;
  for (const line of info.split('\n')) {
    const m = /^cmdstat_(evalsha|eval):calls=\d+,usec=(\d+)/.exec(line);
    if (m) total += Number(m[2]);
  }
  return total;
}
/** `SIGNALS_COST_SHAPE` picks which windows the traffic feeds (see observations.ts); default 'all'. */
const SHAPE = process.env.SIGNALS_COST_SHAPE ?? 'all';
const obs = observationSource(SHAPE, ACCOUNTS).next;
// warm-up
for (let i = 0; i < 20; i++) await store.observeBatch(Array.from({ length: 100 }, obs));
await admin.configResetStat();
let before = await usec();
let cpuBefore = await processUsec();
let callsBefore = await nestedCalls();
const ids: [string, string][] = [];
const s0 = performance.now();
for (let i = 0; i < n / BATCH; i++) {
  const batch = Array.from({ length: BATCH }, obs);
  await store.observeBatch(batch);
  for (const o of batch) ids.push([o.accountId, o.messageId]);
}
const observeMs = performance.now() - s0;
let after = await usec();
let cpuAfter = await processUsec();
let callsAfter = await nestedCalls();
console.log(
  `observe: ${((after - before) / n).toFixed(1)} us in the script, ${((cpuAfter - cpuBefore) / n).toFixed(1)} us Redis process CPU, ${((callsAfter - callsBefore) / n).toFixed(2)} redis.calls per message; client wall ${((observeMs * 1000) / n).toFixed(1)} us/msg`,
);
callsBefore = callsAfter;
before = after;
cpuBefore = cpuAfter;
const s1 = performance.now();
for (let i = 0; i < ids.length; i += BATCH) {
  await Promise.all(
    ids.slice(i, i + BATCH).map(([a, m]) =>
      store.recordOutcome(a, m, {
        score: 0.2,
        suspicious: false,
        abusive: false,
        answer: '{"messageId":"x","score":0.2}',
      }),
    ),
  );
}
const outcomeMs = performance.now() - s1;
after = await usec();
cpuAfter = await processUsec();
callsAfter = await nestedCalls();
console.log(
  `recordOutcome: ${((after - before) / n).toFixed(1)} us in the script, ${((cpuAfter - cpuBefore) / n).toFixed(1)} us Redis process CPU, ${((callsAfter - callsBefore) / n).toFixed(2)} redis.calls per message; client wall ${((outcomeMs * 1000) / n).toFixed(1)} us/msg`,
);
console.log(
  (await admin.info('commandstats'))
    .split('\n')
    .filter((l) => /calls=/.test(l))
    .join('\n'),
);
if (process.argv[6] === 'interleaved') {
  // The server's pattern at low load: observe, answer, record the outcome off the path, next message.
  const cpu0 = await processUsec();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const o = obs();
    await store.observe(o);
    pending.push(
      store.recordOutcome(o.accountId, o.messageId, {
        score: 0.2,
        suspicious: false,
        abusive: false,
        answer: '{"messageId":"x","score":0.2}',
      }),
    );
  }
  await Promise.all(pending);
  console.log(
    `interleaved observe + outcome: ${(((await processUsec()) - cpu0) / n).toFixed(1)} us Redis process CPU per message`,
  );
}
await store.close();
await admin.close();
