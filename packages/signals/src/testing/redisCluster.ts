import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient, type RedisClientType } from 'redis';
import { freePort } from './freePort';

const run = promisify(execFile);

/**
 * A real Redis Cluster of private `redis-server` processes on free loopback ports, for tests. It
 * never touches the shared Redis on 6379: every port (client and cluster bus) is chosen by the
 * kernel, data lives in a temp dir, nothing is persisted, and `stop()` ends the processes it started.
 */
export interface TestRedisCluster {
  /** The `REDIS_URL` form: `redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`. */
  readonly url: string;
  readonly ports: readonly number[];
  /** A plain client on one node (the test's admin view; it does not follow redirections). */
  node(port: number): Promise<RedisClientType>;
  /** `CLUSTER KEYSLOT key`. */
  slotOf(key: string): Promise<number>;
  /** The port of the master that serves `slot`, as the cluster sees it now. */
  ownerOf(slot: number): Promise<number>;
  /**
   * Moves one slot to another master the way `redis-cli --cluster reshard` does: SETSLOT
   * IMPORTING on the target, MIGRATING on the source, MIGRATE its keys in batches, then SETSLOT
   * NODE everywhere. `pauseMs` waits between the steps, so traffic meets every state (ASK,
   * TRYAGAIN, MOVED). Returns the number of keys moved.
   */
  migrateSlot(
    slot: number,
    toPort: number,
    opts?: { pauseMs?: number; keysPerBatch?: number },
  ): Promise<number>;
  /** Summed `INFO errorstats` of every node: how many MOVED, ASK, TRYAGAIN... replies they sent. */
  errorStats(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface StartRedisClusterOptions {
  /** Masters (default 3, the smallest cluster `redis-cli --cluster create` accepts). */
  masters?: number;
}

const STARTUP_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`redis cluster: timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await sleep(50);
  }
}

interface Node {
  port: number;
  process: ChildProcess;
  client?: RedisClientType;
}

/**
 * Starts one node. A free port can be taken by someone else between the probe and the bind (other
 * suites run at the same time), so a node that exits at once is retried on new ports.
 */
async function startNode(dir: string): Promise<Node> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const busPort = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--cluster-port',
        String(busPort),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout',
        '5000',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
    const ready = (async () => {
      const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
      probe.on('error', () => {});
      await until(`node ${port}`, async () => {
        if (child.exitCode !== null) throw new Error('exited');
        await probe.connect();
        return 'ready' as const;
      });
      await probe.ping();
      probe.destroy();
      return 'ready' as const;
    })().catch(() => 'exited' as const);
    if ((await Promise.race([exited, ready])) === 'ready') return { port, process: child };
    child.kill('SIGKILL');
    if (attempt >= 3) throw new Error('redis cluster: a node would not start (is redis-server installed?)');
  }
}

async function stopNode(node: Node): Promise<void> {
  node.client?.destroy();
  const child = node.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export async function startRedisCluster(opts: StartRedisClusterOptions = {}): Promise<TestRedisCluster> {
  const masters = opts.masters ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'gavel-redis-cluster-'));
  const nodes: Node[] = [];
  // If the test process dies without calling stop(), the nodes go with it.
  const killAll = () => {
    for (const n of nodes) n.process.kill('SIGKILL');
  };
  process.once('exit', killAll);
  let stopped = false;

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killAll);
    await Promise.all(nodes.map(stopNode));
    rmSync(dir, { recursive: true, force: true });
  }

  async function node(port: number): Promise<RedisClientType> {
    const n = nodes.find((x) => x.port === port);
    if (!n) throw new Error(`no node on port ${port}`);
    if (!n.client) {
      const client = createClient({ url: `redis://127.0.0.1:${port}` }) as RedisClientType;
      client.on('error', () => {});
      await client.connect();
      n.client = client;
    }
    return n.client;
  }

  try {
    for (let i = 0; i < masters; i++) nodes.push(await startNode(dir));
    const ports = nodes.map((n) => n.port);
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { timeout: STARTUP_TIMEOUT_MS },
    );
    // Every node must see the whole cluster before a client's first CLUSTER SLOTS can be trusted.
    for (const port of ports) {
      const client = await node(port);
      await until(`cluster_state:ok on ${port}`, async () => {
        const info = String(await client.sendCommand(['CLUSTER', 'INFO']));
        return /cluster_state:ok/.test(info) &&
          new RegExp(`cluster_known_nodes:${masters}\\b`).test(info) &&
          /cluster_slots_ok:16384/.test(info)
          ? true
          : undefined;
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const ports = nodes.map((n) => n.port);

  async function slotOf(key: string): Promise<number> {
    return Number(await (await node(ports[0])).sendCommand(['CLUSTER', 'KEYSLOT', key]));
  }

  async function ownerOf(slot: number): Promise<number> {
    // Each node's own line of CLUSTER NODES ("myself") lists the slot ranges it serves; the maps
    // of the other nodes briefly lag during a migration, so only the owner's word counts.
    for (const port of ports) {
      const line = String(await (await node(port)).sendCommand(['CLUSTER', 'NODES']))
        .split('\n')
        .find((l) => l.includes('myself'));
      for (const range of line?.split(' ').slice(8) ?? []) {
        if (range.startsWith('[')) continue; // "[slot->-id]": a migration in progress, not ownership
        const [from, to = from] = range.split('-').map(Number);
        if (slot >= from && slot <= to) return port;
      }
    }
    throw new Error(`no node serves slot ${slot}`);
  }

  async function migrateSlot(
    slot: number,
    toPort: number,
    migrate: { pauseMs?: number; keysPerBatch?: number } = {},
  ): Promise<number> {
    const pauseMs = migrate.pauseMs ?? 0;
    const batch = migrate.keysPerBatch ?? 100;
    const fromPort = await ownerOf(slot);
    if (fromPort === toPort) return 0;
    const source = await node(fromPort);
    const target = await node(toPort);
    const sourceId = String(await source.sendCommand(['CLUSTER', 'MYID']));
    const targetId = String(await target.sendCommand(['CLUSTER', 'MYID']));
    await target.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', sourceId]);
    await source.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', targetId]);
    await sleep(pauseMs);
    let moved = 0;
    for (;;) {
      const keys = (await source.sendCommand([
        'CLUSTER',
        'GETKEYSINSLOT',
        String(slot),
        String(batch),
      ])) as string[];
      if (keys.length === 0) break;
      await source.sendCommand(['MIGRATE', '127.0.0.1', String(toPort), '', '0', '5000', 'KEYS', ...keys]);
      moved += keys.length;
      await sleep(pauseMs);
    }
    // Target first, then the source, then the others: the order redis-cli uses, so no node ever
    // points clients back at a node that no longer serves the slot.
    await target.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'NODE', targetId]);
    await source.sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'NODE', targetId]);
    for (const port of ports) {
      if (port === fromPort || port === toPort) continue;
      await (await node(port)).sendCommand(['CLUSTER', 'SETSLOT', String(slot), 'NODE', targetId]);
    }
    return moved;
  }

  async function errorStats(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const port of ports) {
      const info = String(await (await node(port)).sendCommand(['INFO', 'errorstats']));
      for (const match of info.matchAll(/^errorstat_([A-Z]+):count=(\d+)/gm))
        totals[match[1]] = (totals[match[1]] ?? 0) + Number(match[2]);
    }
    return totals;
  }

  return {
    url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`,
    ports,
    node,
    slotOf,
    ownerOf,
    migrateSlot,
    errorStats,
    stop,
  };
}
