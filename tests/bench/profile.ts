/**
 * `tsx tests/bench/profile.ts [seconds] [kind]`: starts Gavel (scoring role, real Postgres and Redis)
 * pinned to core 0 under `node --cpu-prof`, drives it from core 1 for a few seconds, stops it, and
 * prints the hottest functions (self time) of the profile it wrote to $TMPDIR/gavel-prof-*.
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
          connections: kind === 'batch' ? 8 : 50,
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
console.log(await run(seconds));
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
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[] };
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const where = n.callFrame.url.replace(/^.*node_modules\/(\.pnpm\/)?/, '').replace(`file://${ROOT}`, '');
  const key = `${n.callFrame.functionName || '(anon)'} ${where.split('/').slice(-3).join('/')}:${n.callFrame.lineNumber}`;
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
