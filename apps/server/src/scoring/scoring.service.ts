import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { DegradedPart, ScoreBatchResult, ScoreRequest, ScoreResponse } from '@gavel/contracts';
import type { Db, DecisionRow } from '@gavel/db';
import { redactExcerpt } from '@gavel/features';
import type { ContentModel, ContentScore } from '@gavel/model';
import { type AccountScoreLike, decide, messageOutcome, type Policy } from '@gavel/policy';
import {
  type AccountSignals,
  type AccountStatus,
  foldOutcome,
  type ObserveResult,
  type SignalStore,
} from '@gavel/signals';
import type { FastifyBaseLogger } from 'fastify';
import type { EnforcementService } from '../enforcement/enforcement.service';
import type { Metrics } from '../metrics';
import { ProblemError, problemOf } from '../problem';
import type { AccountDirectory, AccountStanding } from './accountDirectory';
import { buildAnswer, buildDecisionRow, type DecidedMessage } from './answer';
import { type Bounded, requestBudgetMs, withinBudget } from './budget';
import { type FirstAnswer, Idempotency, RepeatPendingError } from './idempotency';
import { ObservationBatcher } from './observationBatcher';
import { type PreparedMessage, prepareMessage, validateItem } from './prepare';

/** Where decisions go (the batched DecisionWriter of @gavel/db); never awaited on the response path. */
export interface DecisionSink {
  write(row: DecisionRow): void;
}

/**
 * Small extension points of the pipeline, each called in one place (see `decideFresh`):
 * - `accountScore`: an account-model score between signals and policy (null = no opinion);
 * - `shadow`: a shadow model's view of the scored messages, after the answers, off the response path.
 */
export interface ScoringHooks {
  accountScore?: (
    message: PreparedMessage,
    signals: AccountSignals | null,
    current: ReturnType<typeof messageOutcome>,
  ) => AccountScoreLike | null;
  shadow?: (messages: readonly PreparedMessage[], contents: readonly (ContentScore | null)[]) => void;
}

export interface ScoringDeps {
  db: Db;
  signals: SignalStore;
  model: ContentModel;
  /** Scored next to `model` on every message and recorded in the decision row; never decides anything. */
  shadowModel?: ContentModel | null;
  policy: Policy;
  directory: AccountDirectory;
  enforcement: EnforcementService;
  decisions: DecisionSink;
  metrics: Metrics;
  log: FastifyBaseLogger;
  secret: string;
  budgetMs: number;
  /** Added to `budgetMs` per message of a batch after the first (see requestBudgetMs). Default 0. */
  budgetPerMessageMs?: number;
  /** In-process answers kept for repeats (the fallback when Redis is down). Default 10,000 (~10 MB). */
  answerCacheSize?: number;
  hooks?: ScoringHooks;
}

type Outcome = ScoreResponse | ProblemError;
const KNOWN_STANDING: AccountStanding = { status: 'active', allowlisted: false, blocklisted: false };

/**
 * Scores messages. One pipeline for one message and for a batch (`scoreMessage` is `scoreMany` of one):
 *
 *   validate -> idempotency (local) -> featurize -> signals (one Redis round trip for the batch)
 *   + account standing (memory first) -> repeats answered -> content model (one call)
 *   -> [hook: account score] -> policy, in order (message k sees the windows, outcomes and ladder of
 *   messages 1..k-1 of its account) -> answers -> stored durably (second round trip) -> returned
 *   off the path: decision log (batched), flag transitions, [hook: shadow].
 *
 * A suspending message waits (within the budget) for its suspension id.
 */
export class ScoringService {
  private readonly idempotency: Idempotency;
  private readonly bodyKey: KeyObject;
  private readonly observations: ObservationBatcher;

  constructor(private readonly deps: ScoringDeps) {
    this.observations = new ObservationBatcher(deps.signals);
    this.idempotency = new Idempotency({
      db: deps.db,
      signals: deps.signals,
      metrics: deps.metrics,
      writeLater: (row) => deps.decisions.write(row),
      cacheSize: deps.answerCacheSize ?? 10_000,
    });
    // A key of its own for body hashes: equal bodies are linkable in the log, never recoverable.
    this.bodyKey = createSecretKey(createHmac('sha256', deps.secret).update('gavel/body-hash/v1').digest());
  }

  /** Stops the background write of answers given without Redis (they stay in the decision log). */
  close(): void {
    this.idempotency.close();
  }

