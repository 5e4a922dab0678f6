/**
 * `tsx tests/bench/inProcess.ts [messages] [concurrency] [--prof | --heap | --heap-live]`: CPU per `/v1/score` in one process,
 * without sockets: the app (scoring role, real Postgres and Redis, default logging and budget) is driven
 * through `app.inject` with the bench's traffic, and the process's own CPU (user + system, all threads:
 * the Redis and Postgres clients, the decision writer and ONNX Runtime included) is divided by the count.
 * A diagnosis tool: steadier than the HTTP bench on a shared machine (no load generator, no socket
 * scheduling) and quick, so a change on the scoring path can be A/B'd in a minute. With `--prof` it
 * also writes a CPU profile of the measured part ($TMPDIR/gavel-inproc-XXXX/inproc.cpuprofile); with
 * `--heap` a sampling heap profile of what it allocates, with `--heap-live` of what is still alive at
 * the end; with PG_STATS=1 it prints Postgres transactions and rows per message.
 * With `--hello` it drives a bare fastify hello-world the same way (`GET /hello`): the baseline for
 * the same harness, e.g. for instructions per request under callgrind (tests/bench/instructionsInProcess.ts).
 * Noise: on a loaded 2-core box the same build measured 660-985 µs a message in three runs; compare
 * runs made back to back, several times, or use the counts (PG_STATS, heap bytes), which do not move.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@gavel/db/testing';
import { buildApp, loadConfig } from '@gavel/server';
import Fastify from 'fastify';
import postgres from 'postgres';
import { createClient } from 'redis';
import { createTraffic } from './traffic';

const messages = Number(process.argv[2] ?? 4000);
const concurrency = Number(process.argv[3] ?? 10);
// BATCH=100: `/v1/score/batch` with that many messages a request (messages still counts messages).
const batchSize = Number(process.env.BATCH ?? 0);
const profiling = process.argv.includes('--prof');
// --heap: a sampling heap profile of what the measured part allocates (by function), for GC work.
const heapProfiling = process.argv.includes('--heap') || process.argv.includes('--heap-live');
const heapLive = process.argv.includes('--heap-live');
const hello = process.argv.includes('--hello');
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `gvinproc:${Date.now().toString(36)}:`;
const dir = mkdtempSync(join(tmpdir(), 'gavel-inproc-'));
const database = await createTestDatabase();
const app = hello
  ? Fastify({ logger: false }).get('/hello', async () => ({ hello: 'world' }))
  : await buildApp(
      loadConfig({
        ...process.env,
        NODE_ENV: 'production',
        DATA_DIR: dir,
        DATABASE_URL: database.url,
        // BENCH_REDIS_URL=none: the in-process signal store, to see what Redis costs the server.
        ...(redisUrl === 'none' ? {} : { REDIS_URL: redisUrl, REDIS_PREFIX: prefix }),
        ROLES: 'scoring',
        // The bench's settings: Gavel as a user runs it (default logging, default budget).
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      }),
    );
await app.ready();
const key = hello ? '' : (await app.apiKeys.create('bench', ['score'])).key;
const traffic = createTraffic({ seed: 7, accounts: 5000, abusiveShare: 0.02, runId: prefix });
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

let degraded = 0;
/** Degraded answers by missing part (signals, accounts, model). */
const parts = new Map<string, number>();
async function drive(count: number): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left > 0) {
      const n = batchSize > 0 ? Math.min(batchSize, left) : 1;
      left -= n;
      const res = await app.inject(
        hello
          ? { method: 'GET', url: '/hello' }
          : {
              method: 'POST',
              url: batchSize > 0 ? '/v1/score/batch' : '/v1/score',
              headers,
              payload:
                batchSize > 0
                  ? JSON.stringify({ messages: Array.from({ length: n }, () => traffic.next()) })
                  : JSON.stringify(traffic.next()),
            },
      );
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${res.body}`);
      for (const m of res.body.matchAll(/"degraded":\[([^\]]+)\]/g)) {
        degraded++;
        for (const part of m[1].split(',')) parts.set(part, (parts.get(part) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

await drive(Math.min(2000, messages));
degraded = 0;
parts.clear();
const session = new Session();
if (profiling) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const statsClient = postgres(database.url, { max: 1 });
const pgStats = async () => {
  const rows = await statsClient.unsafe(
    `select xact_commit::int as commits, tup_inserted::int as inserted, tup_returned::int as returned from pg_stat_database where datname = current_database()`,
  );
  return rows[0] as unknown as { commits: number; inserted: number; returned: number };
};
const pgBefore = process.env.PG_STATS ? await pgStats() : null;
if (heapProfiling) {
  session.connect();
  await session.post('HeapProfiler.enable');
  // Every object sampled (interval 1 KiB on average), kept or not: allocation, not retention.
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    // --heap-live: only what is still alive at the end (what the caches and queues keep).
    includeObjectsCollectedByMajorGC: !heapLive,
    includeObjectsCollectedByMinorGC: !heapLive,
  });
}
// Read and write system calls of the whole process (/proc/self/io): a count that does not move with
// the machine's noise; socket writes are a large share of the scoring path's CPU on this VM.
const syscalls = () => {
  const io = readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(io)?.[1] ?? 0);
  return { reads: field('syscr'), writes: field('syscw') };
};
const ioBefore = syscalls();
const cpu = process.cpuUsage();
const started = performance.now();
await drive(messages);
const used = process.cpuUsage(cpu);
const wall = performance.now() - started;
const ioAfter = syscalls();
if (heapProfiling) {
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const file = join(dir, 'inproc.heapprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`heap profile: ${file}`);
}
if (pgBefore) {
  await new Promise((r) => setTimeout(r, 1500)); // the stats collector and the decision writer catch up
  const after = await pgStats();
  console.log(
    `postgres per message: ${((after.commits - pgBefore.commits) / messages).toFixed(2)} transactions, ${((after.inserted - pgBefore.inserted) / messages).toFixed(2)} rows inserted, ${((after.returned - pgBefore.returned) / messages).toFixed(1)} rows returned`,
  );
}
if (profiling) {
  const { profile } = await session.post('Profiler.stop');
  const file = join(dir, 'inproc.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile: ${file}`);
}
console.log(
  JSON.stringify({
    messages,
    concurrency,
    batchSize,
    cpuUsPerMessage: Math.round((used.user + used.system) / messages),
    userUs: Math.round(used.user / messages),
    systemUs: Math.round(used.system / messages),
    wallUsPerMessage: Math.round((wall * 1000) / messages),
    readSyscallsPerMessage: Number(((ioAfter.reads - ioBefore.reads) / messages).toFixed(2)),
    writeSyscallsPerMessage: Number(((ioAfter.writes - ioBefore.writes) / messages).toFixed(2)),
    degraded,
    degradedParts: Object.fromEntries(parts),
  }),
);
await app.close();
await statsClient.end();
await database.close();
if (redisUrl !== 'none') {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) await redis.unlink(keys);
  }
  redis.destroy();
}
