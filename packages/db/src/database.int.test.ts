import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { ensureAccount, getAccount } from './accounts';
import { MIGRATIONS_FOLDER, openDatabase } from './database';
import { executeRows } from './rawRows';
import { createTestDatabase } from './testDatabase';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function journalLength(): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

describe('openDatabase', () => {
  it('PGlite keeps its data on disk, migrates once, and ping answers false after close', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gavel-pglite-'));
    try {
      const first = await openDatabase({ dataDir });
      expect(first.kind).toBe('pglite');
      await ensureAccount(first.db, 'AC-disk');
      await first.close();

      const second = await openDatabase({ dataDir });
      expect((await getAccount(second.db, 'AC-disk'))?.id).toBe('AC-disk');
      const [applied] = await executeRows<{ n: number }>(
        second.db,
        sql`select count(*)::int as n from public.__gavel_migrations`,
      );
      expect(Number(applied.n)).toBe(await journalLength());
      expect(await second.ping()).toBe(true);
      await second.close();
      // /readyz relies on ping answering false, not throwing, when the database is gone.
      expect(await second.ping()).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('several processes booting at once against one Postgres database migrate it exactly once', async () => {
    const test = await createTestDatabase({ max: 2 });
    try {
      // The test database is migrated already; a fresh one shows the race on an empty schema.
      const name = `${test.name}_race`;
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      try {
        const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ url: url.toString(), max: 2 })));
        expect(handles.every((h) => h.kind === 'postgres')).toBe(true);
        const [applied] = await executeRows<{ n: number }>(
          handles[0].db,
          sql`select count(*)::int as n from public.__gavel_migrations`,
        );
        expect(Number(applied.n)).toBe(await journalLength());
        expect(await handles[1].ping()).toBe(true);
        await Promise.all(handles.map((h) => h.close()));
      } finally {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end({ timeout: 1 });
      }
    } finally {
      await test.close();
    }
  });
});