  /** One message (validated by the route's schema). Throws a ProblemError for a problem answer. */
  async scoreMessage(req: ScoreRequest): Promise<ScoreResponse> {
    const [result] = await this.scoreMany([req], true);
    if (result instanceof ProblemError) throw result;
    return result;
  }

  /** Validates each item on its own: an invalid one gets a problem object, the others are scored. */
  async scoreBatch(items: readonly unknown[]): Promise<ScoreBatchResult[]> {
    this.deps.metrics.batchSize.observe(items.length);
    const results = await this.scoreMany(items, false);
    return results.map((r) => (r instanceof ProblemError ? problemOf(r) : r));
  }

  private async scoreMany(items: readonly unknown[], validated: boolean): Promise<Outcome[]> {
    const deadline =
      performance.now() +
      requestBudgetMs(items.length, this.deps.budgetMs, this.deps.budgetPerMessageMs ?? 0);
    const results: (Outcome | Promise<ScoreResponse> | undefined)[] = new Array(items.length);
    const firstIndex = new Map<string, number>();
    const repeatsInBatch: [number, number][] = [];
    const fresh: PreparedMessage[] = [];
    const freshIndex: number[] = [];

    for (let i = 0; i < items.length; i++) {
      const req = validated ? (items[i] as ScoreRequest) : validateItem(items[i], i);
      if (req instanceof ProblemError) {
        results[i] = req;
        continue;
      }
      const first = firstIndex.get(req.messageId);
      if (first !== undefined) {
        repeatsInBatch.push([i, first]);
        continue;
      }
      firstIndex.set(req.messageId, i);
      // Looked up before this request claims the id, so a request never finds (and waits on) itself.
      const known = this.idempotency.known(req.messageId);
      if (known) {
        this.deps.metrics.duplicates.inc();
        results[i] = known;
        continue;
      }
      const prepared = prepareMessage(req);
      if (prepared instanceof ProblemError) {
        results[i] = prepared;
        continue;
      }
      fresh.push(prepared);
      freshIndex.push(i);
    }

    if (fresh.length > 0) {
      // Concurrent requests for these ids on this replica wait for this one instead of deciding again.
      const settle = this.idempotency.claim(fresh.map((p) => p.req.messageId));
      let answers: Outcome[] = [];
      try {
        answers = await this.decideFresh(fresh, deadline);
      } finally {
        for (let k = 0; k < fresh.length; k++) {
          const answer = answers[k];
          settle(fresh[k].req.messageId, answer && !(answer instanceof ProblemError) ? answer : null);
        }
      }
      for (let k = 0; k < fresh.length; k++) results[freshIndex[k]] = answers[k];
    }

    const settled = await Promise.all(
      results.map((r) =>
        r instanceof Promise
          ? r.catch((err: unknown) =>
              err instanceof ProblemError ? err : new ProblemError(503, 'UNAVAILABLE'),
            )
          : (r as Outcome),
      ),
    );
    for (const [i, first] of repeatsInBatch) settled[i] = settled[first];
    return settled;
  }

