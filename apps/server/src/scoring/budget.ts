export type Bounded<T> = { ok: true; value: T } | { ok: false; timedOut: boolean; error?: unknown };

/**
 * Waits for `work` at most `ms`. The work is not cancelled (it may still finish and, e.g., count a
 * message); the caller just stops waiting so the answer stays within the request budget.
 */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<Bounded<T>> {
  if (ms <= 0) {
    work.catch(() => {});
    return { ok: false, timedOut: true };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Bounded<T>>((resolve) => {
    // When the event loop was busy, the timer and the answer can be due in the same turn; timers run
    // before I/O callbacks, so without setImmediate an answer already in the socket would lose.
    timer = setTimeout(() => setImmediate(() => resolve({ ok: false, timedOut: true })), ms);
  });
  try {
    return await Promise.race([
      work.then(
        (value): Bounded<T> => ({ ok: true, value }),
        (error): Bounded<T> => ({ ok: false, timedOut: false, error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The budget of one request: `budgetMs` for one message, plus `perMessageMs` for each further message
 * of a batch. A flat budget made every large batch degraded: on this 2-core box featurizing and
 * observing 100 messages takes longer than 50 ms, so signals timed out and every answer of the batch
 * was scored on content alone, and written synchronously to the decision log (measured with
 * `BATCH=100 tsx tests/bench/inProcess.ts`: 5,000 of 5,000 answers degraded).
 */
export function requestBudgetMs(messages: number, budgetMs: number, perMessageMs: number): number {
  return budgetMs + perMessageMs * Math.max(0, messages - 1);
}
