import {
  type Account,
  AllowlistedAccountError,
  changeAccountStatus,
  countEvidence,
  type Db,
  type DecisionWriter,
  describeDbError,
  type EvidenceCountsRow,
  enqueueOutbox,
  flagAccount,
  getAccount,
  liftSuspension,
  listSuspensionEvidence,
  newId,
  type StoredReason,
  type Suspension,
  suspendAccount,
} from '@gavel/db';
import type { Decision, Policy, StatementOfReasonsInput } from '@gavel/policy';
import type { AccountSignals, AccountStatus, SignalStore } from '@gavel/signals';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import { APPEAL_TOKEN_VALIDITY_MS, appealLink, signAppealToken } from '../notices/appealToken';
import { outcomeNoticeRows } from '../notices/outcomeNotice';
import type { AccountDirectory } from '../scoring/accountDirectory';
import { suspensionRecord } from './suspensionRecord';

export interface EnforcementDeps {
  db: Db;
  signals: SignalStore;
  /** The scoring path's cache of account standing; every status change here updates it. */
  directory: AccountDirectory;
  policy: Policy;
  /** Flushed before a suspension counts its evidence, so the decisions just taken are in the log. */
  decisions: Pick<DecisionWriter, 'flush'>;
  config: Pick<Config, 'appealDueHours' | 'secret' | 'publicUrl'>;
  metrics: Metrics;
  log: FastifyBaseLogger;
}

/** The message whose decision moved the account up the ladder. */
export interface TransitionContext {
  accountId: string;
  /** The triggering message: written to the decision log only after the transition, so counted here. */
  messageId: string;
  decision: Decision;
  channel: string;
  /** Redacted excerpt of the triggering message (an example in the statement; never the raw body). */
  excerpt: string | null;
  /** The account's signals with this message counted (null when degraded). */
  signals: AccountSignals | null;
  modelVersion: string;
}

/** What a committed change asks of the caches and the outbox worker (applied after the commit). */
export interface EnforcementEffects {
  status: { accountId: string; to: AccountStatus; resetRisk: boolean } | null;
  noticesEnqueued: boolean;
}

export const NO_EFFECTS: EnforcementEffects = { status: null, noticesEnqueued: false };

export function mergeEffects(...all: EnforcementEffects[]): EnforcementEffects {
  return {
    status: all.reduce<EnforcementEffects['status']>((last, e) => e.status ?? last, null),
    noticesEnqueued: all.some((e) => e.noticesEnqueued),
  };
}

export interface ReviewerSuspensionInput {
  accountId: string;
  caseId: string;
  reviewerId: string;
  rationale: string;
  reasons: StoredReason[];
  /** The dominant channel of the evidence (null when there is none). */
  channel: string | null;
  examples: readonly string[];
  at: Date;
}

export interface ReinstateInput {
  accountId: string;
  /** The suspension an appeal is about; null for a flagged case. */
  suspension: Suspension | null;
  caseId: string;
  reviewerId: string;
  /** A flagged case only clears a flag: it never lifts a suspension (only its appeal can). */
  onlyFromFlagged: boolean;
  at: Date;
}

export interface AppealOutcomeInput {
  accountId: string;
  suspensionId: string;
  caseId: string;
  appealReference: string;
  outcome: 'reinstated' | 'upheld';
  rationale: string;
  contactEmail: string | null;
  at: Date;
}

/**
 * The statement's counts from the decision log, with the triggering message added when the log does
 * not hold it yet. "Blocked" and "needed review" are the messages' own actions, never each other's.
 */
function statementCounts(
  log: EvidenceCountsRow & { includesTrigger: boolean },
  triggerAction: string | null,
): NonNullable<StatementOfReasonsInput['counts']> {
  const add = triggerAction !== null && !log.includesTrigger ? 1 : 0;
  return {
    messages24h: log.messages + add,
    abusiveMessages24h: log.blocked + (triggerAction === 'block' ? add : 0),
    suspiciousMessages1h: log.reviewLastHour + (triggerAction === 'review' ? add : 0),
  };
}

function storedReasons(decision: Decision): StoredReason[] {
  const seen = new Set<string>();
  const out: StoredReason[] = [];
  for (const r of [...decision.accountReasons, ...decision.reasons]) {
    if (r.code === 'ACCOUNT_SUSPENDED' || seen.has(r.code)) continue;
    seen.add(r.code);
    out.push({ code: r.code, message: r.message, weight: r.weight });
  }
  return out;
}

/**
 * The account ladder and its side effects, in one place: flag (opens a review case), suspend
 * (automated or by a reviewer: one path, one transaction with status, suspension, status change and
 * notices), reinstate, and the holder's notices. The scoring path calls `flag`/`suspend` off its
 * response path; the case actions call the `*InCase` methods inside their locked-case transaction and
 * `apply` the effects after the commit. Racing automated transitions of one account on this replica
 * share one promise; across replicas the row lock and the one-open-suspension index make the loser a
 * no-op.
 */
export class EnforcementService {
  private readonly suspending = new Map<string, Promise<string | null>>();
  private readonly flagging = new Map<string, Promise<void>>();
  private readonly noticeListeners = new Set<() => void>();

