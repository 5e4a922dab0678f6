import { createTestDatabase, loginAttempts, type TestDatabase } from '@gavel/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from './loginThrottle';

// The sign-in lockout's counting, on real PostgreSQL: concurrency, windows, refunds and unlocks.
// tests/faults/signIn.test.ts drives the same through two replicas over HTTP.

let database: TestDatabase;
let throttle: LoginThrottle;
const WINDOW_MS = 15 * 60_000;

beforeAll(async () => {
  database = await createTestDatabase({ max: 10 });
  throttle = new LoginThrottle(database.db, 'login-throttle-test-secret-0123456789abcdef', {
    maxAttempts: 5,
    maxAttemptsPerAddress: 8,
    windowMs: WINDOW_MS,
  });
});

afterAll(async () => {
  await database?.close();
});

let n = 0;
const email = () => `someone-${++n}-${Date.now()}@gavel.test`;
const address = () => `10.0.${n % 250}.${++n % 250}`;

describe('LoginThrottle', () => {
  it('gives ten concurrent attempts ten distinct counts: five pass to the password check, five are locked', async () => {
    const who = email();
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => throttle.attempt(who, `10.1.0.${i}`)),
    );
    expect(verdicts.filter((v) => !v.locked)).toHaveLength(5);
    expect(verdicts.filter((v) => v.lastAttempt && !v.locked)).toHaveLength(1);
    expect(verdicts.filter((v) => v.locked)).toHaveLength(5);
  });

  it('keeps neither the email nor the address in the table', async () => {
    const who = email();
    await throttle.attempt(who, '192.0.2.77');
    const rows = await database.db.select().from(loginAttempts);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(who);
    expect(text).not.toContain('192.0.2.77');
    expect(rows.map((r) => r.key)).toContain(throttle.emailKey(who));
  });

  it('ends the lock with its window, and says when in Retry-After', async () => {
    const who = email();
    const from = address();
    const t0 = new Date('2026-12-01T10:00:00Z');
    for (let i = 0; i < 5; i++) await throttle.attempt(who, from, new Date(t0.getTime() + i * 1000));
    const locked = await throttle.attempt(who, from, new Date(t0.getTime() + 60_000));
    expect(locked.locked).toBe(true);
    expect(locked.retryAfterSeconds).toBe((WINDOW_MS - 60_000) / 1000);
    const later = await throttle.attempt(who, from, new Date(t0.getTime() + WINDOW_MS + 1));
    expect(later).toMatchObject({ locked: false, lastAttempt: false });
  });

  it('counts failures per address over every email, and refunds a successful attempt', async () => {
    const from = address();
    for (let i = 0; i < 7; i++) expect((await throttle.attempt(email(), from)).locked).toBe(false);
    // A right password gives the address its attempt back: a shared office address is not locked by sign-ins.
    const right = await throttle.attempt(email(), from);
    expect(right.locked).toBe(false);
    await throttle.succeeded(right);
    expect((await throttle.attempt(email(), from)).locked).toBe(false);
    const over = await throttle.attempt(email(), from);
    expect(over.locked).toBe(true);
  });

  it('lets an admin unlock an email before its window ends', async () => {
    const who = email();
    for (let i = 0; i < 6; i++) await throttle.attempt(who, address());
    expect((await throttle.attempt(who, address())).locked).toBe(true);
    await throttle.unlock(who.toUpperCase());
    expect((await throttle.attempt(who, address())).locked).toBe(false);
  });
});
