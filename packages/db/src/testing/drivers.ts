// The two drivers every core query test runs on: one suite, two databases.
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
