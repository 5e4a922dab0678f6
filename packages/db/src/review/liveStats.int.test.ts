import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { executeRows } from '../rawRows';
import { createTestDatabase, type TestDatabase } from '../testDatabase';

// The windows liveStats reads (`GET /api/stats`), predicate for predicate. Without an index on the
// window's column Postgres can only scan the whole table, which grows with every flag and case.
const WINDOWED_SCANS: [string, SQL][] = [
  [
    'account_status_changes_at_idx',
    sql`select at, to_status from account_status_changes
      where at >= now() - interval '2 hours' and to_status in ('flagged', 'suspended')`,
  ],
  ['cases_created_idx', sql`select created_at from cases where created_at >= now() - interval '2 hours'`],
  ['cases_decided_idx', sql`select decided_at from cases where decided_at >= now() - interval '2 hours'`],
];

describe('liveStats time indexes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reads each dashboard window through its time index, not a scan of the whole table', async () => {
    await database.db.transaction(async (tx) => {
      // On empty tables the planner would pick a sequential scan anyway; ruling it out asks only
      // whether an index can serve the window.
      await tx.execute(sql`set local enable_seqscan = off`);
      for (const [index, query] of WINDOWED_SCANS) {
        const rows = await executeRows<{ 'QUERY PLAN': string }>(tx as unknown as Db, sql`explain ${query}`);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, plan).toContain(index);
        expect(plan).not.toMatch(/Seq Scan/);
      }
    });
  });
});
