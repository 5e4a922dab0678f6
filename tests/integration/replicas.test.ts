import { afterAll, describe, it } from 'vitest';
import { REDIS_URL } from './gavelHarness';
import { twoReplicasCountAsOne } from './replicaCounting';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('two instances sharing one Redis', () => {
  it('count what one instance counts, and answer repeats across instances with the first answer', async () => {
    await twoReplicasCountAsOne(REDIS_URL, cleanups);
  });
});
