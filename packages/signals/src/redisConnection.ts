import { createHash } from 'node:crypto';
import { createClient, createCluster } from 'redis';

/**
 * One connection type for a single Redis server and for a Redis Cluster, so the signal store,
 * idempotency and the rate limiter are written once and run on both.
 *
 * `REDIS_URL` forms:
 * - `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS): one server;
 * - `redis+cluster://[user:password@]host:port,host:port,...` (or `rediss+cluster://`): a cluster,
 *   given by any of its masters as seeds (the client discovers the rest with `CLUSTER SLOTS`); the
 *   credentials and TLS apply to every node. A cluster has only database 0.
 */
export type RedisTarget =
  | { kind: 'standalone'; url: string }
  | {
      kind: 'cluster';
      seeds: { host: string; port: number }[];
      username?: string;
      password?: string;
      tls: boolean;
    };

export type RedisReply = string | number | null | RedisReply[];

export interface RedisCommandOptions {
  /** Drops the command if it is not written yet when this fires (see the signal store's `bounded`). */
  abortSignal?: AbortSignal;
}

/** A Lua script sent by EVALSHA; its body goes over the wire only after NOSCRIPT. */
export interface LuaScript {
  readonly body: string;
  readonly sha: string;
}

export function luaScript(body: string): LuaScript {
  return { body, sha: createHash('sha1').update(body).digest('hex') };
}

export interface RedisConnection {
  readonly kind: RedisTarget['kind'];
  /** Commands can be sent now (standalone: connected; cluster: slot map loaded). */
  readonly isReady: boolean;
  /**
   * One command. On a cluster it goes to the master serving `routingKey`'s slot (a random node
   * when undefined); MOVED and ASK are followed by node-redis, TRYAGAIN (a multi-key command
   * during a slot migration) is retried here after a short pause.
   */
  sendCommand(
    routingKey: string | undefined,
    args: string[],
    options?: RedisCommandOptions,
  ): Promise<RedisReply>;
  /**
   * EVALSHA, then EVAL on NOSCRIPT. Each node keeps its own script cache, so on a cluster the
   * fallback happens per node: the first call that lands on a node (after a restart, or on a
   * slot's new owner after a migration) sends the body once. Every key must carry the same hash
   * tag (one slot); a call that does not is a bug and throws `CrossSlotScriptError` at once, on a
   * single server too, so the standalone suites catch what would fail on a cluster.
   */
  evalScript(
    script: LuaScript,
    keys: string[],
    args: (string | number)[],
    options?: RedisCommandOptions,
  ): Promise<RedisReply>;
  /** True when every master answers PING (a cluster is only up if all of its slots are). */
  ping(options?: RedisCommandOptions): Promise<boolean>;
  /** Waits for replies in flight when connected; drops everything when not. */
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  url: string;
  /** How long connectRedis waits for the first connection before returning anyway (default 2,000 ms). */
  connectTimeoutMs?: number;
  /** Connection errors and reconnects; the connection never throws them at the process. */
  onError?: (error: Error) => void;
}

export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

export class CrossSlotScriptError extends Error {
  override name = 'CrossSlotScriptError';
}

const HOST_PORT = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Parses `REDIS_URL`. Error messages never echo the URL: it may hold a password. */
export function parseRedisUrl(url: string): RedisTarget {
  const cluster = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?(0)?$/.exec(url);
  if (cluster) {
    const [, scheme, auth, hosts] = cluster;
    const seeds = hosts.split(',').map((h) => {
      const m = HOST_PORT.exec(h.trim());
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 65_535)
        throw new RedisUrlError('a redis+cluster:// URL lists host:port seeds separated by commas');
      return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
    });
    const [username, password] = auth === undefined ? [] : splitAuth(auth);
    return {
      kind: 'cluster',
      seeds,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      tls: scheme === 'rediss',
    };
  }
  if (/\+cluster:\/\//.test(url))
    throw new RedisUrlError('a redis+cluster:// URL lists host:port seeds, optionally /0, nothing else');
  if (!/^rediss?:\/\/[^,]+$/.test(url))
    throw new RedisUrlError('expected redis://, rediss://, redis+cluster:// or rediss+cluster://');
  return { kind: 'standalone', url };
}

function splitAuth(auth: string): [string | undefined, string | undefined] {
  const colon = auth.indexOf(':');
  const user = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(auth.slice(colon + 1));
  // "redis://:password@host" is the usual form for the default user.
  return [user || undefined, password];
}

/** The part of a key Redis hashes to pick its slot (Redis Cluster spec: the first `{...}`, if non-empty). */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  return close <= open + 1 ? key : key.slice(open + 1, close);
}

