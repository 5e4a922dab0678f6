import { countDecisions, openDatabase } from '@gavel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/gavelHarness';
import { HONEST_BODIES, message, pick, uniqueId } from '../integration/sampleMessages';
import {
  type Answer,
  call,
  type OwnPostgres,
  type OwnRedis,
  type Replica,
  startOwnPostgres,
  startOwnRedis,
  startReplica,
} from './faultHarness';

// Item 4: NUL bytes and lone surrogates. Before: `GET /v1/accounts/%00`, `/api/cases/%00`, key and
// reviewer names and an unauthenticated sign-in with a NUL in the email answered 500; a messageId
// with NUL was answered 200 and its decision row dropped; `x-\ud800` and `x-\udbff` collided in Redis.

const ADMIN = { email: 'faults-admin@gavel.test', password: 'correct horse battery staple' };
const NUL = '\u0000';
const HIGH = '\ud800';
const LOW = '\udc00';

let pg: OwnPostgres;
let redis: OwnRedis;
let databaseUrl: string;
let replica: Replica;
let apiKey = '';
let cookie = '';
let csrf = '';
/** messageIds answered 200: each must become exactly one decision row. */
const answered = new Set<string>();
const seen: { route: string; status: number; code?: unknown }[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  databaseUrl = await pg.createDatabase('gavel_bad_input');
  replica = await startReplica({
    databaseUrl,
    redisUrl: redis.url,
    level: 'silent',
    env: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password },
  });
  apiKey = (await replica.app.apiKeys.create('bad-input', ['score', 'events', 'admin'])).key;
  const login = await call(`${replica.url}/api/session`, { body: ADMIN });
  expect(login.status).toBe(200);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  csrf = String(login.body?.csrfToken);
}, 120_000);

afterAll(async () => {
  await replica?.close().catch(() => {});
  await redis?.destroy();
  await pg?.destroy();
});

const auth = () => ({ authorization: `Bearer ${apiKey}` });
const reviewer = () => ({ cookie, 'x-csrf-token': csrf });

async function hit(route: string, url: string, init: Parameters<typeof call>[1] = {}): Promise<Answer> {
  const res = await call(`${replica.url}${url}`, init);
  seen.push({ route, status: res.status, code: res.body?.code });
  return res;
}

function expectRejected(res: Answer, code: string, path?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body?.code).toBe(code);
  if (path) expect(((res.body?.errors ?? []) as { path: string }[]).map((e) => e.path)).toContain(path);
}

