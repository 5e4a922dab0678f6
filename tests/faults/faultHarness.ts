import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { buildApp, loadConfig, loggerOptions } from '@gavel/server';
import { freePort } from '@gavel/signals/testing';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';

// The fault suite's own services: a private PostgreSQL cluster and a private redis-server, each on
// a free port, so stopping, pausing or killing them never touches the shared ones other engineers
// (and CI) use. Test setup may read the environment and spawn processes.

export { type OwnRedis, startOwnRedis } from '@gavel/signals/testing';

const run = promisify(execFile);
const PG_BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl refuse to run as root: run them as `postgres` when we are root. */
function asPostgres(bin: string, args: string[]): Promise<{ stdout: string }> {
  const path = join(PG_BIN, bin);
  if (process.getuid?.() === 0) return run('runuser', ['-u', 'postgres', '--', path, ...args]);
  return run(path, args);
}

export interface OwnPostgres {
  port: number;
  /** URL of the `postgres` database (admin). */
  adminUrl: string;
  /** A fresh database in this cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m immediate`: the server dies as in a crash; clients see resets and refusals. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-faults-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  // fsync off is safe here: `pg_ctl stop -m immediate` kills the server, not the OS. synchronous_commit
  // stays on, or an acknowledged commit could vanish in the simulated crash.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    await asPostgres('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
  };
  await start();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    port,
    adminUrl,
    createDatabase: async (name) => {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database "${name}"`);
      } finally {
        await admin.end({ timeout: 1 });
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      stopped = true;
    },
    start: async () => {
      await start();
      stopped = false;
    },
    destroy: async () => {
      if (!stopped) await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything the servers under test logged, as pino JSON lines. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(line);
      done();
    },
  });
  get text(): string {
    return this.lines.join('\n');
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface Replica {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  databaseUrl: string;
  redisUrl?: string | null;
  redisPrefix?: string;
  env?: Record<string, string>;
  /** Logs at `level` into this capture with the production logger options (redaction included). */
  logs?: LogCapture;
  level?: string;
  dataDir?: string;
}

export const FAULT_SECRET = 'fault-suite-secret-0123456789abcdef0123';

/** One replica of the real server (buildApp from @gavel/server), listening on a free port. */
export async function startReplica(opts: ReplicaOptions): Promise<Replica> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gavel-faults-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: opts.databaseUrl,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl, REDIS_PREFIX: opts.redisPrefix ?? 'gvfault:' } : {}),
    SECRET: FAULT_SECRET,
    PUBLIC_URL: 'http://gavel.test',
    LOG_LEVEL: (opts.level ?? 'info') as 'info',
    ...(process.env.TEST_MODEL_DIR ? { MODEL_DIR: process.env.TEST_MODEL_DIR } : {}),
    ...opts.env,
  });
  const app = await buildApp(config, {
    logger: opts.logs ? { ...loggerOptions(config), stream: opts.logs.stream } : false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  ms: number;
  body: Record<string, unknown> | null;
  headers: Headers;
}

/** A real HTTP call with a hard client-side bound: a hang shows as status 0, never as a stuck test. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 5_000),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = { raw: text };
    }
    return { status: res.status, ms: performance.now() - started, body, headers: res.headers };
  } catch {
    return { status: 0, ms: performance.now() - started, body: null, headers: new Headers() };
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
