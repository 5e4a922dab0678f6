import { setAccountLists } from '@gavel/db';
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccountDirectory } from './accountDirectory';

// The scoring path's account-standing cache on real PostgreSQL, with a clock the test moves.

let database: TestDatabase;
let clock = 1_000_000;
const TTL = 30_000;
let n = 0;
const account = () => `ACdir${++n}-${Date.now().toString(36)}`;
/** Lets the turn's query (scheduled with setImmediate) run and answer. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

beforeAll(async () => {
  database = await createTestDatabase({ max: 4 });
});

afterAll(async () => {
  await database?.close();
});

function directory(): AccountDirectory {
  return new AccountDirectory(database.db, TTL, () => clock);
}

describe('AccountDirectory', () => {
  it('refreshes an entry past half its life in the background: the request never waits, the change shows', async () => {
    const dir = directory();
    const id = account();
    await dir.get(id);
    await settle();
    expect(dir.peek(id)).toMatchObject({ blocklisted: false });
    await setAccountLists(database.db, id, { blocklisted: true });

    clock += TTL / 2 - 1; // first half: served from memory, no reload
    expect(dir.peek(id)).toMatchObject({ blocklisted: false });
    await settle();
    expect(dir.peek(id)).toMatchObject({ blocklisted: false });

    clock += 2; // second half: still served at once, reloaded behind it
    expect(dir.peek(id)).toMatchObject({ blocklisted: false });
    await vi.waitFor(() => expect(dir.peek(id)?.blocklisted).toBe(true), { timeout: 2_000, interval: 5 });
    // The reload restarted the entry's life: a full TTL later it is still cached.
    clock += TTL / 2 - 1;
    expect(dir.peek(id)).not.toBeNull();
  });

  it('does not let a reload that read the row before a change overwrite the change', async () => {
    const dir = directory();
    const id = account();
    await dir.get(id);
    await settle();
    clock += TTL / 2 + 1;
    dir.peek(id); // schedules the reload (the row says active); the frozen clock puts both at one time
    dir.setStatus(id, 'suspended'); // recorded here while that reload is queued
    await settle();
    await dir.getMany([id]);
    expect(dir.peek(id)?.status).toBe('suspended');
  });

  it('does not bring back an invalidated entry from a query that was already running', async () => {
    const dir = directory();
    const id = account();
    await dir.get(id);
    await settle();
    clock += TTL / 2 + 1;
    dir.peek(id); // reload queued
    dir.invalidate(id);
    await settle();
    expect(dir.peek(id)).toBeNull();
    await setAccountLists(database.db, id, { allowlisted: true });
    expect(await dir.get(id)).toMatchObject({ allowlisted: true });
  });

  it('waits for Postgres once an entry is past its life (no stale standing served)', async () => {
    const dir = directory();
    const id = account();
    await dir.get(id);
    await setAccountLists(database.db, id, { blocklisted: true });
    clock += TTL + 1;
    expect(dir.peek(id)).toBeNull();
    expect(await dir.get(id)).toMatchObject({ blocklisted: true });
  });
});
