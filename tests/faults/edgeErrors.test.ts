import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type OwnPostgres, type Replica, startOwnPostgres, startReplica } from './faultHarness';

// Item 8: refusals at the edge. Before: `/assets` traversal answered 403 labelled INVALID_BODY;
// FST_ERR_BAD_URL, 414 and 431 were plain JSON; a body trickled a byte at a time held the connection
// ~72 s although requestTimeout was 30 s.

const BODY_TIMEOUT_MS = 1_000;

let pg: OwnPostgres;
let replica: Replica;
let port = 0;
let apiKey = '';

beforeAll(async () => {
  pg = await startOwnPostgres();
  const databaseUrl = await pg.createDatabase('gavel_edges');
  replica = await startReplica({
    databaseUrl,
    level: 'silent',
    env: { BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) },
  });
  port = Number(new URL(replica.url).port);
  apiKey = (await replica.app.apiKeys.create('edges', ['score'])).key;
}, 120_000);

afterAll(async () => {
  await replica?.close().catch(() => {});
  await pg?.destroy();
});

/** Raw HTTP on a socket: what arrived, and how long until the server closed the connection. */
function rawExchange(
  send: (socket: ReturnType<typeof connect>) => void,
  timeoutMs = 10_000,
): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: performance.now() - started });
    });
    socket.on('error', () => {});
    socket.on('connect', () => send(socket));
  });
}

function problemOf(text: string): { status: number; contentType: string; code: string } {
  const [head, body] = text.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
  return { status, contentType, code: (JSON.parse(body) as { code: string }).code };
}

describe('refusals at the edge are problem+json with their own codes', () => {
  it('a URL that does not decode, a path segment too long, a path that climbs out of /assets', async () => {
    const badUrl = await call(`${replica.url}/v1/accounts/%E0%A4%A`);
    expect([badUrl.status, badUrl.body?.code]).toEqual([400, 'INVALID_URL']);
    expect(badUrl.headers.get('content-type')).toContain('application/problem+json');

    const longParam = await call(`${replica.url}/v1/accounts/${'a'.repeat(3000)}`);
    expect([longParam.status, longParam.body?.code]).toEqual([414, 'URL_TOO_LONG']);
    expect(longParam.headers.get('content-type')).toContain('application/problem+json');

    for (const path of ['/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const res = await call(`${replica.url}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body?.code).not.toBe('INVALID_BODY');
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.body?.code);
    }
  });

  it('headers too large: 431 HEADERS_TOO_LARGE as problem+json', async () => {
    const { text } = await rawExchange((socket) => {
      socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    const problem = problemOf(text);
    expect(problem).toEqual({
      status: 431,
      contentType: 'application/problem+json',
      code: 'HEADERS_TOO_LARGE',
    });
  });

  it('a body trickled a byte at a time is cut off with 408 after BODY_TIMEOUT_MS', async () => {
    let trickle: NodeJS.Timeout | undefined;
    const { text, closedAfterMs } = await rawExchange((socket) => {
      socket.write(
        `POST /v1/score HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
      );
      trickle = setInterval(() => socket.writable && socket.write(' '), 100);
    }, 20_000);
    clearInterval(trickle);
    console.log(
      `[faults] trickled body: connection closed after ${closedAfterMs.toFixed(0)} ms (bound ${BODY_TIMEOUT_MS} ms)`,
    );
    expect(problemOf(text)).toEqual({
      status: 408,
      contentType: 'application/problem+json',
      code: 'REQUEST_TIMEOUT',
    });
    expect(closedAfterMs).toBeLessThan(BODY_TIMEOUT_MS + 2_000);
  });
});
