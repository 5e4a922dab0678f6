import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type InjectOptions, LogController } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { loggerOptions } from '../logging';
import configPlugin from './config';
import requestLog from './requestLog';

// Item 10 of issue 7: scoring requests log at debug by default; failures and requests over the score
// budget still log (warn), with the request id. The app under test logs at info, as production does.

const lines: Record<string, unknown>[] = [];
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gavel-reqlog-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SECRET: 'x'.repeat(32),
    SCORE_BUDGET_MS: '200',
    LOG_LEVEL: 'info',
  });
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  app = Fastify({
    logger: { ...loggerOptions(config), stream },
    logController: new LogController({ disableRequestLogging: true }),
  });
  await app.register(configPlugin, { config });
  await app.register(requestLog);
  app.post('/v1/score', async (request, reply) => {
    const q = request.query as { slow?: string; fail?: string };
    // Past the 200 ms budget by construction (a sleep of 250 ms), not a measured speed.
    if (q.slow) await new Promise((resolve) => setTimeout(resolve, 250));
    if (q.fail) return reply.code(500).send({ code: 'INTERNAL' });
    return { ok: true };
  });
  app.post('/v1/score/batch', async () => ({ results: [] }));
  app.get('/api/cases', async () => ({ cases: [] }));
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function linesOf(request: InjectOptions) {
  const before = lines.length;
  const res = await app.inject(request);
  return { res, logged: lines.slice(before) };
}

describe('request logs', () => {
  it('writes nothing at info for a scoring request or a batch that went well', async () => {
    for (const url of ['/v1/score', '/v1/score/batch']) {
      const { res, logged } = await linesOf({ method: 'POST', url, payload: {} });
      expect(res.statusCode).toBe(200);
      expect(logged).toEqual([]);
    }
  });

  it('warns, with the request id, when a scoring request is over the budget or failed', async () => {
    const slow = await linesOf({
      method: 'POST',
      url: '/v1/score?slow=1',
      payload: {},
    });
    expect(slow.logged).toHaveLength(1);
    expect(slow.logged[0]).toMatchObject({
      level: 40,
      reqId: expect.any(String),
      budgetMs: 200,
    });
    expect(slow.logged[0].msg).toMatch(/slow request/);
    expect(Number(slow.logged[0].responseTime)).toBeGreaterThan(200);

    const failed = await linesOf({ method: 'POST', url: '/v1/score?fail=1', payload: {} });
    expect(failed.logged).toHaveLength(1);
    expect(failed.logged[0]).toMatchObject({ level: 40, res: { statusCode: 500 }, msg: 'request failed' });
    expect(typeof failed.logged[0].reqId).toBe('string');
  });

  it('logs every other request once, at info', async () => {
    const { logged } = await linesOf({ method: 'GET', url: '/api/cases' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, msg: 'request completed', req: { url: '/api/cases' } });
  });
});
