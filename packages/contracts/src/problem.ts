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
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

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
