import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Db, openDatabase } from './database';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  /** URL of the fresh database (hand it to a server under test, or to a second pool). */
  url: string;
  name: string;
  close(): Promise<void>;
}

/**
 * A fresh, uniquely named, migrated Postgres database for one test file; `close()` drops it.
 * The admin URL is `TEST_DATABASE_URL` or the local trust-auth server.
 */
export async function createTestDatabase(opts: { max?: number } = {}): Promise<TestDatabase> {
  // Test setup is allowed to read the environment (brief: test helpers and config only).
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const name = `gavel_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: opts.max ?? 5 });
  let closed = false;
  return {
    db: handle.db,
    url: url.toString(),
    name,
    close: async () => {
      if (closed) return;
      closed = true;
      await handle.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 1 });
      }
    },
  };
}