describe('NUL bytes and lone surrogates on every route', () => {
  it('rejects them in identifiers with 400 and a field path, on the body, the batch, events and params', async () => {
    const account = uniqueId('AC');
    for (const [field, value] of [
      ['messageId', `m-${NUL}`],
      ['messageId', `x-${HIGH}`],
      ['messageId', `x-${LOW}`],
      ['messageId', 'has space'],
      ['accountId', `AC${NUL}`],
      ['accountId', `AC${HIGH}`],
    ] as const) {
      const body = { ...message(account, pick(HONEST_BODIES, 1)), [field]: value };
      expectRejected(
        await hit('POST /v1/score', '/v1/score', { body, headers: auth() }),
        'INVALID_BODY',
        `/${field}`,
      );
    }

    const good = message(account, pick(HONEST_BODIES, 2));
    const batch = await hit('POST /v1/score/batch', '/v1/score/batch', {
      headers: auth(),
      body: { messages: [good, { ...message(account, pick(HONEST_BODIES, 3)), messageId: `b-${NUL}` }] },
    });
    expect(batch.status).toBe(200);
    const results = batch.body?.results as Record<string, unknown>[];
    expect(results[0].messageId).toBe(good.messageId);
    answered.add(good.messageId);
    expect(results[1].code).toBe('INVALID_BODY');
    expect((results[1].errors as { path: string }[])[0].path).toContain('messageId');

    const event = await hit('POST /v1/events', '/v1/events', {
      headers: auth(),
      body: { type: 'complaint', accountId: `AC${NUL}` },
    });
    expectRejected(event, 'INVALID_BODY', '/accountId');

    const nulParam = encodeURIComponent(NUL);
    expectRejected(
      await hit('GET /v1/accounts/:id', `/v1/accounts/${nulParam}`, { headers: auth() }),
      'INVALID_PARAMETERS',
      '/accountId',
    );
    expectRejected(
      await hit('PUT /v1/admin/accounts/:id', `/v1/admin/accounts/${nulParam}`, {
        method: 'PUT',
        headers: auth(),
        body: { allowlisted: false },
      }),
      'INVALID_PARAMETERS',
    );
    expectRejected(
      await hit('DELETE /v1/admin/keys/:id', `/v1/admin/keys/${nulParam}`, {
        method: 'DELETE',
        headers: auth(),
      }),
      'INVALID_PARAMETERS',
      '/id',
    );
    expectRejected(
      await hit('GET /api/cases/:id', `/api/cases/${nulParam}`, { headers: reviewer() }),
      'INVALID_PARAMETERS',
      '/id',
    );
    expectRejected(
      await hit('GET /api/cases?assignee', `/api/cases?assignee=${nulParam}`, { headers: reviewer() }),
      'INVALID_PARAMETERS',
    );
    // A lone surrogate cannot even be percent-encoded as UTF-8: the raw bytes are refused as a bad URL.
    const badUtf8 = await hit('GET /v1/accounts/%ED%A0%80', '/v1/accounts/x%ED%A0%80', { headers: auth() });
    expect(badUtf8.status).toBe(400);
    expect(badUtf8.headers.get('content-type')).toContain('application/problem+json');
  });

  it('accepts them in free text, stores them replaced, and answers = rows', async () => {
    const account = uniqueId('AC');
    for (const text of [
      `body ${NUL} with nul`,
      `lone ${HIGH} high`,
      `lone ${LOW} low`,
      `mixed ${NUL}${HIGH}😀`,
    ]) {
      const m = { ...message(account, text), from: `+1500555${NUL}0006`, subject: `s${HIGH}` };
      const res = await hit('POST /v1/score', '/v1/score', { body: m, headers: auth() });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      answered.add(m.messageId);
    }

    const key = await hit('POST /v1/admin/keys', '/v1/admin/keys', {
      headers: auth(),
      body: { name: `key ${NUL} ${HIGH}`, scopes: ['score'] },
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect(key.body?.name).toBe('key \uFFFD \uFFFD');

    const created = await hit('POST /api/admin/reviewers', '/api/admin/reviewers', {
      headers: reviewer(),
      body: {
        email: `r-${Date.now()}@gavel.test`,
        name: `Rev${NUL}iewer ${LOW}`,
        password: 'another long password',
        role: 'reviewer',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body?.name).toBe('Rev\uFFFDiewer \uFFFD');

    // Unauthenticated sign-in with NUL or a lone surrogate in the email: the ordinary refusal, no 500.
    for (const email of [`a${NUL}@gavel.test`, `a${HIGH}@gavel.test`]) {
      const res = await hit('POST /api/session', '/api/session', {
        body: { email, password: 'whatever it is' },
      });
      expect(res.status).toBe(401);
    }
    const appeal = await hit('GET /api/appeal/:token', `/api/appeal/${encodeURIComponent(NUL)}`);
    expect(appeal.status).toBe(404);
  });

  it('never answers 5xx, and every 200 score is a decision row', async () => {
    console.log(
      `[faults] bad input: ${seen.length} requests, statuses ${JSON.stringify(seen.map((s) => `${s.route} ${s.status}`))}`,
    );
    expect(seen.filter((s) => s.status >= 500 || s.status === 0)).toEqual([]);
    const handle = await openDatabase({ url: databaseUrl, max: 1 });
    try {
      let rows = -1;
      await waitFor(
        async () => {
          rows = await countDecisions(handle.db);
          return rows === answered.size;
        },
        { timeoutMs: 10_000, what: 'one decision row per 200 answer' },
      ).catch(() => {});
      console.log(`[faults] bad input: ${answered.size} answers of 200, ${rows} decision rows`);
      expect(rows).toBe(answered.size);
    } finally {
      await handle.close();
    }
  });
});
