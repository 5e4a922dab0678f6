import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @gavel/db generate` diffs src/schema/tables.ts and reviewTables.ts against migrations/meta and writes
// the next migration. `decisions` lives in hand-written (custom) migrations: see README.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema/tables.ts', './src/schema/reviewTables.ts'],
  out: './migrations',
  migrations: { table: '__gavel_migrations', schema: 'public' },
  strict: true,
});
