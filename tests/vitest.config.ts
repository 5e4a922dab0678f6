import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One test runner for the whole repo. Four projects:
// - unit: pure tests next to the code (no services);
// - integration: real PostgreSQL and Redis on 127.0.0.1 (started by .ci/run), and private Redis
//   Clusters started by the tests themselves (packages/signals/src/testing/redisCluster.ts);
// - faults: the fault suite on its own PostgreSQL and Redis (tests/faults);
// - e2e: the built web app in Debian Chromium.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'packages/*/src/**/*.int.test.ts',
            'apps/*/src/**/*.int.test.ts',
            'tests/integration/**/*.test.ts',
            // Each file starts its own private 3-master Redis Cluster (~2.5 s).
            'tests/cluster/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Private PostgreSQL and Redis per file (started, stopped, paused and killed by the tests).
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
