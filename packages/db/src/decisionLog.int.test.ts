import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from './database';
import { getDecision, insertDecisions } from './decisionLog';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { decisionRow } from './testing/rows';

// Text that an array literal must escape: quotes, backslashes, braces, commas, the word NULL, unicode.
const AWKWARD = 'He said "pay\\now", {NULL}, a,b \\" \u00e9\u{1F4A9}';

function awkwardRows() {
  return [
    decisionRow({
      action: 'block',
      score: 0.97,
      excerpt: AWKWARD,
      reasons: [{ code: 'SHORTENED_URL', message: AWKWARD, weight: 0.31 }],
      features: { note: AWKWARD, nested: { list: [1, 'NULL', null] } },
      degraded: ['signals', 'accounts'],
      accountModelVersion: 'account-test',
      shadowModelVersion: 'content-next',
      shadowScore: 0.5,
    }),
    decisionRow({ excerpt: null, features: null, degraded: [], accountModelVersion: null }),
    decisionRow({ excerpt: 'NULL', action: 'review', score: 0.6 }),
  ];
}

async function roundTrip(db: Db): Promise<void> {
  const rows = awkwardRows();
  expect(await insertDecisions(db, rows)).toBe(3);
  // A replay stores nothing twice.
  expect(await insertDecisions(db, [...rows, decisionRow()])).toBe(1);
  for (const row of rows) {
    const stored = await getDecision(db, row.messageId);
    expect(stored).toMatchObject({
      messageId: row.messageId,
      excerpt: row.excerpt,
      reasons: row.reasons,
      features: row.features,
      degraded: row.degraded,
      accountModelVersion: row.accountModelVersion ?? null,
      decidedAt: row.decidedAt,
    });
    expect(stored?.score).toBeCloseTo(row.score, 6);
  }
}

describe('insertDecisions (one array parameter per column, unnest)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase({ max: 2 });
  });
  afterAll(async () => {
    await testDb.close();
  });

  it('stores every column exactly, awkward text included, on Postgres', async () => {
    await roundTrip(testDb.db);
  });

  it('does the same on the embedded PGlite', async () => {
    const handle = await openDatabase();
    try {
      await roundTrip(handle.db);
    } finally {
      await handle.close();
    }
  });

  it('takes more rows than one statement holds', async () => {
    const rows = Array.from({ length: 12_000 }, () => decisionRow());
    expect(await insertDecisions(testDb.db, rows)).toBe(12_000);
  });
});
