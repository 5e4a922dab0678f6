/**
 * Instructions per message, a figure that does not move with the machine's noise: the process runs
 * under `valgrind --tool=callgrind` with instrumentation off (so start-up and warm-up run at near
 * native speed), instrumentation is switched on for a fixed number of messages and the counts dumped.
 * Used by run.ts for the hello-world and for Gavel (`/v1/score` and `/v1/score/batch`).
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface InstructionCounts {
  messages: number;
  warmup: number;
  connections: number;
  helloPerRequest: number;
  scorePerMessage: number;
  batchPerMessage: number;
  /** Top self-cost functions of the /v1/score run. */
  scoreTop: { ir: number; fn: string }[];
}

interface Deps {
  root: string;
  // biome-ignore lint/suspicious/noExplicitAny: run.ts's load options and result.
  load: (opts: Record<string, unknown>) => Promise<any>;
  freePort: () => Promise<number>;
  waitForHttp: (url: string, child: ChildProcess, timeoutMs?: number) => Promise<void>;
  apiKey: string;
  serverEnv: Record<string, string>;
}

const MESSAGES = 10_000;
const WARMUP = 3_000;
const CONNECTIONS = 10;

function startUnderCallgrind(
  root: string,
  outDir: string,
  script: string,
  argv: string[],
  env: Record<string, string>,
) {
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      // V8 writes machine code into the heap: valgrind must notice self-modifying code there.
      '--smc-check=all-non-file',
      `--callgrind-out-file=${join(outDir, 'cg.%p')}`,
      process.execPath,
      '--max-old-space-size=256',
      '--import',
      'tsx',
      script,
      ...argv,
    ],
    {
      cwd: root,
      env: { ...process.env, ORT_DISABLE_TELEMETRY: '1', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  return child;
}

function control(args: string[]): void {
  execFileSync('callgrind_control', args, { stdio: 'ignore' });
}

function dumpsOf(outDir: string, pid: number): string[] {
  // Numeric order: cg.<pid>.10 comes after cg.<pid>.9.
  return readdirSync(outDir)
    .filter((f) => f.startsWith(`cg.${pid}.`))
    .sort((a, b) => Number(a.split('.').at(-1)) - Number(b.split('.').at(-1)));
}

/**
 * Asks for a dump and waits for its file. Valgrind handles the request only while the program runs
 * code; an idle server sits in epoll_wait and would answer it much later (or after callgrind_control
 * gave up): a request to `url` every 200 ms wakes it (a handful of requests, < 0.1 % of the count).
 */
async function dump(outDir: string, pid: number, url: string): Promise<void> {
  const before = dumpsOf(outDir, pid).length;
  const waker = setInterval(() => {
    fetch(url).catch(() => {});
  }, 200);
  try {
    const request = new Promise<void>((resolve) => {
      execFile('callgrind_control', ['-d', String(pid)], () => resolve());
    });
    // A dump of the server (every JIT-compiled function named) takes minutes under load.
    const deadline = Date.now() + 900_000;
    while (dumpsOf(outDir, pid).length === before) {
      if (Date.now() > deadline) throw new Error('callgrind dump did not appear');
      await new Promise((r) => setTimeout(r, 200));
    }
    // The file appears when the dump starts: wait until its size settles.
    const file = join(outDir, dumpsOf(outDir, pid).at(-1) as string);
    let size = -1;
    while (size !== statSync(file).size || size === 0) {
      size = statSync(file).size;
      await new Promise((r) => setTimeout(r, 500));
    }
    await request;
  } finally {
    clearInterval(waker);
  }
}

/** Instructions counted between instrumentation on and the dump; the newest dump file of that pid. */
function readDump(outDir: string, pid: number): { total: number; top: { ir: number; fn: string }[] } {
  const file = join(outDir, dumpsOf(outDir, pid).at(-1) as string);
  const total = Number(/^summary:\s+(\d+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? Number.NaN);
  const annotated = execFileSync('callgrind_annotate', ['--threshold=80', file], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const top: { ir: number; fn: string }[] = [];
  for (const line of annotated.split('\n')) {
    const m = /^\s*([\d,]+) \([\s\d.]+%\)\s+(.+)$/.exec(line);
    if (!m || m[2].includes('PROGRAM TOTALS')) continue;
    top.push({ ir: Number(m[1].replaceAll(',', '')), fn: m[2].replace(/ \[[^\]]*\]$/, '').slice(0, 110) });
    if (top.length === 15) break;
  }
  return { total, top };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function counted(
  deps: Deps,
  child: ChildProcess,
  outDir: string,
  opts: Record<string, unknown>,
  perRequest: number,
  connections = CONNECTIONS,
): Promise<{ total: number; top: { ir: number; fn: string }[] }> {
  const pid = child.pid as number;
  await deps.load({ ...opts, connections, durationS: 0, amount: WARMUP / perRequest });
  control(['-i', 'on', String(pid)]);
  await deps.load({ ...opts, connections, durationS: 0, amount: MESSAGES / perRequest });
  await dump(outDir, pid, `${opts.url}/${opts.kind === 'hello' ? 'hello' : 'healthz'}`);
  control(['-i', 'off', String(pid)]);
  return readDump(outDir, pid);
}

export async function measureInstructions(deps: Deps): Promise<InstructionCounts> {
  const outDir = mkdtempSync(join(tmpdir(), 'gavel-callgrind-'));
  try {
    const helloPort = await deps.freePort();
    const hello = startUnderCallgrind(
      deps.root,
      outDir,
      join(deps.root, 'tests/bench/hello.ts'),
      [String(helloPort)],
      {},
    );
    const helloUrl = `http://127.0.0.1:${helloPort}`;
    let helloTotal: number;
    try {
      await deps.waitForHttp(`${helloUrl}/hello`, hello, 600_000);
      helloTotal = (await counted(deps, hello, outDir, { url: helloUrl, kind: 'hello' }, 1)).total;
    } finally {
      await stopChild(hello);
    }

    const port = await deps.freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = startUnderCallgrind(deps.root, outDir, join(deps.root, 'apps/server/src/server.ts'), [], {
      ...deps.serverEnv,
      PORT: String(port),
      // Callgrind runs the process ~50x slower: with the default 50 ms budget every answer would be
      // degraded and the count would measure the fallback path, not the one users get.
      SCORE_BUDGET_MS: '5000',
    });
    try {
      await deps.waitForHttp(`${url}/healthz`, server, 600_000);
      const common = { url, apiKey: deps.apiKey };
      const score = await counted(deps, server, outDir, { ...common, kind: 'score' }, 1);
      const batch = await counted(deps, server, outDir, { ...common, kind: 'batch', batchSize: 100 }, 100, 2);
      return {
        messages: MESSAGES,
        warmup: WARMUP,
        connections: CONNECTIONS,
        helloPerRequest: helloTotal / MESSAGES,
        scorePerMessage: score.total / MESSAGES,
        batchPerMessage: batch.total / MESSAGES,
        scoreTop: score.top,
      };
    } finally {
      await stopChild(server);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
