// Column helpers shared by the schema files (tables.ts, reviewTables.ts).
import { type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, timestamp } from 'drizzle-orm/pg-core';

export /** `column IN ('a', 'b')` from one of the closed value lists. */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
