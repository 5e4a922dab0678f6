/**
 * Only the deterministic figure of `pnpm bench`: instructions per message under callgrind (see
 * instructions.ts), for comparing two commits without the timed runs. Same setup as run.ts: a fresh
 * database on the shared Postgres, its own key prefix on the shared Redis, the scoring role.
 * `tsx tests/bench/instructionsOnly.ts`
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@gavel/db/testing';
import { createClient } from 'redis';
import { measureInstructions } from './instructions';
import { freePort, waitForHttp } from './processes';

const ROOT = new URL('../../', import.meta.url).pathname;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

let seed = 1;
async function load(opts: Record<string, unknown>): Promise<unknown> {
  const config = JSON.stringify({ runId: `i${Date.now().toString(36)}${seed}`, seed: seed++, ...opts });
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/load.ts'), config], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`load exited ${code}`))));
  });
  return JSON.parse(output.trim().split('\n').at(-1) as string);
}

const database = await createTestDatabase();
const prefix = `gvinstr:${Date.now().toString(36)}:`;
const dataDir = mkdtempSync(join(tmpdir(), 'gavel-instr-'));
const apiKey = `gvl_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
try {
  const i = await measureInstructions({
    root: ROOT,
    load,
    freePort,
    waitForHttp,
    apiKey,
    serverEnv: {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      BOOTSTRAP_API_KEY: apiKey,
      ROLES: 'scoring',
    },
  });
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `instructions: hello ${f(i.helloPerRequest)}/request; score ${f(i.scorePerMessage)}/message (${(i.scorePerMessage / i.helloPerRequest).toFixed(1)}x); batch ${f(i.batchPerMessage)}/message (${(i.batchPerMessage / i.helloPerRequest).toFixed(1)}x)`,
  );
  for (const t of i.scoreTop)
    console.log(`${((t.ir / (i.scorePerMessage * i.messages)) * 100).toFixed(1)}%  ${t.fn}`);
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
    if (keys.length > 0) await redis.del(keys);
  redis.destroy();
}