  /** Messages no replica-local record knows: the pipeline proper. */
  private async decideFresh(batch: PreparedMessage[], deadline: number): Promise<Outcome[]> {
    const { metrics, policy, model } = this.deps;
    const [observed, standings] = await Promise.all([
      this.observe(batch, deadline),
      this.standings(batch, deadline),
    ]);
    const sharedDegraded: DegradedPart[] = [];
    if (!observed.ok) {
      sharedDegraded.push('signals');
      metrics.signalErrors.inc({
        operation: batch.length === 1 ? 'observe' : 'observeBatch',
        kind: observed.timedOut ? 'timeout' : 'error',
      });
    }
    if (standings.degraded) sharedDegraded.push('accounts');
    const observedOf = (k: number): ObserveResult | null => (observed.ok ? observed.value[k] : null);

    // Repeats the signal store recognised.
    const results: (Outcome | Promise<Outcome> | undefined)[] = new Array(batch.length);
    for (let k = 0; k < batch.length; k++) {
      const o = observedOf(k);
      if (o?.duplicate) {
        results[k] = this.idempotency
          .repeat(batch[k].req.messageId, o.storedAnswer, deadline)
          .catch((err: unknown) => (err instanceof ProblemError ? err : new RepeatPendingError()));
      }
    }
    const toDecide: number[] = [];
    for (let k = 0; k < batch.length; k++) if (results[k] === undefined) toDecide.push(k);
    const standingOf = (k: number) => standings.of(batch[k].req.accountId);
    const statusBefore = (k: number): AccountStatus => observedOf(k)?.signals.status ?? standingOf(k).status;

    // The content model, once for the batch (a suspended account's messages are blocked unscored).
    const toScore = toDecide.filter((k) => statusBefore(k) !== 'suspended');
    const contents: (ContentScore | null)[] = new Array(batch.length).fill(null);
    const shadowScores: (number | null)[] = new Array(batch.length).fill(null);
    let modelDegraded = false;
    if (toScore.length > 0) {
      const shadowing = this.scoreShadow(toScore.map((k) => batch[k]));
      const scored = await this.scoreContent(toScore.map((k) => batch[k]));
      const shadow = await shadowing;
      if (shadow) for (let j = 0; j < toScore.length; j++) shadowScores[toScore[j]] = shadow[j];
      if (scored) for (let j = 0; j < toScore.length; j++) contents[toScore[j]] = scored[j];
      else modelDegraded = true;
    }

    // Policy, in order: the ladder and the outcomes of earlier messages of an account apply to its later ones.
    const statusInBatch = new Map<string, AccountStatus>();
    const outcomesInBatch = new Map<string, { outcome: ReturnType<typeof messageOutcome>; at: number }[]>();
    const firsts: FirstAnswer[] = [];
    const firstIndex: number[] = [];
    const suspensions: Promise<void>[] = [];
    const decidedAt = new Date();
    for (const k of toDecide) {
      const p = batch[k];
      const { accountId } = p.req;
      const standing = standingOf(k);
      let signals = observedOf(k)?.signals ?? null;
      const earlier = outcomesInBatch.get(accountId);
      if (signals && earlier) {
        for (const e of earlier) signals = foldOutcome(signals, e.outcome, p.sentAt - e.at);
      }
      const status = statusInBatch.get(accountId) ?? statusBefore(k);
      const content = status === 'suspended' ? null : contents[k];
      // Hook: the account model's score, given to policy (see ScoringHooks).
      const accountScore =
        this.deps.hooks?.accountScore?.(p, signals, messageOutcome(content, policy)) ?? null;
      const decision = decide(
        {
          content,
          account: { status, allowlisted: standing.allowlisted, blocklisted: standing.blocklisted },
          signals,
          accountScore,
        },
        policy,
      );
      if (decision.accountStatus !== status) statusInBatch.set(accountId, decision.accountStatus);
      const outcome = messageOutcome(content, policy);
      if (earlier) earlier.push({ outcome, at: p.sentAt });
      else outcomesInBatch.set(accountId, [{ outcome, at: p.sentAt }]);

      const degraded = [...sharedDegraded];
      if (modelDegraded && status !== 'suspended') degraded.push('model');
      const decided: DecidedMessage = {
        messageId: p.req.messageId,
        accountId,
        channel: p.req.channel,
        content,
        decision,
        signals,
        degraded,
      };
      const answer = buildAnswer(decided, { modelVersion: model.version, policyVersion: policy.version });
      const excerpt = decision.action === 'allow' ? null : redactExcerpt(p.req.body);
      const first: FirstAnswer = {
        answer,
        row: null as unknown as DecisionRow, // built once the suspension id is known
        outcome: { ...outcome, at: p.sentAt },
      };
      const finishRow = () => {
        first.row = buildDecisionRow(decided, answer, this.bodyHash(p.req.body), excerpt, decidedAt);
        const shadowScore = shadowScores[k];
        if (shadowScore !== null && this.deps.shadowModel) {
          first.row.shadowModelVersion = this.deps.shadowModel.version;
          first.row.shadowScore = shadowScore;
          if (content) this.countShadowAgreement(content.score, shadowScore);
        }
        if (accountScore !== null) {
          first.row.accountModelVersion = accountScore.version;
          (first.row.features as Record<string, unknown>).accountScore = accountScore.risk;
        }
      };
      if (decision.transition !== null) {
        const ctx = {
          accountId,
          messageId: p.req.messageId,
          decision,
          channel: p.req.channel,
          excerpt,
          signals,
          modelVersion: model.version,
        };
        if (decision.transition === 'suspend') {
          suspensions.push(
            withinBudget(this.deps.enforcement.suspend(ctx), deadline - performance.now()).then((waited) => {
              if (waited.ok && waited.value) answer.account.suspensionId = waited.value;
              finishRow();
            }),
          );
        } else {
          void this.deps.enforcement.flag(ctx);
          finishRow();
        }
      } else {
        finishRow();
      }
      firsts.push(first);
      firstIndex.push(k);
    }
    if (suspensions.length > 0) await Promise.all(suspensions);

    // Stored before returned: a repeat, here or on another replica, gets exactly this answer.
    const stored = await this.idempotency.storeFirst(firsts, observed.ok, deadline);
    for (let j = 0; j < firstIndex.length; j++) {
      const answer = stored[j];
      results[firstIndex[j]] = answer;
      metrics.decisions.inc({ action: answer.action });
      for (const part of answer.degraded) metrics.degraded.inc({ part });
    }
    if (this.deps.hooks?.shadow) this.deps.hooks.shadow(batch, contents);
    return Promise.all(results as (Outcome | Promise<Outcome>)[]);
  }

