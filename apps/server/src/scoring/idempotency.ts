import type { ScoreResponse } from '@gavel/contracts';
import { type Db, type DecisionRow, getDecision, getDecisions, insertDecisions } from '@gavel/db';
import type { MessageOutcome, SignalStore } from '@gavel/signals';
import type { Metrics } from '../metrics';
import { ProblemError } from '../problem';
import { answerFromDecision } from './answer';
import { AnswerCache } from './answerCache';
import { withinBudget } from './budget';

/**
 * A repeat whose first answer cannot be known within the budget (it is still being decided
 * elsewhere, or neither Redis nor Postgres answers in time): 503 with Retry-After; the client retries
 * and gets the first answer. Never a second decision.
 */
export class RepeatPendingError extends ProblemError {
  override name = 'RepeatPendingError';
  constructor() {
    super(503, 'UNAVAILABLE', 'The first answer to this messageId is not known yet; retry', undefined, 1);
  }
}

/** A repeat that races its first answer polls the decision log this often. */
const REPEAT_POLL_MS = 5;
/** Answers given without Redis are written into it when it is back: this often, this many at a time. */
const REPLAY_EVERY_MS = 1_000;
const REPLAY_BATCH = 500;
/** Bound on answers waiting for Redis (beyond it the oldest rely on the decision log alone). */
const MAX_UNSTORED = 100_000;
/**
 * The decision-log fallback gets at least this long even when Redis used the whole budget: without
 * it, an answer Redis failed to store would be returned stored nowhere, and a repeat on another
 * replica could be decided afresh. A request may so end this much past its budget.
 */
const LOG_FALLBACK_MIN_MS = 25;

export interface FirstAnswer {
  answer: ScoreResponse;
  row: DecisionRow;
  outcome: Omit<MessageOutcome, 'answer'>;
}

export interface IdempotencyDeps {
  db: Db;
  signals: SignalStore;
  metrics: Metrics;
  /** Queues a row for the batched decision writer (answers already stored durably elsewhere). */
  writeLater: (row: DecisionRow) => void;
  cacheSize: number;
}

/**
 * One messageId, one decision, whatever Redis held. In order:
 *   1. this replica's answer cache, or another request of this replica deciding the same id (a
 *      request never waits on itself: it looks before it claims);
 *   2. the signal store: observe says `duplicate` and returns the stored first answer;
 *   3. the decision log, polled within the budget when the store knows the id but not yet its answer;
 *   4. else 503 Retry-After.
 * A first answer is stored before it is returned: in Redis with the outcome (first writer wins, so a
 * replica that lost a race returns the winner's answer), or, when Redis fails, in the decision log
 * synchronously (ON CONFLICT DO NOTHING; a conflict returns the row already there). Answers given
 * without Redis are written into Redis (same first-writer-wins call) once it answers again, so that
 * a repeat sent to another replica then finds them.
 */
export class Idempotency {
  private readonly answers: AnswerCache<ScoreResponse>;
  private readonly inflight = new Map<string, Promise<ScoreResponse>>();
  private readonly unstored = new Map<string, { accountId: string; outcome: MessageOutcome }>();
  private replayTimer: NodeJS.Timeout | null = null;
  private replaying = false;

  constructor(private readonly deps: IdempotencyDeps) {
    this.answers = new AnswerCache(deps.cacheSize);
  }

  /** Answers given without Redis and not yet written into it. */
  get unstoredCount(): number {
    return this.unstored.size;
  }

  close(): void {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
  }

  /** This replica's first answer, or the promise of another request deciding it now. */
  known(messageId: string): ScoreResponse | Promise<ScoreResponse> | undefined {
    return this.answers.get(messageId) ?? this.inflight.get(messageId);
  }

  /** Marks ids as being decided by the caller; `settle` ends the claim (null: no answer, 503 to waiters). */
  claim(messageIds: readonly string[]): (messageId: string, answer: ScoreResponse | null) => void {
    const settlers = new Map<string, (r: ScoreResponse | null) => void>();
    for (const id of messageIds) {
      const pending = new Promise<ScoreResponse | null>((resolve) => settlers.set(id, resolve));
      const answer = pending.then((r) => r ?? Promise.reject(new RepeatPendingError()));
      // Marked handled: when nobody else waits for this message, a failure is not an unhandled rejection.
      answer.catch(() => {});
      this.inflight.set(id, answer);
    }
    return (id, answer) => {
      const settle = settlers.get(id);
      if (!settle) return;
      settlers.delete(id);
      if (this.inflight.get(id) !== undefined) this.inflight.delete(id);
      if (answer) this.answers.setIfAbsent(id, answer);
      settle(answer);
    };
  }

