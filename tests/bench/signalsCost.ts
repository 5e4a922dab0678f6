/**
 * `tsx tests/bench/signalsCost.ts [redisUrl] [n]`: Redis CPU per signal-store call, read from
 * `INFO commandstats` (usec of evalsha/evalsha + the batched outcome writes) around a loop of
 * `observeBatch` (100 a call, 5,000 accounts, new recipients) and `recordOutcome` calls. Use a
 * private redis-server: it resets the server's stats.
 */
import { createClient } from 'redis';
import { createRedisSignalStore } from '@gavel/signals';

const url = process.argv[2] ?? 'redis://127.0.0.1:6399';
const n = Number(process.argv[3] ?? 20_000);
const admin = createClient({ url });
await admin.connect();
const store = await createRedisSignalStore({ url, prefix: `cost:${Date.now().toString(36)}:`, commandTimeoutMs: 5_000 });

async function usec(): Promise<number> {
  const info = await admin.info('commandstats');
  let total = 0;
  for (const line of info.split('\n')) {
    const m = /^cmdstat_(evalsha|eval|fcall|evalsha_ro):calls=\d+,usec=(\d+)/.exec(line);
    if (m && (m[1] === 'evalsha' || m[1] === 'eval' || m[1] === 'fcall')) total += Number(m[2]);
  }
  return total;
}
async function allUsec(): Promise<number> {
  const info = await admin.info('commandstats');
  let total = 0;
  for (const line of info.split('\n')) {
    const m = /^cmdstat_([a-z|_]+):calls=\d+,usec=(\d+)/.exec(line);
    if (m && !m[1].startsWith('info') && !m[1].startsWith('config')) total += Number(m[2]);
  }
  return total;
}
const t0 = Date.now();
let seq = 0;
const obs = () => {
  seq++;
  return {
    accountId: `AC${seq % 5000}`,
    messageId: `M${seq}`,
    to: `+4477009${String(seq % 100000).padStart(5, '0')}`,
    channel: 'sms',
    sentAt: t0 + seq,
    fingerprint: (seq * 2654435761).toString(16).padStart(16, '0').slice(0, 16),
    linkDomains: seq % 3 === 0 ? ['bit.ly'] : [],
  };
};
// warm-up
for (let i = 0; i < 20; i++) await store.observeBatch(Array.from({ length: 100 }, obs));
await admin.configResetStat();
let before = await usec();
const ids: [string, string][] = [];
const s0 = performance.now();
for (let i = 0; i < n / 100; i++) {
  const batch = Array.from({ length: 100 }, obs);
  await store.observeBatch(batch);
  for (const o of batch) ids.push([o.accountId, o.messageId]);
}
const observeMs = performance.now() - s0;
let after = await usec();
console.log(`observe: ${((after - before) / n).toFixed(1)} us Redis CPU per message; client wall ${((observeMs * 1000) / n).toFixed(1)} us/msg`);
before = after;
const s1 = performance.now();
for (let i = 0; i < ids.length; i += 100) {
  await Promise.all(
    ids.slice(i, i + 100).map(([a, m]) =>
      store.recordOutcome(a, m, { score: 0.2, suspicious: false, abusive: false, answer: '{"messageId":"x","score":0.2}' }),
    ),
  );
}
const outcomeMs = performance.now() - s1;
after = await usec();
console.log(`recordOutcome: ${((after - before) / n).toFixed(1)} us Redis CPU per message; client wall ${((outcomeMs * 1000) / n).toFixed(1)} us/msg`);
console.log((await admin.info('commandstats')).split('\n').filter((l) => /calls=/.test(l)).join('\n'));
await store.close();
await admin.close();
void usec;
