/**
 * The signal script by pieces: Redis CPU per observe and per outcome for variants of the script, each
 * a list of [find, replace] edits of its text (e.g. `do return 0 end` before a step: the difference to
 * the next variant is that step's cost). A variant that cuts the observe short gets a dummy reply, so
 * the store keeps going.
 *
 *   tsx tests/bench/signalsScriptProfile.ts <redisUrl> <messages> [variants.json]
 *
 * Against a private `redis-server` (it resets nothing, but fills the server). The µs move with the
 * machine's load; for a figure that does not, run the server under callgrind and give its pid and
 * output directory: each phase is then also reported in instructions (Ir) of redis-server:
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg/cg.%p redis-server --port 6401 --save ''
 *   CALLGRIND_PID=<pid> CALLGRIND_DIR=/tmp/cg tsx tests/bench/signalsScriptProfile.ts redis://127.0.0.1:6401 1000
 *
 * `SIGNALS_COST_SHAPE` picks the traffic as in signalsCost.ts; `WARM` = warm-up batches of 100 (20).
 */

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectRedis, createRedisSignalStore, luaScript, type RedisConnection } from '@gavel/signals';
import { createClient } from 'redis';
import { READ_FIELDS, SIGNAL_SCRIPT } from '../../packages/signals/src/redisScript';
import { observationSource } from './observations';

const url = process.argv[2] ?? 'redis://127.0.0.1:6399';
const n = Number(process.argv[3] ?? 5_000);
const variants: Record<string, [string, string][]> = process.argv[4]
  ? JSON.parse(readFileSync(process.argv[4], 'utf8'))
  : { script: [] };
const ACCOUNTS = 1_000;
const SHAPE = process.env.SIGNALS_COST_SHAPE ?? 'all';
const WARM = Number(process.env.WARM ?? 20);
const CG_PID = process.env.CALLGRIND_PID;
const CG_DIR = process.env.CALLGRIND_DIR ?? '/tmp/cg';

/** Instructions since the last mark (callgrind_control -d dumps and zeroes the counters). */
function instructions(): number {
  if (!CG_PID) return 0;
  execFileSync('callgrind_control', ['-d', CG_PID], { stdio: 'ignore' });
  const newest = readdirSync(CG_DIR)
    .filter((f) => f.startsWith(`cg.${CG_PID}.`))
    .map((f) => join(CG_DIR, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  const dump = readFileSync(newest, 'utf8');
  return Number((/^summary: (\d+)/m.exec(dump) ?? /^totals: (\d+)/m.exec(dump))?.[1] ?? 0);
}

const admin = createClient({ url });
await admin.connect();
async function processUsec(): Promise<number> {
  const info = await admin.info('cpu');
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (read('used_cpu_user') + read('used_cpu_sys')) * 1e6;
}

const connection = await connectRedis({ url, connectTimeoutMs: 2_000, onError: () => {} });
const REPLY_LENGTH = 5 + READ_FIELDS.length + 1;
const dummy = Array.from({ length: REPLY_LENGTH }, () => '0');

async function run(name: string, edits: [string, string][]): Promise<void> {
  let body = SIGNAL_SCRIPT;
  for (const [find, replace] of edits) {
    if (!body.includes(find)) throw new Error(`variant ${name}: no ${JSON.stringify(find)} in the script`);
    body = body.replace(find, replace);
  }
  const script = luaScript(body);
  const wrapped: RedisConnection = new Proxy(connection, {
    get(target, prop, receiver) {
      if (prop !== 'evalScript') return Reflect.get(target, prop, receiver);
      const evalScript: RedisConnection['evalScript'] = async (_script, keys, args, options) => {
        const reply = await target.evalScript(script, keys, args, options);
        const full = Array.isArray(reply) && reply.length === REPLY_LENGTH;
        return full || args[0] !== 'observe' ? reply : dummy;
      };
      return evalScript;
    },
  });
  const store = await createRedisSignalStore({
    connection: wrapped,
    prefix: `profile:${name}:${Date.now().toString(36)}:`,
    commandTimeoutMs: 30_000,
  });
  const source = observationSource(SHAPE, ACCOUNTS);
  const obs = source.next;
  for (let i = 0; i < WARM; i++) await store.observeBatch(Array.from({ length: 100 }, obs));
  const first = source.seq();
  instructions();
  const cpu0 = await processUsec();
  for (let i = 0; i < n / 100; i++) await store.observeBatch(Array.from({ length: 100 }, obs));
  const observeIr = instructions();
  const cpu1 = await processUsec();
  for (let i = first + 1; i <= source.seq(); i += 100) {
    const ids = Array.from({ length: Math.min(100, source.seq() - i + 1) }, (_, k) => i + k);
    await Promise.all(
      ids.map((m) =>
        store.recordOutcome(`AC${m % ACCOUNTS}`, `M${m}`, {
          score: 0.2,
          suspicious: false,
          abusive: false,
          answer: '{"messageId":"x","score":0.2}',
        }),
      ),
    );
  }
  const outcomeIr = instructions();
  const cpu2 = await processUsec();
  const ir = CG_PID
    ? ` | Ir/observe ${(observeIr / n).toFixed(0)}, Ir/outcome ${(outcomeIr / n).toFixed(0)}`
    : '';
  console.log(
    `${name}: observe ${((cpu1 - cpu0) / n).toFixed(1)} us, outcome ${((cpu2 - cpu1) / n).toFixed(1)} us Redis process CPU${ir}`,
  );
  await store.close();
}

for (const [name, edits] of Object.entries(variants)) await run(name, edits);
await connection.close();
await admin.close();