  /** A repeat the store recognised: its stored answer, else the decision log within the budget, else 503. */
  async repeat(messageId: string, storedAnswer: string | null, deadline: number): Promise<ScoreResponse> {
    this.deps.metrics.duplicates.inc();
    if (storedAnswer) {
      const answer = JSON.parse(storedAnswer) as ScoreResponse;
      this.answers.setIfAbsent(messageId, answer);
      return answer;
    }
    for (;;) {
      const row = await withinBudget(getDecision(this.deps.db, messageId), deadline - performance.now());
      if (row.ok && row.value) {
        const answer = answerFromDecision(row.value);
        this.answers.setIfAbsent(messageId, answer);
        return answer;
      }
      if (!row.ok || deadline - performance.now() < 2 * REPEAT_POLL_MS) throw new RepeatPendingError();
      await new Promise((resolve) => setTimeout(resolve, REPEAT_POLL_MS));
    }
  }

  /**
   * Stores first answers durably, then says what to return for each: ours, or the one stored first by
   * someone else. `inRedis`: whether the store observed the batch (else straight to the log).
   */
  async storeFirst(items: FirstAnswer[], inRedis: boolean, deadline: number): Promise<ScoreResponse[]> {
    const { signals, metrics } = this.deps;
    const results: ScoreResponse[] = items.map((i) => i.answer);
    const toLog: number[] = [];
    if (inRedis) {
      const stored = await withinBudget(
        Promise.allSettled(
          items.map((i) =>
            signals.recordOutcome(i.answer.accountId, i.answer.messageId, {
              ...i.outcome,
              answer: JSON.stringify(i.answer),
            }),
          ),
        ),
        deadline - performance.now(),
      );
      for (let k = 0; k < items.length; k++) {
        const r = stored.ok ? stored.value[k] : undefined;
        if (r?.status === 'fulfilled') {
          if (r.value === null) this.deps.writeLater(items[k].row);
          else results[k] = JSON.parse(r.value) as ScoreResponse; // lost a race: the first answer wins
        } else {
          toLog.push(k);
        }
      }
      if (toLog.length > 0) {
        metrics.signalErrors.inc(
          { operation: 'recordOutcome', kind: stored.ok ? 'error' : 'timeout' },
          toLog.length,
        );
      }
    } else {
      for (let k = 0; k < items.length; k++) toLog.push(k);
    }
    if (toLog.length > 0) {
      await this.storeInLog(items, toLog, results, deadline);
      for (const k of toLog) this.keepForRedis(results[k], items[k].outcome);
    }
    return results;
  }

  private keepForRedis(answer: ScoreResponse, outcome: FirstAnswer['outcome']): void {
    if (this.unstored.size >= MAX_UNSTORED) {
      const oldest = this.unstored.keys().next().value;
      if (oldest !== undefined) this.unstored.delete(oldest);
    }
    this.unstored.set(answer.messageId, {
      accountId: answer.accountId,
      outcome: { ...outcome, answer: JSON.stringify(answer) },
    });
    if (!this.replayTimer) {
      this.replayTimer = setTimeout(() => void this.replay(), REPLAY_EVERY_MS);
      this.replayTimer.unref();
    }
  }

  /** Writes answers given without Redis into it (first writer wins there too); retried until it answers. */
  private async replay(): Promise<void> {
    this.replayTimer = null;
    if (this.replaying) return;
    this.replaying = true;
    try {
      const batch = [...this.unstored].slice(0, REPLAY_BATCH);
      const stored = await Promise.allSettled(
        batch.map(([messageId, u]) => this.deps.signals.recordOutcome(u.accountId, messageId, u.outcome)),
      );
      for (let k = 0; k < batch.length; k++) {
        if (stored[k].status === 'fulfilled') this.unstored.delete(batch[k][0]);
      }
    } finally {
      this.replaying = false;
      if (this.unstored.size > 0 && !this.replayTimer) {
        this.replayTimer = setTimeout(() => void this.replay(), REPLAY_EVERY_MS);
        this.replayTimer.unref();
      }
    }
  }

  /** Redis could not hold these answers: the decision log does, before they are returned. */
  private async storeInLog(
    items: FirstAnswer[],
    indexes: number[],
    results: ScoreResponse[],
    deadline: number,
  ): Promise<void> {
    const rows = indexes.map((k) => items[k].row);
    const left = () => Math.max(deadline - performance.now(), LOG_FALLBACK_MIN_MS);
    const inserted = await withinBudget(insertDecisions(this.deps.db, rows), left());
    if (inserted.ok && inserted.value === rows.length) return;
    if (inserted.ok) {
      // Some ids had a row already (another replica decided them without Redis too): theirs stands.
      const existing = await withinBudget(
        getDecisions(
          this.deps.db,
          rows.map((r) => r.messageId),
        ),
        left(),
      );
      if (existing.ok) {
        const byId = new Map(existing.value.map((row) => [row.messageId, answerFromDecision(row)]));
        for (const k of indexes) results[k] = byId.get(items[k].answer.messageId) ?? results[k];
      }
      return;
    }
    // Neither Redis nor Postgres in time: answer anyway (a pipeline must not stall) and keep the row
    // for the writer, which retries and spills; this replica's cache still answers its repeats.
    this.deps.metrics.signalErrors.inc({ operation: 'storeAnswer', kind: 'unstored' }, rows.length);
    for (const row of rows) this.deps.writeLater(row);
  }
}
