// One fetch wrapper for the whole app: JSON in and out, problem+json turned into ApiError, and
// the session's CSRF token sent on every state-changing request.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembered from /api/session; the server checks it as X-CSRF-Token on every POST/DELETE. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await apiRequestWithStatus<T>(method, path, body)).body;
}

/** The same, keeping the status for routes whose 200 and 201 mean different things. */
export async function apiRequestWithStatus<T>(
  method: Method,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return { status: 204, body: undefined as T };
  const text = await response.text();
  const payload = text ? safeJson(text) : null;
  if (!response.ok) throw problemToError(response.status, payload);
  return { status: response.status, body: payload as T };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function problemToError(status: number, payload: unknown): ApiError {
  const problem = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${status}`;
  const detail =
    typeof problem.detail === 'string' && problem.detail
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : 'Something went wrong. Please try again.';
  const fieldErrors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({
          field: String(e.field ?? e.path ?? e.instancePath ?? '').replace(/^\/(body\/)?/, ''),
          message: String(e.message ?? ''),
        }))
    : [];
  return new ApiError(status, code, detail, fieldErrors);
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
