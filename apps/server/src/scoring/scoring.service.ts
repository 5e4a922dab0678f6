import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import {
  type DegradedPart,
  MAX_BODY_BYTES,
  type ScoreBatchResult,
  ScoreRequest,
  type ScoreResponse,
} from '@gavel/contracts';
import { type Db, type DecisionRow, getDecision, type StoredDecision, type StoredReason } from '@gavel/db';
import { type Analysis, analyze, contentFingerprint, linkDomains, redactExcerpt } from '@gavel/features';
import type { ContentModel, ContentScore } from '@gavel/model';
import { type Decision, decide, messageOutcome, type Policy } from '@gavel/policy';
import type {
  AccountSignals,
  AccountStatus,
  MessageObservation,
  ObserveResult,
  SignalStore,
} from '@gavel/signals';
import type { FastifyBaseLogger } from 'fastify';
import { Compile } from 'typebox/compile';
import type { EnforcementService } from '../enforcement/enforcement.service';
import type { Metrics } from '../metrics';
import { fieldErrors, ProblemError, problemBody, problemOf } from '../problem';
import type { AccountDirectory, AccountStanding } from './accountDirectory';
import { AnswerCache } from './answerCache';
import { withinBudget } from './budget';
import { ObservationBatcher } from './observationBatcher';

/** Where decisions go (the batched DecisionWriter of @gavel/db); never awaited on the response path. */
export interface DecisionSink {
  write(row: DecisionRow): void;
}

export interface ScoringDeps {
  db: Db;
  signals: SignalStore;
  model: ContentModel;
  policy: Policy;
  directory: AccountDirectory;
  enforcement: EnforcementService;
  decisions: DecisionSink;
  metrics: Metrics;
  log: FastifyBaseLogger;
  secret: string;
  budgetMs: number;
  /** In-process answers kept for repeats (the fallback when Redis is down). Default 10,000 (~10 MB). */
  answerCacheSize?: number;
}

interface Prepared {
  index: number;
  req: ScoreRequest;
  sentAt: number;
  analysis: Analysis;
  observation: MessageObservation;
}

interface Standing {
  standing: AccountStanding;
  degraded: boolean;
}

const checkScoreRequest = Compile(ScoreRequest);
const KNOWN_STANDING: AccountStanding = { status: 'active', allowlisted: false, blocklisted: false };
/** A repeat that races its first answer across replicas polls the decision log this often. */
const REPEAT_POLL_MS = 5;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Scores messages: features -> signals (one Redis round trip, within the budget) -> model -> policy.
 * Everything else (decision log, stored answer, account transitions) happens off the response path,
 * except the rare suspending message, which waits (within the budget) for its suspension id.
 *
 * Idempotency on messageId, in order: this replica's in-flight map and answer cache, then the
 * signal store (observe says `duplicate` and returns the stored answer), then the decision log.
 */
export class ScoringService {
  private readonly answers: AnswerCache<ScoreResponse>;
  private readonly inflight = new Map<string, Promise<ScoreResponse>>();
  private readonly bodyKey: KeyObject;
  private readonly observations: ObservationBatcher;

  constructor(private readonly deps: ScoringDeps) {
    this.observations = new ObservationBatcher(deps.signals);
    this.answers = new AnswerCache(deps.answerCacheSize ?? 10_000);
    // A key of its own for body hashes: equal bodies are linkable in the log, never recoverable.
    this.bodyKey = createSecretKey(createHmac('sha256', deps.secret).update('gavel/body-hash/v1').digest());
  }

  async scoreMessage(req: ScoreRequest): Promise<ScoreResponse> {
    const deadline = performance.now() + this.deps.budgetMs;
    const known = this.answers.get(req.messageId) ?? this.inflight.get(req.messageId);
    if (known) {
      this.deps.metrics.duplicates.inc();
      return known;
    }
    const prepared = this.prepare(req, 0);
    const work = this.scoreOne(prepared, deadline);
    this.inflight.set(req.messageId, work);
    try {
      return await work;
    } finally {
      this.inflight.delete(req.messageId);
    }
  }

