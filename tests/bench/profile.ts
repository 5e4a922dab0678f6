/**
 * `tsx tests/bench/profile.ts [seconds] [kind] [rate]`: starts Gavel (scoring role, real Postgres and Redis)
 * pinned to core 0 under `node --cpu-prof`, drives it from core 1 for a few seconds, stops it, and
 * prints the hottest functions (self time) of the profile it wrote to $TMPDIR/gavel-prof-*.
 * With `rate` (requests/s) the load is fixed-rate on 10 connections, as `pnpm bench`'s half-max
 * measure, and it also lists the longest busy stretches of the event loop (what holds it for ms).
 * Only the samples of the measured run count (not start-up or the warm-up).
 * A diagnosis tool for the figures in RESULTS.md, not part of `pnpm bench`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@gavel/db/testing';
import { createClient } from 'redis';

const ROOT = new URL('../../', import.meta.url).pathname;
const seconds = Number(process.argv[2] ?? 8);
const kind = process.argv[3] ?? 'score';
const rate = process.argv[4] ? Number(process.argv[4]) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'gavel-prof-'));
const database = await createTestDatabase();
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `gvprof:${Date.now().toString(36)}:`;
const port = 39_000 + Math.floor(Math.random() * 1000);
const apiKey = `gvl_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
const server = spawn(
  'taskset',
  [
    '-c',
    '0',
    process.execPath,
    '--max-old-space-size=256',
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--import',
    'tsx',
    join(ROOT, 'apps/server/src/server.ts'),
  ],
  {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ORT_DISABLE_TELEMETRY: '1',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      BOOTSTRAP_API_KEY: apiKey,
      ROLES: 'scoring',
      LOG_LEVEL: 'warn',
    },
  },
);
const url = `http://127.0.0.1:${port}`;
for (;;) {
  try {
    if ((await fetch(`${url}/healthz`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}
const run = (durationS: number) =>
  new Promise<string>((resolve) => {
    const child = spawn(
      'taskset',
      [
        '-c',
        '1',
        process.execPath,
        '--import',
        'tsx',
        join(ROOT, 'tests/bench/load.ts'),
        JSON.stringify({
          url,
          apiKey,
          kind,
          connections: rate ? 10 : kind === 'batch' ? 8 : 50,
          ...(rate ? { overallRate: rate } : {}),
          durationS,
          batchSize: 100,
          runId: `p${Date.now()}`,
          seed: 7,
        }),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('exit', () => resolve(out.trim().split('\n').at(-1) ?? ''));
  });
// Every 2 s: what piles up off the response path (decision backlog, heap).
const watch = setInterval(async () => {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const pick = (name: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(`${name} `))
        ?.split(' ')[1];
    console.log(
      `backlog ${pick('gavel_decision_writer_backlog')} heap ${Math.round(Number(pick('nodejs_heap_size_used_bytes')) / 2 ** 20)} MB rss ${Math.round(Number(pick('process_resident_memory_bytes')) / 2 ** 20)} MB`,
    );
  } catch {}
}, 2000);
await run(3);
// µs on the monotonic clock, as the profile's timestamps.
const measuredFrom = Number(process.hrtime.bigint() / 1000n);
// The server's CPU (user + system, all threads) from /proc, in clock ticks of 10 ms.
const cpuTicks = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};
const ticksBefore = cpuTicks();
const measured = await run(seconds);
const cpuUs = (cpuTicks() - ticksBefore) * 10_000;
console.log(measured);
clearInterval(watch);
const exited = new Promise((r) => server.once('exit', r));
server.kill('SIGTERM');
await exited;
await database.close();
// The shared Redis keeps nothing of this run (every key has a TTL, but a day is a lot of keys).
const redis = createClient({ url: redisUrl });
await redis.connect();
for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
  if (keys.length > 0) await redis.unlink(keys);
}
redis.destroy();
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
};
// Hits of the measured run only: start-up, module loading and the warm-up are left out.
const hitsOf = new Map<number, number>();
const nodeOf = new Map(profile.nodes.map((n) => [n.id, n]));
let at = profile.startTime;
const timeline: { id: number; at: number }[] = [];
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  if (at < measuredFrom) continue;
  timeline.push({ id: profile.samples[i], at });
  hitsOf.set(profile.samples[i], (hitsOf.get(profile.samples[i]) ?? 0) + 1);
}
for (const n of profile.nodes) n.hitCount = hitsOf.get(n.id) ?? 0;
const label = (n: Node) => {
  const where = n.callFrame.url.replace(/^.*node_modules\/(\.pnpm\/)?/, '').replace(`file://${ROOT}`, '');
  return `${n.callFrame.functionName || '(anon)'} ${where.split('/').slice(-3).join('/')}:${n.callFrame.lineNumber}`;
};
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const key = label(n);
  self.set(key, (self.get(key) ?? 0) + hits);
}
const byPackage = new Map<string, number>();
for (const n of profile.nodes) {
  const u = n.callFrame.url;
  const pkg =
    /node_modules\/\.pnpm\/([^/]+)/.exec(u)?.[1]?.replace(/@\d.*$/, '') ??
    /\/(packages|apps)\/([^/]+)/.exec(u)?.[2] ??
    (u.startsWith('node:')
      ? 'node:'
      : n.callFrame.functionName.startsWith('(')
        ? n.callFrame.functionName
        : 'other');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + (n.hitCount ?? 0));
}
console.log(`profile: ${dir}/${file}`);
// Busy time: the sampled intervals that did not end idle (descheduled time included, see the stretches).
let busyUs = 0;
for (let i = 1; i < timeline.length; i++) {
  if (nodeOf.get(timeline[i].id)?.callFrame.functionName !== '(idle)')
    busyUs += timeline[i].at - timeline[i - 1].at;
}
const requests = Number((JSON.parse(measured || '{}') as { total?: number }).total ?? 0);
if (requests > 0)
  console.log(`server CPU ${(cpuUs / requests).toFixed(0)} µs per request (/proc, all threads)`);
if (requests > 0)
  console.log(
    `busy ${(busyUs / requests).toFixed(0)} µs of the event loop per request (${requests} requests)`,
  );
console.log(
  [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n'),
);
console.log('---');
console.log(
  [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n'),
);

// Inclusive time: a function's samples plus its callees' (each sample counted once per function on its
// stack), which shows what a request path costs as a whole, not only where the leaves are.
const parentOf = new Map<number, number>();
for (const n of profile.nodes as (Node & { children?: number[] })[])
  for (const c of n.children ?? []) parentOf.set(c, n.id);
const inclusive = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  if (hits === 0) continue;
  const seen = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parentOf.get(id)) {
    const key = label(nodeOf.get(id) as Node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
  }
}
console.log('--- inclusive');
console.log(
  [...inclusive]
    .sort((a, b) => b[1] - a[1])
    .filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(idle)'))
    .slice(0, 60)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n'),
);

if (rate) {
  // Busy stretches: runs of samples with no (idle) between them, longest first, with what ran in them.
  const stretches: { from: number; to: number; ids: number[] }[] = [];
  let cur: { from: number; to: number; ids: number[] } | null = null;
  for (const t of timeline) {
    const idle = nodeOf.get(t.id)?.callFrame.functionName === '(idle)';
    if (idle) {
      if (cur) stretches.push(cur);
      cur = null;
    } else if (cur) {
      cur.to = t.at;
      cur.ids.push(t.id);
    } else cur = { from: t.at, to: t.at, ids: [t.id] };
  }
  if (cur) stretches.push(cur);
  const lengths = stretches.map((x) => (x.to - x.from) / 1000).sort((a, b) => a - b);
  const q = (f: number) => lengths[Math.min(lengths.length - 1, Math.floor(f * lengths.length))]?.toFixed(2);
  console.log('---');
  console.log(`busy stretches: ${lengths.length}, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  for (const x of stretches.sort((a, b) => b.to - b.from - (a.to - a.from)).slice(0, 5)) {
    const tops = new Map<string, number>();
    for (const id of x.ids) {
      const k = label(nodeOf.get(id) as Node);
      tops.set(k, (tops.get(k) ?? 0) + 1);
    }
    const top = [...tops].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(
      `${((x.to - x.from) / 1000).toFixed(1)} ms (${x.ids.length} samples): ${top.map(([k, v]) => `${k} ${Math.round((100 * v) / x.ids.length)}%`).join('; ')}`,
    );
  }
}
