import type { ScoreResponse } from '@gavel/contracts';
import { countDecisions } from '@gavel/db';
import type { AccountSignals } from '@gavel/signals';
import { expect } from 'vitest';
import {
  createTestDatabase,
  deleteRedisPrefix,
  randomSuffix,
  scoreOk,
  startGavel,
  type TestDatabase,
  type TestGavel,
  waitFor,
} from './gavelHarness';
import { ABUSIVE_BODIES, HONEST_BODIES, message, pick, uniqueId } from './sampleMessages';

const COUNTS: (keyof AccountSignals)[] = [
  'count1m',
  'count1h',
  'count24h',
  'uniqueRecipients1h',
  'uniqueRecipients24h',
  'destCountries24h',
  'destPrefixes24h',
  'topPrefixShare1h',
  'repeatedContent1h',
  'linkDomains24h',
  'suspiciousCount1h',
  'abusiveCount24h',
];

/**
 * Two instances sharing one Redis (`redisUrl`: a server or a Cluster) and one database count what
 * one instance counts, and answer repeats across instances with the first answer. Used by
 * tests/integration/replicas.test.ts (the shared Redis) and tests/cluster/replicas.test.ts.
 */
export async function twoReplicasCountAsOne(redisUrl: string, cleanups: (() => Promise<unknown>)[]) {
  async function setup(replicas: number): Promise<{ database: TestDatabase; instances: TestGavel[] }> {
    const database = await createTestDatabase();
    const prefix = `gvtest:${randomSuffix()}:`;
    cleanups.push(async () => {
      await database.close();
      await deleteRedisPrefix(prefix, redisUrl);
    });
    const instances: TestGavel[] = [];
    for (let i = 0; i < replicas; i++) {
      const gavel = await startGavel({ database, redisUrl, redisPrefix: prefix });
      cleanups.push(() => gavel.close());
      instances.push(gavel);
    }
    return { database, instances };
  }

  const [pair, single] = await Promise.all([setup(2), setup(1)]);
  const accounts = Array.from({ length: 4 }, () => uniqueId('AC'));
  const start = Date.now() - 10 * 60_000;
  const traffic = Array.from({ length: 60 }, (_, i) =>
    message(pick(accounts, i), i % 3 === 0 ? pick(ABUSIVE_BODIES, i) : pick(HONEST_BODIES, i), {
      to: `+4477009${String(i % 7).padStart(5, '0')}`,
      sentAt: new Date(start + i * 1000).toISOString(),
    }),
  );

  const pairAnswers: ScoreResponse[] = [];
  const singleAnswers: ScoreResponse[] = [];
  for (let i = 0; i < traffic.length; i++) {
    pairAnswers.push(await scoreOk(pair.instances[i % 2], traffic[i]));
    singleAnswers.push(await scoreOk(single.instances[0], traffic[i]));
  }
  // Repeats to the other instance of the pair: the first answer, stored in Redis.
  for (let i = 0; i < traffic.length; i++) {
    expect(await scoreOk(pair.instances[(i + 1) % 2], traffic[i])).toEqual(pairAnswers[i]);
  }

  expect(pairAnswers.map((a) => [a.action, a.account.status])).toEqual(
    singleAnswers.map((a) => [a.action, a.account.status]),
  );
  for (const accountId of accounts) {
    const a = await pair.instances[0].app.signals.getSignals(accountId);
    const b = await single.instances[0].app.signals.getSignals(accountId);
    for (const field of COUNTS) expect(a[field], `${accountId} ${field}`).toBe(b[field]);
  }
  await waitFor(async () => (await countDecisions(pair.database.db)) === traffic.length, {
    what: 'pair decisions',
  });
  await waitFor(async () => (await countDecisions(single.database.db)) === traffic.length, {
    what: 'single decisions',
  });
}
