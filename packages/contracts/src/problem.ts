import Type, { type Static } from 'typebox';

/**
 * Stable machine-readable error codes. Clients branch on `code`, never on `title` or `detail`.
 * Adding a code is backward compatible; renaming one is not.
 */
export const PROBLEM_CODES = [
  'INVALID_BODY',
  'INVALID_PARAMETERS',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'BATCH_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
  'LOGIN_LOCKED',
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
  // Request shape the router or the HTTP parser refused.
  'INVALID_URL',
  'URL_TOO_LONG',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'INVALID_REQUEST',
  // One code per domain condition (typed errors, mapped once at the edge), instead of CONFLICT.
  'KEY_COLLISION',
  'REVIEWER_EXISTS',
  'ACCOUNT_ALLOWLISTED',
  'CASE_ALREADY_DECIDED',
  'CASE_HELD_BY_OTHER',
  'CASE_NOT_HELD',
  'CASE_CHANGED',
  'CLAIM_LIMIT_REACHED',
  'APPEAL_WINDOW_CLOSED',
  'SUSPENSION_LIFTED',
  'NO_PENDING_QUESTION',
  'APPEAL_ALREADY_SUBMITTED',
  'INVALID_PERIOD',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const CODES: ReadonlySet<string> = new Set(PROBLEM_CODES);
export function isProblemCode(code: string): code is ProblemCode {
  return CODES.has(code);
}

export const ProblemFieldError = Type.Object(
  {
    path: Type.String({ description: 'JSON Pointer to the offending field, e.g. `/messages/3/channel`' }),
    message: Type.String(),
  },
  { title: 'ProblemFieldError' },
);
export type ProblemFieldError = Static<typeof ProblemFieldError>;

/** RFC 9457 problem details, plus a stable `code` and per-field `errors`. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    code: Type.String({ description: `One of: ${PROBLEM_CODES.join(', ')}` }),
    errors: Type.Optional(Type.Array(ProblemFieldError)),
  },
  { title: 'Problem', description: 'application/problem+json (RFC 9457)' },
);
export type Problem = Static<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
