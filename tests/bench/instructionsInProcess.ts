/**
 * `tsx tests/bench/instructionsInProcess.ts [small] [large]`: instructions per message that do not move
 * with the machine's noise, without asking a running server for a callgrind dump (that dump of the
 * whole server never arrived within 15 minutes on this VM; see instructions.ts).
 *
 * Each run is a whole process under `valgrind --tool=callgrind` (all threads: V8's GC and compiler
 * threads, ONNX Runtime, the Redis and Postgres clients), the in-process harness (inProcess.ts, real
 * Postgres and Redis, `app.inject`, no sockets) driving `small` and then `large` messages; callgrind
 * writes its total when the process exits. Start-up and shutdown are the same in both runs, so
 *
 *   instructions per message = (total(large) - total(small)) / (messages(large) - messages(small))
 *
 * and the same for a bare fastify hello-world driven the same way (`--hello`): the ratio of the two
 * is the cost of a `/v1/score` in hello-world requests, by a count rather than a clock. The harness
 * warms up with min(2000, N) messages before its measured N, so a run handles 2N (N <= 2000) messages.
 * Takes ~10-20 minutes on a quiet 2-core box (valgrind runs the JIT ~50x slower); on a loaded one, far
 * longer. The hello-world pair measured 364,600 instructions a request (2,000 vs 12,000 requests, 17:00
 * UTC 2026-12-07): `app.inject` costs several times a socket request, so the ratio is of this harness.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const small = Number(process.argv[2] ?? 500);
const large = Number(process.argv[3] ?? 1500);
const handled = (n: number) => Math.min(2000, n) + n;

async function totalInstructions(args: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-cg-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        'valgrind',
        [
          '--tool=callgrind',
          // V8 writes machine code into the heap: valgrind must notice self-modifying code there.
          '--smc-check=all-non-file',
          `--callgrind-out-file=${join(dir, 'cg.%p')}`,
          process.execPath,
          '--max-old-space-size=256',
          '--import',
          'tsx',
          join(ROOT, 'tests/bench/inProcess.ts'),
          ...args,
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ORT_DISABLE_TELEMETRY: '1',
            // Callgrind runs the process ~50x slower: with the default 50 ms budget nearly every answer
            // was degraded (490 of 500 in a first try), so the count measured the fallback path.
            SCORE_BUDGET_MS: '5000',
            // And a statement bound to match: at the 2 s default a first try failed on a Postgres timeout.
            DATABASE_TIMEOUT_MS: '60000',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr = (stderr + c.toString()).slice(-4000);
      });
      child.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`inProcess.ts under callgrind exited ${code}: ${stderr}`));
        const { messages, degraded } = JSON.parse(stdout.trim().split('\n').at(-1) as string);
        // A count of the degraded path would not be the cost users get.
        if (degraded > messages / 100)
          return reject(new Error(`${degraded} of ${messages} answers degraded`));
        resolve();
      });
    });
    // The parent process's file (the first pid); a child process (none expected) would have its own.
    const [file] = readdirSync(dir).sort();
    const summary = /^(?:summary|totals):\s+(\d+)/m.exec(readFileSync(join(dir, file), 'utf8'));
    if (!summary) throw new Error(`no total in ${file}`);
    return Number(summary[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function perMessage(extra: string[]): Promise<number> {
  const a = await totalInstructions([String(small), '10', ...extra]);
  const b = await totalInstructions([String(large), '10', ...extra]);
  return (b - a) / (handled(large) - handled(small));
}

const score = await perMessage([]);
const hello = await perMessage(['--hello']);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  JSON.stringify({
    small,
    large,
    scoreInstructionsPerMessage: Math.round(score),
    helloInstructionsPerRequest: Math.round(hello),
    ratio: Number((score / hello).toFixed(1)),
  }),
);
console.log(
  `/v1/score: ${fmt(score)} instructions a message; hello-world: ${fmt(hello)} a request; ratio ${(score / hello).toFixed(1)}`,
);