  /** Validates each item on its own: an invalid one gets a problem object, the others are scored. */
  async scoreBatch(items: readonly unknown[]): Promise<ScoreBatchResult[]> {
    const deadline = performance.now() + this.deps.budgetMs;
    const { metrics } = this.deps;
    metrics.batchSize.observe(items.length);
    const results: (ScoreBatchResult | Promise<ScoreResponse> | undefined)[] = new Array(items.length);
    const firstIndex = new Map<string, number>();
    const repeatsInBatch: [number, number][] = [];
    const fresh: Prepared[] = [];

    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (!checkScoreRequest.Check(item)) {
        results[i] = problemBody(
          400,
          'INVALID_BODY',
          'This message does not match the schema',
          fieldErrors(checkScoreRequest.Errors(item), `/messages/${i}`),
        );
        continue;
      }
      const req = item as ScoreRequest;
      const first = firstIndex.get(req.messageId);
      if (first !== undefined) {
        repeatsInBatch.push([i, first]);
        continue;
      }
      firstIndex.set(req.messageId, i);
      const known = this.answers.get(req.messageId) ?? this.inflight.get(req.messageId);
      if (known) {
        metrics.duplicates.inc();
        results[i] = known;
        continue;
      }
      try {
        fresh.push(this.prepare(req, i));
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        results[i] = problemOf(err);
      }
    }

    if (fresh.length > 0) {
      // Concurrent single requests for these ids wait for this batch instead of scoring again.
      const settle = new Map<string, (r: ScoreResponse | null) => void>();
      for (const p of fresh) {
        const promise = new Promise<ScoreResponse | null>((resolve) => settle.set(p.req.messageId, resolve));
        const answer = promise.then((r) => r ?? Promise.reject(new ProblemError(503, 'UNAVAILABLE')));
        // Marked handled: when nobody else waits for this message, a failed batch is not an unhandled rejection.
        answer.catch(() => {});
        this.inflight.set(p.req.messageId, answer);
      }
      try {
        const answers = await this.scoreMany(fresh, deadline);
        for (let k = 0; k < fresh.length; k++) {
          results[fresh[k].index] = answers[k];
          settle.get(fresh[k].req.messageId)?.(answers[k]);
        }
      } finally {
        for (const p of fresh) {
          settle.get(p.req.messageId)?.(null);
          this.inflight.delete(p.req.messageId);
        }
      }
    }