  /** One round trip: a lone message joins concurrent requests' observations; a batch goes as one call. */
  private observe(batch: PreparedMessage[], deadline: number): Promise<Bounded<ObserveResult[]>> {
    const work =
      batch.length === 1
        ? this.observations.observe(batch[0].observation).then((r) => [r])
        : this.deps.signals.observeBatch(batch.map((p) => p.observation));
    return withinBudget(work, deadline - performance.now());
  }

  /** Account standing from memory; Postgres (bounded by the budget) only for accounts not cached. */
  private async standings(
    batch: PreparedMessage[],
    deadline: number,
  ): Promise<{ of: (accountId: string) => AccountStanding; degraded: boolean }> {
    const { directory } = this.deps;
    const missing = new Set<string>();
    for (const p of batch) if (!directory.peek(p.req.accountId)) missing.add(p.req.accountId);
    if (missing.size === 0) {
      return { of: (id) => directory.peek(id) ?? KNOWN_STANDING, degraded: false };
    }
    const loaded = await withinBudget(directory.getMany([...missing]), deadline - performance.now());
    if (loaded.ok) {
      return { of: (id) => loaded.value.get(id) ?? directory.peek(id) ?? KNOWN_STANDING, degraded: false };
    }
    return { of: (id) => directory.peek(id) ?? directory.stale(id) ?? KNOWN_STANDING, degraded: true };
  }

  private async scoreContent(messages: PreparedMessage[]): Promise<ContentScore[] | null> {
    const { model, metrics, log } = this.deps;
    const started = performance.now();
    try {
      const scores =
        messages.length === 1
          ? [await model.score(messages[0].analysis, messages[0].req.channel)]
          : await model.scoreMany(messages.map((p) => ({ input: p.analysis, channel: p.req.channel })));
      metrics.modelLatency.observe(
        { call: messages.length === 1 ? 'score' : 'scoreMany' },
        (performance.now() - started) / 1000,
      );
      return scores;
    } catch (err) {
      log.error({ err }, 'content model failed');
      return null;
    }
  }

  /**
   * The shadow model's scores, or null when there is none or it failed (never an error for the caller).
   * It gets the text, not the live analysis: a shadow model may follow an older feature schema.
   */
  private async scoreShadow(messages: PreparedMessage[]): Promise<number[] | null> {
    const { shadowModel, log } = this.deps;
    if (!shadowModel) return null;
    try {
      const scored = await shadowModel.scoreMany(
        messages.map((p) => ({
          input: p.req.subject ? `${p.req.subject}\n${p.req.body}` : p.req.body,
          channel: p.req.channel,
        })),
      );
      return scored.map((s) => s.score);
    } catch (err) {
      log.warn({ err }, 'shadow content model failed');
      return null;
    }
  }

  /**
   * Agreement of the two models' content verdicts, each read at its own card's thresholds (the
   * account ladder is left out: it would count the same for both).
   */
  private countShadowAgreement(liveScore: number, shadowScore: number): void {
    const { model, metrics } = this.deps;
    const shadow = this.deps.shadowModel!;
    const verdict = (score: number, t: { review: number; block: number }) =>
      score >= t.block ? 'block' : score >= t.review ? 'review' : 'allow';
    const agree = verdict(liveScore, model.card.thresholds) === verdict(shadowScore, shadow.card.thresholds);
    metrics.shadowAgreement.inc({ shadow_model: shadow.version, agree: agree ? 'true' : 'false' });
  }

  private bodyHash(body: string): string {
    return createHmac('sha256', this.bodyKey).update(body).digest('hex');
  }
}