  constructor(private readonly deps: EnforcementDeps) {}

  /** The worker role, when it runs in this process, delivers at once instead of at its next poll. */
  onNoticesEnqueued(listener: () => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  // ------------------------------------------------------------ automated (the scoring path)

  flag(ctx: TransitionContext): Promise<void> {
    const running = this.flagging.get(ctx.accountId);
    if (running) return running;
    const { db, directory, metrics, log, config } = this.deps;
    directory.setStatus(ctx.accountId, 'flagged');
    const work = (async () => {
      try {
        const result = await flagAccount(db, {
          accountId: ctx.accountId,
          risk: ctx.decision.accountRisk,
          reasons: storedReasons(ctx.decision),
          dueAt: new Date(Date.now() + config.appealDueHours * 3_600_000),
        });
        if (result.created) metrics.transitions.inc({ transition: 'flag' });
        await this.cacheStatus(ctx.accountId, result.account.status, false, false);
      } catch (err) {
        // The next suspicious message re-derives the transition from the signals.
        directory.invalidate(ctx.accountId);
        log.error({ err: describeDbError(err), accountId: ctx.accountId }, 'flagging the account failed');
      }
    })().finally(() => this.flagging.delete(ctx.accountId));
    this.flagging.set(ctx.accountId, work);
    return work;
  }

  /** Resolves to the open suspension's id, or null when it could not be written (logged). */
  suspend(ctx: TransitionContext): Promise<string | null> {
    const running = this.suspending.get(ctx.accountId);
    if (running) return running;
    this.deps.directory.setStatus(ctx.accountId, 'suspended');
    const work = this.suspendAutomatically(ctx).finally(() => this.suspending.delete(ctx.accountId));
    this.suspending.set(ctx.accountId, work);
    return work;
  }

  private async suspendAutomatically(ctx: TransitionContext): Promise<string | null> {
    const { db, directory, log } = this.deps;
    try {
      const at = new Date();
      const evidence = await this.evidenceAt(ctx.accountId, at, ctx.messageId);
      const s = ctx.signals;
      const { suspension, effects } = await this.writeSuspension(db, {
        accountId: ctx.accountId,
        reasons: storedReasons(ctx.decision),
        channel: ctx.channel,
        modelVersion: ctx.modelVersion,
        accountRisk: ctx.decision.accountRisk,
        // The triggering message first: it is the one the holder is most likely to recognise.
        examples: [ctx.excerpt, ...evidence.examples].filter((e): e is string => Boolean(e)),
        counts: {
          ...statementCounts(evidence.counts, ctx.decision.action),
          ...(s ? { uniqueRecipients24h: s.uniqueRecipients24h } : {}),
        },
        decidedBy: null,
        caseId: null,
        at,
      });
      await this.apply(effects, { strict: false });
      return suspension.id;
    } catch (err) {
      directory.invalidate(ctx.accountId);
      if (err instanceof AllowlistedAccountError) {
        log.info({ accountId: ctx.accountId }, 'allowlisted account not suspended automatically');
      } else {
        log.error({ err: describeDbError(err), accountId: ctx.accountId }, 'suspending the account failed');
      }
      return null;
    }
  }

  /**
   * The decision log's counts and excerpts up to `at`: the same queries the case page reads. The
   * writer is flushed first; the triggering message is not in the log yet (it is written after this
   * transition), so the caller adds it (`triggerMessageId` guards against counting it twice).
   */
  private async evidenceAt(
    accountId: string,
    at: Date,
    triggerMessageId: string | null,
  ): Promise<{ counts: EvidenceCountsRow & { includesTrigger: boolean }; examples: string[] }> {
    const { db, decisions, log } = this.deps;
    await decisions
      .flush()
      .catch((err) => log.warn({ err }, 'decision log flush before a suspension failed'));
    const [counts, evidence] = await Promise.all([
      countEvidence(db, { accountId, at, slackMs: 0 }),
      listSuspensionEvidence(db, { accountId, openedAt: at }, { limit: 20, withExcerptOnly: true }),
    ]);
    const includesTrigger =
      triggerMessageId !== null && evidence.some((e) => e.messageId === triggerMessageId);
    return { counts: { ...counts, includesTrigger }, examples: evidence.map((e) => e.excerpt ?? '') };
  }

  // ------------------------------------------------------------ reviewer decisions (in a case transaction)

  /** A reviewer upholds a flag: the account is suspended by a human, with its own statement and notice. */
  async suspendInCase(tx: Db, input: ReviewerSuspensionInput): Promise<EnforcementEffects> {
    const log = await countEvidence(tx, { accountId: input.accountId, at: input.at, slackMs: 0 });
    const { effects } = await this.writeSuspension(tx, {
      accountId: input.accountId,
      reasons: input.reasons,
      channel: input.channel,
      examples: input.examples,
      counts: statementCounts({ ...log, includesTrigger: true }, null),
      decidedBy: input.reviewerId,
      rationale: input.rationale,
      caseId: input.caseId,
      at: input.at,
    });
    return effects;
  }

  /** Lifts the suspension (an appeal) or clears the flag (a flagged case); risk starts again at 0. */
  async reinstateInCase(tx: Db, input: ReinstateInput): Promise<EnforcementEffects> {
    if (input.suspension) await liftSuspension(tx, input.suspension.id, input.at);
    const change = await changeAccountStatus(tx, {
      accountId: input.accountId,
      to: 'active',
      cause: 'reviewer',
      actorId: input.reviewerId,
      caseId: input.caseId,
      suspensionId: input.suspension?.id ?? null,
      expectedFrom: input.onlyFromFlagged ? 'flagged' : undefined,
      risk: 0,
      at: input.at,
    });
    const reactivated = change !== null || !input.onlyFromFlagged;
    return {
      status: reactivated ? { accountId: input.accountId, to: 'active', resetRisk: true } : null,
      noticesEnqueued: false,
    };
  }

  /** The appeal's outcome to the holder: email to the appeal's contact, webhook to the account's URL. */
  async notifyAppealOutcomeInCase(tx: Db, input: AppealOutcomeInput): Promise<EnforcementEffects> {
    const account = await getAccount(tx, input.accountId);
    const token = signAppealToken(
      {
        suspensionId: input.suspensionId,
        accountId: input.accountId,
        expiresAt: new Date(input.at.getTime() + APPEAL_TOKEN_VALIDITY_MS),
      },
      this.deps.config.secret,
    );
    const rows = outcomeNoticeRows({
      accountId: input.accountId,
      suspensionId: input.suspensionId,
      caseId: input.caseId,
      appealReference: input.appealReference,
      outcome: input.outcome,
      rationale: input.rationale,
      decidedAt: input.at,
      statusUrl: appealLink(this.deps.config.publicUrl, token),
      email: input.contactEmail ?? account?.noticeEmail ?? null,
      webhookUrl: account?.webhookUrl ?? null,
    });
    const written = await enqueueOutbox(tx, rows);
    return { status: null, noticesEnqueued: written.length > 0 };
  }

  // ------------------------------------------------------------ after the commit

  /**
   * Makes a committed change visible: this replica's cache, the signal store, the outbox worker. A
   * reviewer's decision must show on the next score, so a signal-store failure is thrown to the caller
   * (`strict`); the automated path logs it, and the next message re-derives the status.
   */
  async apply(effects: EnforcementEffects, opts: { strict?: boolean } = { strict: true }): Promise<void> {
    if (effects.noticesEnqueued) for (const listener of this.noticeListeners) listener();
    if (effects.status) {
      const { accountId, to, resetRisk } = effects.status;
      await this.cacheStatus(accountId, to, resetRisk, opts.strict ?? true);
    }
  }

  /** Waits for transitions in flight (shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.suspending.values(), ...this.flagging.values()]);
  }

  // ------------------------------------------------------------ the one suspension path

  private async writeSuspension(
    db: Db,
    input: {
      accountId: string;
      reasons: StoredReason[];
      channel: string | null;
      modelVersion?: string;
      accountRisk?: number;
      examples: readonly string[];
      counts?: StatementOfReasonsInput['counts'];
      decidedBy: string | null;
      rationale?: string;
      caseId: string | null;
      at: Date;
    },
  ): Promise<{ suspension: Suspension; effects: EnforcementEffects }> {
    const { config, policy, metrics } = this.deps;
    const account: Account | null = await getAccount(db, input.accountId);
    const suspensionId = newId('su');
    const record = suspensionRecord(
      {
        suspensionId,
        accountId: input.accountId,
        at: input.at,
        reasons: input.reasons,
        channel: input.channel,
        modelVersion: input.modelVersion,
        accountRisk: input.accountRisk,
        counts: input.counts,
        examples: input.examples,
        decidedBy: input.decidedBy,
        rationale: input.rationale,
        noticeEmail: account?.noticeEmail ?? null,
        webhookUrl: account?.webhookUrl ?? null,
      },
      { policy, secret: config.secret, publicUrl: config.publicUrl },
    );
    const result = await suspendAccount(db, {
      id: suspensionId,
      accountId: input.accountId,
      reasons: input.reasons,
      statement: record.statement as unknown as Record<string, unknown>,
      appealDeadline: record.appealDeadline,
      ...(input.accountRisk !== undefined ? { risk: input.accountRisk } : {}),
      decidedBy: input.decidedBy,
      caseId: input.caseId,
      at: input.at,
      outbox: record.outbox,
    });
    if (result.created) metrics.transitions.inc({ transition: 'suspend' });
    return {
      suspension: result.suspension,
      effects: {
        status: { accountId: input.accountId, to: 'suspended', resetRisk: false },
        noticesEnqueued: result.created,
      },
    };
  }

  private async cacheStatus(
    accountId: string,
    status: AccountStatus,
    resetRisk: boolean,
    strict: boolean,
  ): Promise<void> {
    this.deps.directory.setStatus(accountId, status);
    try {
      await this.deps.signals.setStatus(accountId, status, resetRisk ? { resetRisk: true } : undefined);
    } catch (err) {
      if (strict) throw err;
      this.deps.log.warn({ err, accountId }, 'could not cache the account status');
    }
  }
}
