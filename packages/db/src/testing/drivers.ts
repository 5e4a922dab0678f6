// The two drivers every core query test runs on: one suite, two databases.

import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../database';
import { openDatabase } from '../database';
import { createTestDatabase } from '../testDatabase';

export interface TestDriver {
  name: 'postgres' | 'pglite';
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

export const testDrivers: TestDriver[] = [
  { name: 'postgres', open: () => createTestDatabase() },
  {
    name: 'pglite',
    open: async () => {
      const handle = await openDatabase({});
      return { db: handle.db, close: handle.close };
    },
  },
];

/**
 * Opens the driver's database before the enclosing suite and closes it after it: `use` receives the
 * `db` (`let db: Db; openForSuite(driver, (opened) => { db = opened; });`).
 */
export function openForSuite(driver: TestDriver, use: (db: Db) => void): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await driver.open();
    close = opened.close;
    use(opened.db);
  });
  afterAll(async () => {
    await close?.();
  });
}
