import Type from 'typebox';

/**
 * Identifiers (message, account, case, key ids) are visible characters only: letters, marks,
 * digits, punctuation and symbols, nothing else. That excludes control characters (NUL among them,
 * which PostgreSQL cannot store), whitespace, format characters and lone surrogates (the `u`-flag
 * match treats an unpaired surrogate as category Cs, which is not listed), so an id is well-formed
 * UTF-16 and two distinct ids never become one on the way to Redis or Postgres.
 */
export const IDENTIFIER_PATTERN = '^[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}]+$';

const IDENTIFIER_RULE = 'visible characters only (no spaces, control characters or lone surrogates)';

/** The one identifier schema: bounded (128 by default), printable, well-formed. */
export const Identifier = (description?: string, maxLength = 128) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: IDENTIFIER_PATTERN,
    description: description ? `${description}; ${IDENTIFIER_RULE}` : IDENTIFIER_RULE,
  });

const identifierRegExp = new RegExp(IDENTIFIER_PATTERN, 'u');

/** The same rule as a function, for ids that arrive outside a schema (e.g. a path wildcard). */
export function isIdentifier(value: unknown, maxLength = 128): value is string {
  return typeof value === 'string' && value.length <= maxLength && identifierRegExp.test(value);
}
