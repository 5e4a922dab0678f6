// The harness of the cross-package tests. The app itself starts as in apps/server's own integration
// tests (`@gavel/server/testing`); what only these tests need is here.
import { createTestDatabase, type TestDatabase } from '@gavel/db/testing';
import { deleteRedisPrefix, TEST_REDIS_URL } from '@gavel/signals/testing';

export {
  type OwnGavel,
  type ReceivedWebhook,
  randomSuffix,
  type StartOptions,
  scoreOk,
  startGavel,
  startGavelOnOwnDatabase,
  startWebhookReceiver,
  type TestGavel,
} from '@gavel/server/testing';
export { createTestDatabase, deleteRedisPrefix, type TestDatabase };

export const REDIS_URL = TEST_REDIS_URL;

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 50));
  }
}
