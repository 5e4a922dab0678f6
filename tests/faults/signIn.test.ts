import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/gavelHarness';
import {
  type Answer,
  call,
  type OwnPostgres,
  type Replica,
  startOwnPostgres,
  startReplica,
} from './faultHarness';

// Item 7. Before: a known email answered 401 x4 then 429, an unknown one 401 forever; ten
// concurrent attempts with one correct password let the correct one in (the lock was read before the
// password check and the failures were counted after it). Now attempts are counted per email (known
// or not) and per address in one Postgres upsert before the password is checked, on two replicas.

const ADMIN = { email: 'signin-admin@gavel.test', password: 'correct horse battery staple' };
const RIGHT = 'the-right-password-42';
const MAX = 5;

let pg: OwnPostgres;
const replicas: Replica[] = [];
let adminSession: { cookie: string; csrf: string };
let sql: postgres.Sql;

beforeAll(async () => {
  pg = await startOwnPostgres();
  const databaseUrl = await pg.createDatabase('gavel_signin');
  const env = {
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOGIN_MAX_ATTEMPTS: String(MAX),
    // Every request here comes from 127.0.0.1; the per-address limit has its own integration test.
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000',
    LOGIN_LOCK_MINUTES: '1',
    ROLES: 'review',
  };
  sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  for (let i = 0; i < 2; i++) replicas.push(await startReplica({ databaseUrl, level: 'silent', env }));
  const login = await signIn(replicas[0], ADMIN.email, ADMIN.password);
  expect(login.status).toBe(200);
  adminSession = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0],
    csrf: String(login.body?.csrfToken),
  };
}, 120_000);

afterAll(async () => {
  for (const r of replicas) await r.close().catch(() => {});
  await sql?.end({ timeout: 1 });
  await pg?.destroy();
});

const signIn = (r: Replica, email: string, password: string): Promise<Answer> =>
  call(`${r.url}/api/session`, { body: { email, password }, timeoutMs: 10_000 });

let n = 0;
async function newReviewer(): Promise<{ id: string; email: string }> {
  const email = `signin-${++n}-${Date.now()}@gavel.test`;
  const res = await call(`${replicas[0].url}/api/admin/reviewers`, {
    body: { email, name: `Reviewer ${n}`, password: RIGHT, role: 'reviewer' },
    headers: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf },
  });
  expect(res.status).toBe(201);
  return { id: String(res.body?.id), email };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const countOf = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length;

describe('sign-in under guessing', () => {
  it('answers a known and an unknown email alike: same statuses, bodies, Retry-After, and time', async () => {
    const known = (await newReviewer()).email;
    const unknown = `nobody-${Date.now()}@gavel.test`;
    const seen: Record<'known' | 'unknown', Answer[]> = { known: [], unknown: [] };
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < MAX + 3; i++) {
      for (const [who, email] of [
        ['known', known],
        ['unknown', unknown],
      ] as const) {
        seen[who].push(await signIn(replicas[i % 2], email, `wrong-password-${i}`));
      }
    }
    const statuses = (a: Answer[]) => a.map((x) => x.status);
    expect(statuses(seen.known)).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    expect(statuses(seen.unknown)).toEqual(statuses(seen.known));
    expect(seen.unknown.map((x) => x.body)).toEqual(seen.known.map((x) => x.body));
    expect(seen.known[4].body).toMatchObject({ code: 'LOGIN_LOCKED', status: 429 });
    for (const a of [...seen.known, ...seen.unknown]) {
      if (a.status !== 429) continue;
      const retryAfter = Number(a.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // The checked attempts pay one scrypt each (the unknown email against a dummy hash); locked ones none.
    const checked = (a: Answer[]) => median(a.slice(0, MAX).map((x) => x.ms));
    const locked = (a: Answer[]) => median(a.slice(MAX).map((x) => x.ms));
    console.log(
      `[faults] sign-in median ms, checked: known ${checked(seen.known).toFixed(1)}, unknown ${checked(seen.unknown).toFixed(1)}; ` +
        `locked: known ${locked(seen.known).toFixed(1)}, unknown ${locked(seen.unknown).toFixed(1)}`,
    );
    const bound = (a: number, b: number) => Math.max(25, 0.5 * Math.max(a, b));
    expect(Math.abs(checked(seen.known) - checked(seen.unknown))).toBeLessThan(
      bound(checked(seen.known), checked(seen.unknown)),
    );
    expect(Math.abs(locked(seen.known) - locked(seen.unknown))).toBeLessThan(
      bound(locked(seen.known), locked(seen.unknown)),
    );
  });

  it('refuses the correct password sent while nine wrong ones are in flight on both replicas', async () => {
    const { email } = await newReviewer();
    const key = replicas[0].app.reviewerSessions.throttle.emailKey(email);
    const wrong = Array.from({ length: 9 }, (_, i) => signIn(replicas[i % 2], email, `wrong-${i}`));
    // The nine are counted (one upsert each) long before their scrypt checks finish.
    await waitFor(
      async () => {
        const [row] = await sql<
          { attempts: number }[]
        >`select attempts from login_attempts where key = ${key}`;
        return (row?.attempts ?? 0) >= 9;
      },
      { what: 'the nine wrong attempts to be counted', timeoutMs: 5_000, intervalMs: 2 },
    );
    const right = await signIn(replicas[1], email, RIGHT);
    const answers = await Promise.all(wrong);
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ code: 'LOGIN_LOCKED' });
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Five were checked (four 401, the fifth locks: 429), four refused unchecked.
    expect(countOf(answers, 401)).toBe(MAX - 1);
    expect(countOf(answers, 429)).toBe(9 - (MAX - 1));
  });

  it('checks at most five of ten concurrent attempts, whichever order they land in', async () => {
    const { email } = await newReviewer();
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(replicas[i % 2], email, i === 9 ? RIGHT : `wrong-${i}`)),
    );
    const statuses = burst.map((a) => a.status);
    console.log(`[faults] ten concurrent sign-ins (the last one right): ${JSON.stringify(statuses)}`);
    expect(statuses.every((s) => s === 200 || s === 401 || s === 429)).toBe(true);
    expect(countOf(burst, 401) + countOf(burst, 200)).toBeLessThanOrEqual(MAX);
    expect(countOf(burst, 429)).toBeGreaterThanOrEqual(10 - MAX);
  });

  it('an admin unlocks a locked-out reviewer; the lock says nothing to anyone else', async () => {
    const { id, email } = await newReviewer();
    for (let i = 0; i < MAX; i++) await signIn(replicas[0], email, `wrong-${i}`);
    expect((await signIn(replicas[1], email, RIGHT)).status).toBe(429);
    const unlock = await call(`${replicas[1].url}/api/admin/reviewers/${id}/unlock`, {
      method: 'POST',
      headers: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrf },
    });
    expect(unlock.status).toBe(204);
    expect((await signIn(replicas[0], email, RIGHT)).status).toBe(200);
    const stranger = await call(`${replicas[0].url}/api/admin/reviewers/${id}/unlock`, { method: 'POST' });
    expect(stranger.status).toBe(401);
  });
});