    const settled = await Promise.all(
      results.map((r) => (r instanceof Promise ? r.catch(() => problemBody(503, 'UNAVAILABLE')) : r)),
    );
    for (const [i, first] of repeatsInBatch) settled[i] = settled[first];
    return settled as ScoreBatchResult[];
  }

  private prepare(req: ScoreRequest, index: number): Prepared {
    // The schema counts characters; 64 KiB is a byte limit. A UTF-16 unit is at most 3 UTF-8 bytes.
    if (req.body.length * 3 > MAX_BODY_BYTES && Buffer.byteLength(req.body, 'utf8') > MAX_BODY_BYTES) {
      throw new ProblemError(400, 'INVALID_BODY', 'The message body is over 64 KiB', [
        { path: '/body', message: 'must be at most 65536 bytes of UTF-8' },
      ]);
    }
    let sentAt = Date.now();
    if (req.sentAt !== undefined) {
      sentAt = Date.parse(req.sentAt);
      if (!Number.isFinite(sentAt)) {
        throw new ProblemError(400, 'INVALID_BODY', 'sentAt is not a valid time', [
          { path: '/sentAt', message: 'must be an RFC 3339 date-time' },
        ]);
      }
    }
    const analysis = analyze(req.subject ? `${req.subject}\n${req.body}` : req.body);
    return {
      index,
      req,
      sentAt,
      analysis,
      observation: {
        accountId: req.accountId,
        messageId: req.messageId,
        to: req.to,
        channel: req.channel,
        sentAt,
        fingerprint: contentFingerprint(analysis),
        linkDomains: linkDomains(analysis),
        otp: analysis.entities.otpCodes > 0,
      },
    };
  }

  private async scoreOne(p: Prepared, deadline: number): Promise<ScoreResponse> {
    const { metrics } = this.deps;
    const [observed, standing] = await Promise.all([
      withinBudget(this.observations.observe(p.observation), deadline - performance.now()),
      this.standingOf(p.req.accountId, deadline),
    ]);
    const degraded: DegradedPart[] = [];
    let accountSignals: AccountSignals | null = null;
    if (observed.ok) {
      if (observed.value.duplicate) return this.repeatAnswer(p, observed.value, standing.standing, deadline);
      accountSignals = observed.value.signals;
    } else {
      degraded.push('signals');
      metrics.signalErrors.inc({ operation: 'observe', kind: observed.timedOut ? 'timeout' : 'error' });
    }
    if (standing.degraded) degraded.push('accounts');
    const status = accountSignals?.status ?? standing.standing.status;
    let content: ContentScore | null = null;
    if (status !== 'suspended') {
      const scored = await this.scoreContent([p.analysis]);
      if (scored) content = scored[0];
      else degraded.push('model');
    }
    const decision = decide(
      {
        content,
        account: {
          status,
          allowlisted: standing.standing.allowlisted,
          blocklisted: standing.standing.blocklisted,
        },
        signals: accountSignals,
      },
      this.deps.policy,
    );
    return this.finish(p, content, decision, accountSignals, degraded, deadline);
  }

  private async scoreMany(batch: Prepared[], deadline: number): Promise<ScoreResponse[]> {
    const { signals, metrics, directory } = this.deps;
    const accountIds = [...new Set(batch.map((p) => p.req.accountId))];
    const [observed, standings] = await Promise.all([
      withinBudget(signals.observeBatch(batch.map((p) => p.observation)), deadline - performance.now()),
      withinBudget(directory.getMany(accountIds), deadline - performance.now()),
    ]);
    const sharedDegraded: DegradedPart[] = [];
    if (!observed.ok) {
      sharedDegraded.push('signals');
      metrics.signalErrors.inc({ operation: 'observeBatch', kind: observed.timedOut ? 'timeout' : 'error' });
    }
    const standingOf = (accountId: string): AccountStanding => {
      if (standings.ok) return standings.value.get(accountId) ?? KNOWN_STANDING;
      return directory.stale(accountId) ?? KNOWN_STANDING;
    };
    if (!standings.ok) sharedDegraded.push('accounts');

    const answers: (ScoreResponse | Promise<ScoreResponse>)[] = new Array(batch.length);
    const toScore: number[] = [];
    const statusOf = (k: number): AccountStatus =>
      (observed.ok ? observed.value[k].signals.status : null) ?? standingOf(batch[k].req.accountId).status;
    for (let k = 0; k < batch.length; k++) {
      if (observed.ok && observed.value[k].duplicate) {
        answers[k] = this.repeatAnswer(
          batch[k],
          observed.value[k],
          standingOf(batch[k].req.accountId),
          deadline,
        );
      } else if (statusOf(k) !== 'suspended') {
        toScore.push(k);
      }
    }
    const contents = new Map<number, ContentScore>();
    let modelDegraded = false;
    if (toScore.length > 0) {
      const scored = await this.scoreContent(toScore.map((k) => batch[k].analysis));
      if (scored) {
        for (let j = 0; j < toScore.length; j++) contents.set(toScore[j], scored[j]);
      } else {
        modelDegraded = true;
      }
    }

    // Decided in order; a transition earlier in the batch applies to the account's later messages.
    const statusInBatch = new Map<string, AccountStatus>();
    for (let k = 0; k < batch.length; k++) {
      if (answers[k] !== undefined) continue;
      const p = batch[k];
      const standing = standingOf(p.req.accountId);
      const accountSignals = observed.ok ? observed.value[k].signals : null;
      const status = statusInBatch.get(p.req.accountId) ?? statusOf(k);
      const content = status === 'suspended' ? null : (contents.get(k) ?? null);
      const degraded = [...sharedDegraded];
      if (modelDegraded && status !== 'suspended') degraded.push('model');
      const decision = decide(
        {
          content,
          account: { status, allowlisted: standing.allowlisted, blocklisted: standing.blocklisted },
          signals: accountSignals,
        },
        this.deps.policy,
      );
      if (decision.accountStatus !== status) statusInBatch.set(p.req.accountId, decision.accountStatus);
      const answer = this.finish(p, content, decision, accountSignals, degraded, deadline);
      answers[k] = answer;
    }
    return Promise.all(answers);
  }

  private async standingOf(accountId: string, deadline: number): Promise<Standing> {
    const { directory } = this.deps;
    const cached = directory.peek(accountId);
    if (cached) return { standing: cached, degraded: false };
    const loaded = await withinBudget(directory.get(accountId), deadline - performance.now());
    if (loaded.ok) return { standing: loaded.value, degraded: false };
    return { standing: directory.stale(accountId) ?? KNOWN_STANDING, degraded: true };
  }

  private async scoreContent(analyses: Analysis[]): Promise<ContentScore[] | null> {
    const { model, metrics, log } = this.deps;
    const started = performance.now();
    try {
      const scores =
        analyses.length === 1 ? [await model.score(analyses[0])] : await model.scoreMany(analyses);
      metrics.modelLatency.observe(
        { call: analyses.length === 1 ? 'score' : 'scoreMany' },
        (performance.now() - started) / 1000,
      );
      return scores;
    } catch (err) {
      log.error({ err }, 'content model failed');
      return null;
    }
  }

  /** Builds the answer, then does the off-path work: decision log, stored answer, transitions. */
  private async finish(
    p: Prepared,
    content: ContentScore | null,
    decision: Decision,
    accountSignals: AccountSignals | null,
    degraded: DegradedPart[],
    deadline: number,
  ): Promise<ScoreResponse> {
    const { req } = p;
    const { metrics, policy, model, enforcement } = this.deps;
    // A suspended account's message is blocked without running the model: certain, so score 1.
    const score = content ? round4(content.score) : decision.accountStatus === 'suspended' ? 1 : 0;
    const response: ScoreResponse = {
      messageId: req.messageId,
      accountId: req.accountId,
      score,
      action: decision.action,
      reasons: decision.reasons.map((r) => ({ code: r.code, message: r.message, weight: round4(r.weight) })),
      account: { status: decision.accountStatus, risk: round4(decision.accountRisk) },
      modelVersion: model.version,
      policyVersion: policy.version,
      degraded,
    };
    const excerpt = decision.action === 'allow' ? null : redactExcerpt(req.body);
    if (decision.transition !== null) {
      const ctx = {
        accountId: req.accountId,
        messageId: req.messageId,
        decision,
        channel: req.channel,
        excerpt,
        signals: accountSignals,
        modelVersion: model.version,
      };
      if (decision.transition === 'suspend') {
        const waited = await withinBudget(enforcement.suspend(ctx), deadline - performance.now());
        if (waited.ok && waited.value) response.account.suspensionId = waited.value;
      } else {
        void enforcement.flag(ctx);
      }
    }

    this.answers.setIfAbsent(req.messageId, response);
    metrics.decisions.inc({ action: response.action });
    for (const part of degraded) metrics.degraded.inc({ part });
    if (accountSignals) {
      const outcome = messageOutcome(content, policy);
      this.deps.signals
        .recordOutcome(req.accountId, req.messageId, {
          ...outcome,
          answer: JSON.stringify(response),
          at: p.sentAt,
        })
        .catch(() => metrics.signalErrors.inc({ operation: 'recordOutcome', kind: 'error' }));
    }
    this.deps.decisions.write({
      messageId: req.messageId,
      accountId: req.accountId,
      channel: req.channel,
      score,
      action: decision.action,
      reasons: response.reasons,
      accountStatus: decision.accountStatus,
      accountRisk: decision.accountRisk,
      modelVersion: model.version,
      policyVersion: policy.version,
      bodyHash: createHmac('sha256', this.bodyKey).update(req.body).digest('hex'),
      excerpt,
      // The feature snapshot for review and training: signals and reasons, never the body.
      features: {
        signals: accountSignals,
        contentScore: content?.score ?? null,
        contentLogit: content?.logit ?? null,
        contentReasons: content?.reasons ?? [],
        accountReasons: decision.accountReasons,
      },
      degraded,
      decidedAt: new Date(),
    });
    return response;
  }

  /**
   * A repeat the signal store recognised: its stored first answer; if that is not stored yet (the first
   * is still being answered, maybe by another replica), the decision log; failing both within the
   * budget, the same computation again with no side effects, so nothing is counted twice.
   */
  private async repeatAnswer(
    p: Prepared,
    observed: ObserveResult,
    standing: AccountStanding,
    deadline: number,
  ): Promise<ScoreResponse> {
    this.deps.metrics.duplicates.inc();
    if (observed.storedAnswer) {
      try {
        const answer = JSON.parse(observed.storedAnswer) as ScoreResponse;
        this.answers.setIfAbsent(p.req.messageId, answer);
        return answer;
      } catch {
        // fall through to the decision log
      }
    }
    const local = this.inflight.get(p.req.messageId);
    if (local) return local;
    for (;;) {
      const row = await withinBudget(
        getDecision(this.deps.db, p.req.messageId),
        deadline - performance.now(),
      );
      if (row.ok && row.value) {
        const answer = answerFromDecision(row.value);
        this.answers.setIfAbsent(p.req.messageId, answer);
        return answer;
      }
      if (!row.ok || deadline - performance.now() < 2 * REPEAT_POLL_MS) break;
      await new Promise((resolve) => setTimeout(resolve, REPEAT_POLL_MS));
    }
    const status = observed.signals.status ?? standing.status;
    const content = status === 'suspended' ? null : ((await this.scoreContent([p.analysis]))?.[0] ?? null);
    const decision = decide(
      {
        content,
        account: { status, allowlisted: standing.allowlisted, blocklisted: standing.blocklisted },
        signals: observed.signals,
      },
      this.deps.policy,
    );
    return {
      messageId: p.req.messageId,
      accountId: p.req.accountId,
      score: content ? round4(content.score) : status === 'suspended' ? 1 : 0,
      action: decision.action,
      reasons: decision.reasons.map((r) => ({ code: r.code, message: r.message, weight: round4(r.weight) })),
      // The first answer's transition, if any, is not repeated: report the status as it stands.
      account: { status, risk: round4(decision.accountRisk) },
      modelVersion: this.deps.model.version,
      policyVersion: this.deps.policy.version,
      degraded: [],
    };
  }
}

function answerFromDecision(row: StoredDecision): ScoreResponse {
  return {
    messageId: row.messageId,
    accountId: row.accountId,
    score: row.score,
    action: row.action,
    reasons: (row.reasons as StoredReason[]).map((r) => ({
      code: r.code,
      message: r.message,
      weight: r.weight,
    })),
    account: { status: row.accountStatus, risk: round4(row.accountRisk) },
    modelVersion: row.modelVersion,
    policyVersion: row.policyVersion,
    degraded: row.degraded,
  };
}
