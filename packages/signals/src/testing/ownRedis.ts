import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './freePort';

/**
 * A private `redis-server` on a free loopback port, for tests that stop, pause or kill Redis: the
 * shared Redis on 6379 is never touched. Nothing is persisted, so a restart starts empty.
 */
export interface OwnRedis {
  port: number;
  url: string;
  process: ChildProcess;
  /** Ends the process (SIGKILL unless told) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a new redis-server on the same port (empty: nothing persisted). */
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;

/** True once something accepts TCP connections on the port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const spawnOne = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error('timed out waiting for redis-server to accept connections');
      await new Promise((r) => setTimeout(r, 50));
    }
    return child;
  };
  const handle: OwnRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: await spawnOne(),
    kill: async (signal = 'SIGKILL') => {
      const child = handle.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    restart: async () => {
      await handle.kill();
      handle.process = await spawnOne();
    },
    destroy: () => handle.kill(),
  };
  return handle;
}
