import {
  isProblemCode,
  PROBLEM_CONTENT_TYPE,
  Problem,
  type ProblemCode,
  type ProblemFieldError,
} from '@gavel/contracts';

export { isProblemCode };

const TITLES: Record<ProblemCode, string> = {
  INVALID_BODY: 'The request body is not valid',
  INVALID_PARAMETERS: 'The request parameters are not valid',
  INVALID_JSON: 'The request body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'Send application/json',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  BATCH_TOO_LARGE: 'Too many items in one batch',
  UNAUTHORIZED: 'Authentication is required',
  FORBIDDEN: 'This API key lacks the scope this operation needs',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  RATE_LIMITED: 'Too many requests',
  LOGIN_LOCKED: 'Too many sign-in attempts',
  CONFLICT: 'Conflict',
  UNAVAILABLE: 'A dependency is unavailable; retry later',
  INTERNAL: 'Internal error',
  INVALID_URL: 'The request URL is not valid',
  URL_TOO_LONG: 'The request URL is too long',
  HEADERS_TOO_LARGE: 'The request headers are too large',
  REQUEST_TIMEOUT: 'The request took too long to arrive',
  INVALID_REQUEST: 'The request is not valid',
  KEY_COLLISION: 'Key collision; try again',
  REVIEWER_EXISTS: 'A reviewer with this email already exists',
  ACCOUNT_ALLOWLISTED: 'Allowlisted accounts are not suspended automatically',
  CASE_ALREADY_DECIDED: 'This case is already decided',
  CASE_HELD_BY_OTHER: 'Another reviewer holds this case',
  CASE_NOT_HELD: 'You do not hold this case',
  CASE_CHANGED: 'The case changed since it was read',
  CLAIM_LIMIT_REACHED: 'You hold as many cases as a reviewer may',
  APPEAL_WINDOW_CLOSED: 'The window for appealing has closed',
  SUSPENSION_LIFTED: 'The suspension has already been lifted',
  NO_PENDING_QUESTION: 'No question is waiting for an answer',
  APPEAL_ALREADY_SUBMITTED: 'An appeal for this suspension was already submitted',
  INVALID_PERIOD: 'The period is not valid',
};

export { PROBLEM_CONTENT_TYPE };

/**
 * A typed domain error: a status and a stable code, mapped to problem+json at the edge. `detail` is
 * shown to the client, so it never carries message content, secrets or internal state.
 */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: ProblemFieldError[],
    /** Sent as `Retry-After` (whole seconds) with 429 and 503 answers. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ?? TITLES[code]);
  }
}

export function problemBody(
  status: number,
  code: ProblemCode,
  detail?: string,
  errors?: ProblemFieldError[],
): Problem {
  const body: Problem = {
    type: `https://gavel.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[code],
    status,
    code,
  };
  if (detail !== undefined) body.detail = detail;
  if (errors !== undefined && errors.length > 0) body.errors = errors;
  return body;
}

export function problemOf(err: ProblemError): Problem {
  return problemBody(err.status, err.code, err.detail, err.errors);
}

/** Validation errors (TypeBox / ajv shape) as problem field errors; messages never echo values. */
export function fieldErrors(
  errors: readonly { instancePath?: string; message?: string }[],
  pathPrefix = '',
): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const e of errors.slice(0, 20)) {
    out.push({ path: `${pathPrefix}${e.instancePath ?? ''}` || '/', message: e.message ?? 'is not valid' });
  }
  return out;
}

const problemResponse = {
  description: 'application/problem+json (RFC 9457) with a stable `code`',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
};

/** Response schemas every route declares for its errors (serialised by content type). */
export const PROBLEM_RESPONSES = { '4xx': problemResponse, '5xx': problemResponse } as const;
