/**
 * Rows/s and Postgres CPU per row of the decision insert, by statement shape and batch size, on a
 * fresh database of the shared Postgres (the CPU of its backends and WAL writer from /proc).
 * `tsx tests/bench/decisionInsert.ts [rows] [batch,...]`
 */
import { type DecisionRow, insertDecisions } from '@gavel/db';
import { createTestDatabase } from '@gavel/db/testing';
import { postgresCpu } from './cpu';

const ROWS = Number(process.argv[2] ?? 20_000);
const BATCHES = (process.argv[3] ?? '20,100,500').split(',').map(Number);

let seq = 0;
function row(): DecisionRow {
  seq++;
  const blocked = seq % 10 === 0;
  return {
    messageId: `DI${Date.now().toString(36)}${seq}`,
    accountId: `AC${seq % 5000}`,
    channel: 'sms',
    score: blocked ? 0.97 : 0.03,
    action: blocked ? 'block' : 'allow',
    reasons: blocked
      ? [{ code: 'SHORTENED_URL', message: 'Link through a URL shortener', weight: 0.31 }]
      : [],
    accountStatus: 'active',
    accountRisk: 0.1,
    modelVersion: 'content-2026.12.1',
    accountModelVersion: 'account-2026.12.1',
    policyVersion: 'default@1',
    bodyHash: 'a'.repeat(64),
    excerpt: blocked ? 'Your parcel is held: pay the fee at http://…' : null,
    features: { length: 80, urls: blocked ? 1 : 0 },
    degraded: [],
    decidedAt: new Date(),
  };
}

const database = await createTestDatabase({ max: 2 });
const pg = await postgresCpu(database.url);
try {
  await insertDecisions(database.db, Array.from({ length: 500 }, row)); // warm-up
  for (const batch of BATCHES) {
    const cpu0 = await pg.read();
    const t0 = performance.now();
    for (let i = 0; i < ROWS; i += batch)
      await insertDecisions(database.db, Array.from({ length: batch }, row));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (await pg.read()) - cpu0;
    console.log(
      `batch ${batch}: ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s, ${(cpu / ROWS).toFixed(1)} µs Postgres CPU per row`,
    );
  }
} finally {
  await pg.close();
  await database.close();
}
