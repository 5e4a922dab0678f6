const ESCAPED = /["\\]/g;

/** An element of a Postgres array literal: quoted, `"` and `\` escaped; null as NULL. */
export function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'string' ? value : String(value);
  return `"${text.replace(ESCAPED, (c) => `\\${c}`)}"`;
}

/**
 * A text[] literal (`{"a","b"}`), sent as ONE text parameter and cast in SQL: the statement text is the
 * same whatever the number of values, so it can be a prepared statement, and it reads the same on
 * postgres.js and PGlite.
 */
export function textArrayLiteral(values: readonly unknown[]): string {
  return `{${values.map(arrayElement).join(',')}}`;
}
