import { countDecisions, openDatabase } from '@gavel/db';
import { signAppealToken } from '@gavel/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/gavelHarness';
import { HONEST_BODIES, message, pick, uniqueId } from '../integration/sampleMessages';
import {
  type Answer,
  call,
  FAULT_SECRET,
  type OwnPostgres,
  type OwnRedis,
  percentile,
  type Replica,
  sleep,
  startOwnPostgres,
  startOwnRedis,
  startReplica,
} from './faultHarness';

// Item 1: nothing on the scoring path waits on Postgres longer than its budget. Before the fix,
// `pg_ctl stop -m immediate` under 2 req/s made requests wait 12 s and more once the key cache
// expired. The key cache TTL is shortened here so that it expires during the outage.

const BUDGET_MS = 50;
/** Generous for a loaded 2-core CI machine; the measured figure is printed. */
const SCORING_BOUND_MS = BUDGET_MS + 450;
/** Routes that need Postgres answer 503 within this. */
const UNAVAILABLE_BOUND_MS = 3_000;
const ADMIN = { email: 'faults-admin@gavel.test', password: 'correct horse battery staple' };

let pg: OwnPostgres;
let redis: OwnRedis;
let databaseUrl: string;
const replicas: Replica[] = [];
let apiKey = '';

beforeAll(async () => {
  [pg, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  databaseUrl = await pg.createDatabase('gavel_outage');
  const env = {
    API_KEY_CACHE_TTL_MS: '300',
    SCORE_BUDGET_MS: String(BUDGET_MS),
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  };
  replicas.push(await startReplica({ databaseUrl, redisUrl: redis.url, env, level: 'silent' }));
  replicas.push(await startReplica({ databaseUrl, redisUrl: redis.url, env, level: 'silent' }));
  apiKey = (await replicas[0].app.apiKeys.create('outage', ['score', 'events', 'admin'])).key;
}, 120_000);

afterAll(async () => {
  for (const r of replicas) await r.close().catch(() => {});
  await redis?.destroy();
  await pg?.destroy();
});

const auth = () => ({ authorization: `Bearer ${apiKey}` });

function score(replica: Replica, body: object, key = apiKey): Promise<Answer> {
  return call(`${replica.url}/v1/score`, {
    body,
    headers: { authorization: `Bearer ${key}` },
    timeoutMs: 15_000,
  });
}

describe('PostgreSQL stopped and restarted under load', () => {
  it('answers every scoring request within the budget, and rows equal the 200 answers afterwards', async () => {
    const accounts = Array.from({ length: 6 }, () => uniqueId('AC'));
    // Warm: the key and the accounts have been seen by both replicas.
    for (let i = 0; i < 12; i++) {
      const res = await score(
        replicas[i % 2],
        message(accounts[i % accounts.length], pick(HONEST_BODIES, i)),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // A session and a signed appeal link made while Postgres is up, used during the outage.
    const login = await call(`${replicas[0].url}/api/session`, { body: ADMIN });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const token = signAppealToken(
      { suspensionId: 'su_outage', accountId: accounts[0], expiresAt: new Date(Date.now() + 86_400_000) },
      FAULT_SECRET,
    );

    // 20 req/s for 9 s, Postgres down from 1.5 s to 5.5 s.
    const sent: Promise<Answer>[] = [];
    const started = Date.now();
    const stopAt = started + 1_500;
    const startAt = started + 5_500;
    let stopped = false;
    let restarted = false;
    let duringOutage: Record<string, Answer> = {};
    const outage = (async () => {
      await sleep(stopAt - Date.now());
      await pg.stop();
      stopped = true;
      await sleep(800);
      const unknownKey = `gvl_${'x'.repeat(43)}`;
      const [unknown, account, sessionPost, sessionGet, cases, appeal] = await Promise.all([
        score(replicas[0], message(accounts[1], pick(HONEST_BODIES, 3)), unknownKey),
        call(`${replicas[0].url}/v1/accounts/${accounts[0]}`, { headers: auth() }),
        call(`${replicas[1].url}/api/session`, { body: ADMIN }),
        call(`${replicas[1].url}/api/session`, { headers: { cookie } }),
        call(`${replicas[0].url}/api/cases`, { headers: { cookie } }),
        call(`${replicas[1].url}/api/appeal/${token}`),
      ]);
      duringOutage = { unknown, account, sessionPost, sessionGet, cases, appeal };
      await sleep(startAt - Date.now());
      await pg.start();
      restarted = true;
    })();
    let i = 0;
    while (Date.now() - started < 9_000) {
      const replica = replicas[i % 2];
      sent.push(score(replica, message(accounts[i % accounts.length], pick(HONEST_BODIES, i))));
      i++;
      await sleep(50);
    }
    await outage;
    const answers = await Promise.all(sent);
    expect(stopped && restarted).toBe(true);

    const ms = answers.map((a) => a.ms);
    const statuses = answers.map((a) => a.status);
    const ok = answers.filter((a) => a.status === 200);
    console.log(
      `[faults] scoring through a Postgres outage: ${answers.length} requests, ${ok.length} x 200, ` +
        `p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms; ` +
        `other statuses ${JSON.stringify(statuses.filter((s) => s !== 200))}`,
    );
    const outageFigures = Object.fromEntries(
      Object.entries(duringOutage).map(([k, a]) => [
        k,
        `${a.status} ${(a.body?.code as string) ?? ''} ${a.ms.toFixed(0)} ms`,
      ]),
    );
    console.log(`[faults] during the outage: ${JSON.stringify(outageFigures)}`);

    // A key and accounts seen before are served from memory: every answer is a 200 within the bound.
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(Math.max(...ms)).toBeLessThan(SCORING_BOUND_MS);

    // An unknown key gets 503 at once; routes that need Postgres answer 503 UNAVAILABLE, never 500.
    expect(duringOutage.unknown.status).toBe(503);
    expect(duringOutage.unknown.body?.code).toBe('UNAVAILABLE');
    expect(duringOutage.unknown.ms).toBeLessThan(SCORING_BOUND_MS);
    for (const name of ['account', 'sessionPost', 'sessionGet', 'cases', 'appeal']) {
      const a = duringOutage[name];
      expect(`${name}: ${a.status} ${a.body?.code}`).toBe(`${name}: 503 UNAVAILABLE`);
      expect(a.headers.get('content-type')).toContain('application/problem+json');
      expect(a.headers.get('retry-after')).toBeTruthy();
      expect(a.ms).toBeLessThan(UNAVAILABLE_BOUND_MS);
    }

    // After recovery: every 200 answer (warm-up included) is a decision row, none twice, none lost.
    const handle = await openDatabase({ url: databaseUrl, max: 1 });
    try {
      const expected = ok.length + 12;
      let rows = -1;
      await waitFor(
        async () => {
          rows = await countDecisions(handle.db).catch(() => -1);
          return rows === expected;
        },
        { timeoutMs: 30_000, intervalMs: 250, what: `${expected} decision rows` },
      ).catch(() => {});
      console.log(
        `[faults] decision rows after recovery: ${rows} for ${expected} answers of 200; writers ${JSON.stringify(replicas.map((r) => r.app.decisionWriter.stats))}`,
      );
      expect(rows).toBe(expected);
    } finally {
      await handle.close();
    }
  }, 90_000);
});
