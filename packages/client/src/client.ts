import type {
  AccountView,
  EventsResponse,
  Problem,
  ScoreBatchResult,
  ScoreRequest,
  ScoreResponse,
  SignalEvent,
} from '@gavel/contracts';
import { GavelError } from './gavelError';

export interface GavelClientOptions {
  /** e.g. http://localhost:3000 */
  baseUrl: string;
  /** A `gvl_...` key with the scopes the calls need (score, events). */
  apiKey: string;
  /** Per attempt (default 2,000 ms). */
  timeoutMs?: number;
  /** Extra attempts after the first, on network errors, timeouts, 429 and 5xx only (default 2). */
  retries?: number;
  /** First backoff; doubles per retry, with full jitter (default 50 ms). */
  retryBaseMs?: number;
  fetch?: typeof fetch;
}

export interface GavelClient {
  /** Safe to retry: scoring is idempotent on messageId (a repeat returns the first answer). */
  scoreMessage(message: ScoreRequest): Promise<ScoreResponse>;
  /** Up to 1,000 messages; results in order, each an answer or a problem object. */
  scoreBatch(messages: ScoreRequest[]): Promise<ScoreBatchResult[]>;
  /**
   * Events are counted when received, so they are retried only when the server surely did not
   * record them (connection refused, 429, 503).
   */
  sendEvents(events: SignalEvent | SignalEvent[]): Promise<EventsResponse>;
  getAccount(accountId: string): Promise<AccountView>;
}

/** Narrows a batch result. */
export function isProblem(result: ScoreBatchResult): result is Problem {
  return typeof (result as Problem).status === 'number' && typeof (result as Problem).code === 'string';
}

type RetryPolicy = 'idempotent' | 'not-recorded';

const MAX_RETRY_AFTER_MS = 5_000;

function isConnectionRefused(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } })?.cause;
  return cause?.code === 'ECONNREFUSED';
}

export function createGavelClient(opts: GavelClientOptions): GavelClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 2_000;
  const retries = Math.max(0, opts.retries ?? 2);
  const retryBaseMs = opts.retryBaseMs ?? 50;
  const fetchImpl = opts.fetch ?? fetch;

  async function attempt<T>(method: string, path: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${opts.apiKey}`,
          accept: 'application/json, application/problem+json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error)?.name === 'TimeoutError';
      throw new GavelError(0, null, timedOut ? `no answer within ${timeoutMs} ms` : 'network error', {
        cause: err,
        code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
      });
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    let problem: Problem | null = null;
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = null;
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new GavelError(response.status, problem, undefined, {
      retryAfterMs: retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : undefined,
    });
  }

  function shouldRetry(err: unknown, policy: RetryPolicy): boolean {
    if (!(err instanceof GavelError)) return false;
    if (policy === 'idempotent') return err.retryable;
    return err.status === 429 || err.status === 503 || (err.status === 0 && isConnectionRefused(err.cause));
  }

  async function call<T>(method: string, path: string, body: unknown, policy: RetryPolicy): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt<T>(method, path, body);
      } catch (err) {
        if (n >= retries || !shouldRetry(err, policy)) throw err;
        // Full jitter: replicas of the pipeline do not retry in lockstep.
        const backoff = Math.random() * retryBaseMs * 2 ** n;
        const hinted = (err as GavelError).retryAfterMs ?? 0;
        await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, hinted)));
      }
    }
  }

  return {
    scoreMessage: (message) => call<ScoreResponse>('POST', '/v1/score', message, 'idempotent'),
    scoreBatch: async (messages) =>
      (await call<{ results: ScoreBatchResult[] }>('POST', '/v1/score/batch', { messages }, 'idempotent'))
        .results,
    sendEvents: (events) =>
      call<EventsResponse>('POST', '/v1/events', Array.isArray(events) ? { events } : events, 'not-recorded'),
    getAccount: (accountId) =>
      call<AccountView>('GET', `/v1/accounts/${encodeURIComponent(accountId)}`, undefined, 'idempotent'),
  };
}
