import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, startGavelOnOwnDatabase } from './gavelHarness';
import { HONEST_BODIES, message, uniqueId } from './sampleMessages';

let gavel: OwnGavel;
let auth: { authorization: string };

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase();
  auth = { authorization: `Bearer ${gavel.apiKey}` };
});

afterAll(async () => {
  await gavel?.close();
});

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  return body;
}

const post = (url: string, payload: unknown, headers: Record<string, string> = auth) =>
  gavel.app.inject({ method: 'POST', url, headers, payload: payload as object });

/** A body sent as given (not serialised), under `contentType`. */
const sendRaw = (method: 'POST' | 'PUT', url: string, contentType: string, payload: string) =>
  gavel.app.inject({ method, url, headers: { ...auth, 'content-type': contentType }, payload });

describe('bad input gets a 4xx problem+json with a stable code', () => {
  it('a missing, malformed or unknown key: 401 UNAUTHORIZED', async () => {
    const m = message(uniqueId('AC'), HONEST_BODIES[0]);
    expectProblem(await post('/v1/score', m, {}), 401, 'UNAUTHORIZED');
    expectProblem(await post('/v1/score', m, { authorization: 'Basic abc' }), 401, 'UNAUTHORIZED');
    expectProblem(
      await post('/v1/score', m, { authorization: `Bearer gvl_${'A'.repeat(43)}` }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('a revoked key: 401, at once on the replica that revoked it', async () => {
    const created = await post('/v1/admin/keys', { name: 'to revoke', scopes: ['score'] });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    const m = message(uniqueId('AC'), HONEST_BODIES[0]);
    expect((await post('/v1/score', m, { authorization: `Bearer ${key}` })).statusCode).toBe(200);
    const revoked = await gavel.app.inject({ method: 'DELETE', url: `/v1/admin/keys/${id}`, headers: auth });
    expect(revoked.statusCode).toBe(204);
    expectProblem(await post('/v1/score', m, { authorization: `Bearer ${key}` }), 401, 'UNAUTHORIZED');
    const listed = await gavel.app.inject({ url: '/v1/admin/keys', headers: auth });
    const entry = listed.json().keys.find((k: { id: string }) => k.id === id);
    expect(entry.revokedAt).not.toBeNull();
    expect(JSON.stringify(listed.json())).not.toContain(key);
  });

  it('a key without the scope: 403 FORBIDDEN', async () => {
    const { key } = (await post('/v1/admin/keys', { name: 'events only', scopes: ['events'] })).json();
    const m = message(uniqueId('AC'), HONEST_BODIES[0]);
    expectProblem(await post('/v1/score', m, { authorization: `Bearer ${key}` }), 403, 'FORBIDDEN');
    expectProblem(
      await post('/v1/admin/keys', { name: 'x', scopes: ['score'] }, { authorization: `Bearer ${key}` }),
      403,
      'FORBIDDEN',
    );
  });

  it('a missing field, a wrong type, an unknown channel: 400 INVALID_BODY naming the field', async () => {
    const m = message(uniqueId('AC'), HONEST_BODIES[0]);
    const { body: _b, ...withoutBody } = m;
    expect(
      expectProblem(await post('/v1/score', withoutBody), 400, 'INVALID_BODY').errors.length,
    ).toBeGreaterThan(0);
    const wrongType = expectProblem(await post('/v1/score', { ...m, messageId: 42 }), 400, 'INVALID_BODY');
    expect(wrongType.errors[0].path).toBe('/messageId');
    const channel = expectProblem(await post('/v1/score', { ...m, channel: 'fax' }), 400, 'INVALID_BODY');
    expect(channel.errors[0].path).toBe('/channel');
    expectProblem(await post('/v1/score', { ...m, sentAt: 'yesterday' }), 400, 'INVALID_BODY');
    expectProblem(await post('/v1/score', { ...m, extra: true }), 400, 'INVALID_BODY');
  });

  it('a body over 64 KiB, counted in characters or in UTF-8 bytes: 400 INVALID_BODY', async () => {
    const ascii = message(uniqueId('AC'), 'a'.repeat(65_537));
    expect(expectProblem(await post('/v1/score', ascii), 400, 'INVALID_BODY').errors[0].path).toBe('/body');
    const euros = message(uniqueId('AC'), '€'.repeat(30_000)); // 90,000 bytes in 30,000 characters
    expect(expectProblem(await post('/v1/score', euros), 400, 'INVALID_BODY').errors[0].path).toBe('/body');
    const justFits = message(uniqueId('AC'), 'a'.repeat(65_536));
    expect((await post('/v1/score', justFits)).statusCode).toBe(200);
  });

  it('a request over the size limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = message(uniqueId('AC'), 'x'.repeat(2 * 1024 * 1024));
    expectProblem(await post('/v1/score', huge), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a batch over 1,000 messages: 413 BATCH_TOO_LARGE; an empty or shapeless one: 400', async () => {
    const m = message(uniqueId('AC'), 'hi');
    const messages = Array.from({ length: 1001 }, (_, i) => ({ ...m, messageId: `${m.messageId}-${i}` }));
    expectProblem(await post('/v1/score/batch', { messages }), 413, 'BATCH_TOO_LARGE');
    expectProblem(await post('/v1/score/batch', { messages: [] }), 400, 'INVALID_BODY');
    expectProblem(await post('/v1/score/batch', [m]), 400, 'INVALID_BODY');
  });

  it('malformed JSON: 400 INVALID_JSON; a wrong content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const malformed = await sendRaw('POST', '/v1/score', 'application/json', '{"messageId": "SM1", ');
    expectProblem(malformed, 400, 'INVALID_JSON');
    const text = await sendRaw('POST', '/v1/score', 'text/plain', 'score this please');
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await sendRaw('POST', '/v1/events', 'application/x-www-form-urlencoded', 'a=b');
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown route: 404 NOT_FOUND', async () => {
    expectProblem(await gavel.app.inject({ url: '/v1/nothing-here', headers: auth }), 404, 'NOT_FOUND');
  });

  it('a bad event: 400 INVALID_BODY', async () => {
    expectProblem(await post('/v1/events', { type: 'delivery', accountId: 'AC1' }), 400, 'INVALID_BODY');
    expectProblem(await post('/v1/events', { events: [] }), 400, 'INVALID_BODY');
  });
});

describe('fuzz: arbitrary input never gets a 5xx', () => {
  const routes: { method: 'POST' | 'PUT'; url: string }[] = [
    { method: 'POST', url: '/v1/score' },
    { method: 'POST', url: '/v1/score/batch' },
    { method: 'POST', url: '/v1/events' },
    { method: 'POST', url: '/v1/admin/keys' },
    { method: 'PUT', url: '/v1/admin/accounts/AC-fuzz' },
  ];

  async function expectNoServerError(res: LightMyRequestResponse) {
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(typeof res.json().code).toBe('string');
    }
  }

  it('arbitrary JSON values on every route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, value) => {
        const res = await sendRaw(route.method, route.url, 'application/json', JSON.stringify(value));
        await expectNoServerError(res);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary strings as bodies, and as account ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string(), async (route, raw) => {
        const res = await sendRaw(route.method, route.url, 'application/json', raw);
        await expectNoServerError(res);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (id) => {
        const res = await gavel.app.inject({ url: `/v1/accounts/${encodeURIComponent(id)}`, headers: auth });
        await expectNoServerError(res);
      }),
      { numRuns: 100 },
    );
  });

  it('messages with arbitrary field values', async () => {
    const anyField = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
    );
    const messageLike = fc.record(
      {
        messageId: anyField,
        accountId: anyField,
        channel: fc.oneof(fc.constantFrom('sms', 'mms', 'whatsapp', 'email'), anyField),
        from: anyField,
        to: anyField,
        body: fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), anyField),
        subject: anyField,
        sentAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          anyField,
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(messageLike, async (m) => {
        await expectNoServerError(await post('/v1/score', m));
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(messageLike, { minLength: 1, maxLength: 20 }), async (messages) => {
        const res = await post('/v1/score/batch', { messages });
        await expectNoServerError(res);
        if (res.statusCode === 200) expect(res.json().results).toHaveLength(messages.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('documents', () => {
  it('serves the generated OpenAPI document with every public route', async () => {
    const res = await gavel.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    for (const path of [
      '/v1/score',
      '/v1/score/batch',
      '/v1/events',
      '/v1/accounts/{accountId}',
      '/v1/admin/keys',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect((await gavel.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('serves health, readiness and metrics', async () => {
    expect((await gavel.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = (await gavel.app.inject({ url: '/readyz' })).json();
    expect(ready).toMatchObject({ status: 'ready', checks: { database: 'up', signals: 'up', model: 'up' } });
    const metrics = await gavel.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('gavel_http_request_duration_seconds');
    expect(metrics.body).toContain('gavel_decisions_total');
  });
});