function assertOneSlot(keys: string[]): void {
  if (keys.length < 2) return;
  // Same tag, not merely same slot: stricter, and a string compare per key instead of a CRC16.
  const tag = hashTagOf(keys[0]);
  for (let i = 1; i < keys.length; i++)
    if (hashTagOf(keys[i]) !== tag)
      throw new CrossSlotScriptError('every key of one script call must share one hash tag');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Back off up to 2 s and retry forever; the process keeps serving without Redis meanwhile. */
const reconnectDelay = (retries: number) => Math.min(50 * 2 ** retries, 2_000);
/**
 * TRYAGAIN lasts while one slot's keys are split between two nodes (a MIGRATE batch takes a few
 * ms); retries stop when the caller's abort signal fires or after ~5 s.
 */
const TRYAGAIN_MAX_ATTEMPTS = 250;

function isErrorReply(error: unknown, prefix: string): boolean {
  return error instanceof Error && error.message.startsWith(prefix);
}

/**
 * Opens a connection and waits at most `connectTimeoutMs` for it; then it returns anyway and keeps
 * connecting in the background (`isReady` says when it is up). Commands are rejected at once while
 * disconnected (no offline queue): callers have a latency budget and would rather degrade.
 */
export async function connectRedis(opts: RedisConnectionOptions): Promise<RedisConnection> {
  const target = parseRedisUrl(opts.url);
  const onError = opts.onError ?? (() => {});
  const connectTimeoutMs = opts.connectTimeoutMs ?? 2_000;
  const clientDefaults = {
    disableOfflineQueue: true,
    // No per-command timeout: node-redis would arm a timer per command; callers bound each call
    // or batch with one timer and its abort signal. The cap is a last resort against a backlog.
    commandsQueueMaxLength: 100_000,
  };
  const connection =
    target.kind === 'standalone'
      ? standalone(target.url, clientDefaults, connectTimeoutMs, onError)
      : cluster(target, clientDefaults, connectTimeoutMs, onError);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    connection.connected,
    new Promise((resolve) => {
      timer = setTimeout(resolve, connectTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return connection.api;
}

interface Opening {
  api: RedisConnection;
  connected: Promise<unknown>;
}

function scriptCalls(send: RedisConnection['sendCommand']): Pick<RedisConnection, 'evalScript'> {
  return {
    async evalScript(script, keys, args, options) {
      assertOneSlot(keys);
      const tail = [String(keys.length), ...keys];
      for (const a of args) tail.push(String(a));
      try {
        return await send(keys[0], ['EVALSHA', script.sha, ...tail], options);
      } catch (error) {
        // The node restarted, was flushed, or just took over the slot: send the body once.
        if (!isErrorReply(error, 'NOSCRIPT')) throw error;
        return send(keys[0], ['EVAL', script.body, ...tail], options);
      }
    },
  };
}

function standalone(
  url: string,
  defaults: object,
  connectTimeoutMs: number,
  onError: (error: Error) => void,
): Opening {
  const client = createClient({
    url,
    ...defaults,
    socket: { connectTimeout: connectTimeoutMs, reconnectStrategy: reconnectDelay },
  });
  client.on('error', (error: Error) => onError(error));
  const connected = client.connect().then(
    () => true,
    (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))),
  );
  const send: RedisConnection['sendCommand'] = async (_key, args, options) =>
    (await client.sendCommand(args, options)) as RedisReply;
  return {
    connected,
    api: {
      kind: 'standalone',
      get isReady() {
        return client.isReady;
      },
      sendCommand: send,
      ...scriptCalls(send),
      async ping(options) {
        return client.isReady && String(await client.sendCommand(['PING'], options)) === 'PONG';
      },
      async close() {
        if (client.isReady) await client.close();
        else if (client.isOpen) client.destroy();
      },
    },
  };
}

function cluster(
  target: Extract<RedisTarget, { kind: 'cluster' }>,
  defaults: object,
  connectTimeoutMs: number,
  onError: (error: Error) => void,
): Opening {
  const client = createCluster({
    rootNodes: target.seeds.map((seed) => ({ socket: { host: seed.host, port: seed.port } })),
    defaults: {
      ...defaults,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      socket: {
        connectTimeout: connectTimeoutMs,
        reconnectStrategy: reconnectDelay,
        ...(target.tls ? { tls: true as const } : {}),
      },
    },
    // Scores and windows are read and written by the same script: masters only.
    useReplicas: false,
  });
  const report = (error: unknown) => onError(error instanceof Error ? error : new Error(String(error)));
  client.on('error', report);
  client.on('node-error', report);

  let ready = false;
  let closed = false;
  // node-redis reconnects a node it knows, but a cluster that was unreachable at start (no seed
  // answered CLUSTER SLOTS) is never retried by it: keep trying, as the single-server client does.
  const connected = (async () => {
    for (let attempt = 0; !closed; attempt++) {
      try {
        await client.connect();
        if (closed) client.destroy();
        else ready = true;
        return;
      } catch (error) {
        if (closed) return;
        report(error);
        await sleep(reconnectDelay(attempt));
      }
    }
  })();

  const send: RedisConnection['sendCommand'] = async (key, args, options) => {
    if (!ready) throw new Error('redis cluster: not connected');
    for (let attempt = 1; ; attempt++) {
      try {
        return (await client.sendCommand(key, false, args, options)) as RedisReply;
      } catch (error) {
        if (
          !isErrorReply(error, 'TRYAGAIN') ||
          attempt >= TRYAGAIN_MAX_ATTEMPTS ||
          options?.abortSignal?.aborted
        )
          throw error;
        await sleep(Math.min(attempt * 2, 20));
      }
    }
  };

  return {
    connected,
    api: {
      kind: 'cluster',
      get isReady() {
        return ready && client.isOpen;
      },
      sendCommand: send,
      ...scriptCalls(send),
      async ping(options) {
        if (!ready) return false;
        const masters = client.masters;
        const replies = await Promise.all(
          masters.map(async (m) => (await client.nodeClient(m)).sendCommand(['PING'], options)),
        );
        return masters.length > 0 && replies.every((r) => String(r) === 'PONG');
      },
      async close() {
        closed = true;
        // Still discovering: destroy() makes the pending connect() give up ("Cluster closed").
        if (ready && client.isOpen) await client.close();
        else if (client.isOpen) client.destroy();
      },
    },
  };
}
