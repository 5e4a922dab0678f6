import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flagAccount } from '@gavel/db';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';

// Item 8 of issue 7: one reviewer could claim every open case. Now MAX_CLAIMS_PER_REVIEWER caps the
// live claims one reviewer holds, counted inside the claim's transaction (the reviewer's row locked).

const ADMIN = { email: 'claims-admin@gavel.test', password: 'claims-admin-password' };
const CAP = 3;

let database: TestDatabase;
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase({ max: 10 });
  dataDir = mkdtempSync(join(tmpdir(), 'gavel-claims-'));
  app = await buildApp(
    loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      ROLES: 'review',
      SECRET: randomBytes(32).toString('base64url'),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      MAX_CLAIMS_PER_REVIEWER: String(CAP),
      LOG_LEVEL: 'silent',
    }),
  );
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(email: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'gavel_session');
  return { cookie: `gavel_session=${cookie?.value}`, csrf: res.json().csrfToken };
}

async function newReviewer(admin: Session): Promise<Session> {
  const email = `claims-${randomBytes(4).toString('hex')}@gavel.test`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/reviewers',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { email, name: 'Claimer', password: 'a-long-enough-password', role: 'reviewer' },
  });
  expect(res.statusCode).toBe(201);
  return signIn(email, 'a-long-enough-password');
}

const post = (s: Session, url: string) =>
  app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

describe('claims per reviewer', () => {
  it('ten concurrent claim-next calls by one reviewer win at most the cap; the rest get 409 CLAIM_LIMIT_REACHED', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { case: c } = await flagAccount(database.db, {
        accountId: `AC-cap-${randomBytes(4).toString('hex')}`,
        risk: 0.5,
        reasons: [],
      });
      if (c) ids.push(c.id);
    }
    const admin = await signIn(ADMIN.email, ADMIN.password);
    const [greedy, other] = [await newReviewer(admin), await newReviewer(admin)];

    const burst = await Promise.all(Array.from({ length: 10 }, () => post(greedy, '/api/cases/claim-next')));
    const won = burst.filter((r) => r.statusCode === 200 && r.json().case);
    const refused = burst.filter((r) => r.statusCode === 409);
    expect(won).toHaveLength(CAP);
    expect(refused).toHaveLength(10 - CAP);
    expect(refused[0].json()).toMatchObject({ code: 'CLAIM_LIMIT_REACHED', status: 409 });

    // An explicit claim counts too; re-claiming a case one holds does not add one.
    const held = won.map((r) => r.json().case.id as string);
    const free = ids.find((id) => !held.includes(id)) as string;
    expect((await post(greedy, `/api/cases/${free}/claim`)).json()).toMatchObject({
      code: 'CLAIM_LIMIT_REACHED',
    });
    expect((await post(greedy, `/api/cases/${held[0]}/claim`)).statusCode).toBe(200);

    // Another reviewer still finds work; releasing one gives the greedy reviewer room for one more.
    const taken = (await post(other, '/api/cases/claim-next')).json().case;
    expect(taken).toBeTruthy();
    const stillFree = ids.find((id) => !held.includes(id) && id !== taken.id) as string;
    expect((await post(greedy, `/api/cases/${held[0]}/release`)).statusCode).toBe(200);
    expect((await post(greedy, `/api/cases/${stillFree}/claim`)).statusCode).toBe(200);
  });
});
