import type { Problem } from '@gavel/contracts';

/**
 * What a failed call throws: the HTTP status and the server's problem+json (with its stable `code`),
 * or status 0 and code NETWORK_ERROR / TIMEOUT when no answer came back.
 */
export class GavelError extends Error {
  override name = 'GavelError';
  readonly code: string;
  /** From a Retry-After header, capped. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message?: string,
    options?: { cause?: unknown; code?: 'NETWORK_ERROR' | 'TIMEOUT'; retryAfterMs?: number },
  ) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`, { cause: options?.cause });
    this.code = problem?.code ?? options?.code ?? (status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR');
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** Worth retrying: no answer, rate limited, or a server-side failure. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
