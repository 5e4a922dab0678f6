import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDecisions } from './decisionLog';
import { DecisionWriter, type DecisionWriterEvent } from './decisionWriter';
import { executeRows } from './rawRows';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { decisionRow } from './testing/rows';

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('DecisionWriter on real Postgres', () => {
  let testDb: TestDatabase;
  let admin: postgres.Sql;
  let spillDir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase({ max: 3 });
    admin = postgres(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', {
      max: 1,
      onnotice: () => {},
    });
    spillDir = await mkdtemp(join(tmpdir(), 'gavel-writer-int-'));
  });

  afterAll(async () => {
    // Whatever happened, let the database accept connections again so it can be dropped.
    await admin.unsafe(`alter database "${testDb.name}" allow_connections true`).catch(() => {});
    await testDb.close();
    await admin.end({ timeout: 1 });
    await rm(spillDir, { recursive: true, force: true });
  });

  it('loses no decision and stores none twice when its database goes away mid-run', async () => {
    const events: DecisionWriterEvent[] = [];
    const writer = new DecisionWriter({
      db: testDb.db,
      maxBatch: 100,
      maxBufferedRows: 300,
      spillDir,
      retryInitialMs: 20,
      retryMaxMs: 200,
      onError: (e) => events.push(e),
    });
    const rows = Array.from({ length: 2_000 }, (_, i) =>
      decisionRow({ messageId: `SM-outage-${i}`, accountId: `AC-${i % 7}` }),
    );

    for (const row of rows.slice(0, 250)) writer.write(row);
    await writer.flush();
    for (const row of rows.slice(250, 500)) writer.write(row);
    await writer.flush();
    expect(events).toEqual([]);
    expect(await countDecisions(testDb.db)).toBe(500);

    // Outage: this database refuses new connections and its open ones are killed. Only this test's
    // database: the shared server keeps running for everyone else.
    await admin.unsafe(`alter database "${testDb.name}" allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${testDb.name} and pid <> pg_backend_pid()`;

    for (const row of rows.slice(500, 550)) writer.write(row);
    await waitFor(() => writer.degraded);
    // The driver reports the outage either as a Postgres error (57P01 admin shutdown, 55000, 08xxx) or,
    // when the socket dies first, as a connection error without a SQLSTATE: both count.
    const failure = events.find((e) => e.kind === 'insert_failed')?.error;
    expect(failure?.message).toEqual(expect.any(String));
    if (failure?.code) expect(failure.code).toMatch(/^(57P01|55000|08\w\w|CONNECTION_\w+|ECONN\w+)$/);
    for (const row of rows.slice(550, 1_500)) writer.write(row);
    await waitFor(() => events.some((e) => e.kind === 'spilled'));
    expect(writer.backlog).toBe(1_000);
    expect((await readdir(spillDir)).length).toBeGreaterThan(0);

    // Recovery, while new rows (and a replay of already stored ones) keep arriving.
    await admin.unsafe(`alter database "${testDb.name}" allow_connections true`);
    for (const row of rows.slice(1_500)) writer.write(row);
    for (const row of rows.slice(0, 100)) writer.write(row);

    const { remaining } = await writer.close({ timeoutMs: 30_000 });
    expect(remaining).toBe(0);
    expect(await countDecisions(testDb.db)).toBe(2_000);
    const [distinct] = await executeRows<{ n: number }>(
      testDb.db,
      sql`select count(distinct message_id)::int as n from decisions where message_id like 'SM-outage-%'`,
    );
    expect(Number(distinct.n)).toBe(2_000);
    expect(writer.stats.inserted).toBe(2_000);
    expect(writer.stats.duplicates).toBeGreaterThanOrEqual(100);
    expect(await readdir(spillDir)).toEqual([]);
    expect(events.some((e) => e.kind === 'recovered')).toBe(true);
  });
});
