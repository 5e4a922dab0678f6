/** Domain errors from this package: a stable `code` and an HTTP `status`, mapped to problem+json at the edge. */
export class DbDomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Allowlisted accounts are flagged, never suspended automatically (DESIGN.md); a SQL trigger agrees. */
export class AllowlistedAccountError extends DbDomainError {
  constructor() {
    super('ACCOUNT_ALLOWLISTED', 409, 'allowlisted accounts are not suspended automatically');
  }
}

/** A reviewer already holds `max` live claims (MAX_CLAIMS_PER_REVIEWER); checked in the claim's transaction. */
export class ClaimLimitError extends DbDomainError {
  constructor(readonly max: number) {
    super('CLAIM_LIMIT_REACHED', 409, `a reviewer may hold at most ${max} cases at once`);
  }
}

interface ErrorWithCode {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The Postgres SQLSTATE of an error thrown by either driver (drizzle wraps it in `cause`), if any. */
export function pgErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as ErrorWithCode).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as ErrorWithCode).cause;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return pgErrorCode(err) === '23505';
}

/**
 * Integrity and data errors (SQLSTATE classes 22 and 23, and our trigger's GV codes) are permanent:
 * retrying the same rows fails again. Anything else (connection refused, terminated backend,
 * timeouts) is worth retrying.
 */
export function isPermanentDataError(err: unknown): boolean {
  const code = pgErrorCode(err);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23') || code.startsWith('GV'));
}

/**
 * A description safe to log: SQLSTATE and the driver's message, never the query parameters
 * (drizzle's own error message embeds them, and they carry customer data).
 */
export function describeDbError(err: unknown): { code?: string; message: string } {
  const code = pgErrorCode(err);
  let current: unknown = err;
  // Prefer the innermost driver error: its message names the constraint, not the row.
  while (current && typeof current === 'object' && (current as ErrorWithCode).cause) {
    current = (current as ErrorWithCode).cause;
  }
  const raw = current && typeof current === 'object' ? (current as ErrorWithCode).message : current;
  let message = typeof raw === 'string' ? raw : 'database error';
  if (message.startsWith('Failed query')) message = 'database query failed';
  return code ? { code, message: message.slice(0, 300) } : { message: message.slice(0, 300) };
}
