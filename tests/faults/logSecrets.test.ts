import { hashApiKey, signAppealToken } from '@gavel/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEST_BODIES, message, pick, uniqueId } from '../integration/sampleMessages';
import {
  call,
  FAULT_SECRET,
  LogCapture,
  type OwnPostgres,
  type Replica,
  startOwnPostgres,
  startReplica,
} from './faultHarness';

// Item 6: before, every /api/appeal/<token> request wrote the token into the request log, and
// drizzle errors were logged with their parameters. This run logs at debug (everything) through the
// production logger options and greps the whole log for every secret it used.

const ADMIN = { email: 'faults-admin@gavel.test', password: 'correct horse battery staple' };

let pg: OwnPostgres;
let replica: Replica;
const logs = new LogCapture();

beforeAll(async () => {
  pg = await startOwnPostgres();
  const databaseUrl = await pg.createDatabase('gavel_logs');
  replica = await startReplica({
    databaseUrl,
    logs,
    level: 'debug',
    env: { BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password },
  });
}, 120_000);

afterAll(async () => {
  await replica?.close().catch(() => {});
  await pg?.destroy();
});

describe('the log of a full run holds no secret', () => {
  it('appeal links, passwords, API keys and their hashes, session cookies and CSRF tokens never appear', async () => {
    const key = (await replica.app.apiKeys.create('logs', ['score', 'admin'])).key;
    const scored = await call(`${replica.url}/v1/score`, {
      body: message(uniqueId('AC'), pick(HONEST_BODIES, 0)),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(scored.status).toBe(200);

    const token = signAppealToken(
      { suspensionId: 'su_logs', accountId: 'AC_logs', expiresAt: new Date(Date.now() + 86_400_000) },
      FAULT_SECRET,
    );
    for (const path of [`/api/appeal/${token}`, `/api/appeal/${token}/answers`]) {
      const res = await call(
        `${replica.url}${path}`,
        path.endsWith('answers') ? { body: { answer: 'x' } } : {},
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
    }

    const wrong = await call(`${replica.url}/api/session`, {
      body: { ...ADMIN, password: 'a wrong password here' },
    });
    expect(wrong.status).toBe(401);
    const login = await call(`${replica.url}/api/session`, { body: ADMIN });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = String(login.body?.csrfToken);
    const reviewer = {
      email: `dup-${Date.now()}@gavel.test`,
      name: 'Dup',
      password: 'a long reviewer password',
      role: 'reviewer',
    };
    for (let i = 0; i < 2; i++) {
      await call(`${replica.url}/api/admin/reviewers`, {
        body: reviewer,
        headers: { cookie, 'x-csrf-token': csrf },
      });
    }
    // A failed query on purpose: Postgres gone, every statement fails and is logged.
    await pg.stop();
    await call(`${replica.url}/api/session`, { body: ADMIN });
    await call(`${replica.url}/api/cases`, { headers: { cookie } });
    await pg.start();

    const text = logs.text;
    expect(logs.lines.length).toBeGreaterThan(5);
    const secrets = {
      token,
      tokenPayload: token.split('.')[0],
      apiKey: key,
      apiKeyHash: hashApiKey(key),
      adminPassword: ADMIN.password,
      reviewerPassword: reviewer.password,
      wrongPassword: 'a wrong password here',
      session: cookie.split('=')[1] ?? 'no-session',
      csrf,
      scrypt: 'scrypt$',
    };
    const found = Object.entries(secrets)
      .filter(([, secret]) => text.includes(secret))
      .map(([name]) => name);
    console.log(
      `[faults] log of a full run: ${logs.lines.length} lines, secrets found: ${JSON.stringify(found)}`,
    );
    expect(found).toEqual([]);
  });
});
