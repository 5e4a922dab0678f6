import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OwnGavel, startGavelOnOwnDatabase } from '@gavel/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGavelClient, GavelError, isProblem } from './index';

// A real local server on an ephemeral port: a fresh Postgres database, the in-process signal store,
// scoring role only.
let gavel: OwnGavel;
let baseUrl: string;
let apiKey: string;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase({ redisUrl: null, listen: true, env: { ROLES: 'scoring' } });
  baseUrl = gavel.url;
  apiKey = (await gavel.app.apiKeys.create('client test', ['score', 'events'])).key;
}, 60_000);

afterAll(async () => {
  await gavel?.close();
});

const msg = (messageId: string, body: string) => ({
  messageId,
  accountId: 'AC-client',
  channel: 'sms' as const,
  from: '+15005550006',
  to: '+447700900123',
  body,
});

/** A real HTTP server that fails `failures` times with `status`, then answers 200 `{}`. */
async function flakyServer(
  failures: number,
  status: number,
): Promise<{ url: string; hits: () => number; server: Server }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits += 1;
    if (hits <= failures) {
      res.writeHead(status, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'x',
          status,
          code: status === 429 ? 'RATE_LIMITED' : 'INTERNAL',
        }),
      );
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits, server };
}

describe('createGavelClient against a real server', () => {
  it('scores a message, a batch, sends events and reads the account', async () => {
    const client = createGavelClient({ baseUrl, apiKey });
    const answer = await client.scoreMessage(msg('SM-c1', 'See you at seven for dinner'));
    expect(answer).toMatchObject({ messageId: 'SM-c1', action: 'allow' });
    expect(await client.scoreMessage(msg('SM-c1', 'See you at seven for dinner'))).toEqual(answer);

    const results = await client.scoreBatch([
      msg('SM-c2', 'hello'),
      { ...msg('SM-c3', 'x'), channel: 'fax' as 'sms' },
    ]);
    expect(results).toHaveLength(2);
    expect(isProblem(results[0])).toBe(false);
    expect(isProblem(results[1]) && results[1].code).toBe('INVALID_BODY');

    expect(
      await client.sendEvents({
        type: 'delivery',
        accountId: 'AC-client',
        messageId: 'SM-c1',
        status: 'delivered',
      }),
    ).toEqual({
      accepted: 1,
    });
    expect((await client.getAccount('AC-client')).accountId).toBe('AC-client');
  });

  it('throws a typed GavelError with the problem, without retrying a 4xx', async () => {
    const client = createGavelClient({ baseUrl, apiKey: 'gvl_wrong', retries: 3 });
    const error = await client.scoreMessage(msg('SM-c4', 'hi')).catch((e) => e);
    expect(error).toBeInstanceOf(GavelError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', retryable: false });
    expect(error.problem.code).toBe('UNAUTHORIZED');
  });
});

describe('retries', () => {
  it('retries scoring on 5xx and 429, then succeeds', async () => {
    const flaky = await flakyServer(2, 503);
    const client = createGavelClient({ baseUrl: flaky.url, apiKey: 'k', retries: 2, retryBaseMs: 1 });
    await client.scoreMessage(msg('SM-r1', 'hi'));
    expect(flaky.hits()).toBe(3);
    flaky.server.close();
  });

  it('gives up after the configured retries with the last problem', async () => {
    const flaky = await flakyServer(10, 500);
    const client = createGavelClient({ baseUrl: flaky.url, apiKey: 'k', retries: 1, retryBaseMs: 1 });
    await expect(client.scoreMessage(msg('SM-r2', 'hi'))).rejects.toMatchObject({
      status: 500,
      code: 'INTERNAL',
    });
    expect(flaky.hits()).toBe(2);
    flaky.server.close();
  });

  it('does not retry events on a plain 500 (they may have been counted)', async () => {
    const flaky = await flakyServer(1, 500);
    const client = createGavelClient({ baseUrl: flaky.url, apiKey: 'k', retries: 3, retryBaseMs: 1 });
    await expect(client.sendEvents({ type: 'complaint', accountId: 'A' })).rejects.toMatchObject({
      status: 500,
    });
    expect(flaky.hits()).toBe(1);
    flaky.server.close();
  });

  it('reports an unreachable server as NETWORK_ERROR and a silent one as TIMEOUT', async () => {
    const closed = await flakyServer(0, 200);
    await new Promise((resolve) => closed.server.close(resolve));
    const unreachable = createGavelClient({ baseUrl: closed.url, apiKey: 'k', retries: 1, retryBaseMs: 1 });
    await expect(unreachable.scoreMessage(msg('SM-r3', 'hi'))).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });

    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const slow = createGavelClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      timeoutMs: 50,
      retries: 0,
    });
    await expect(slow.scoreMessage(msg('SM-r4', 'hi'))).rejects.toMatchObject({ code: 'TIMEOUT' });
    silent.closeAllConnections();
    silent.close();
  });
});
