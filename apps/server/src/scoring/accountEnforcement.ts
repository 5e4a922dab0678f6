import {
  AllowlistedAccountError,
  type Db,
  describeDbError,
  flagAccount,
  getAccount,
  newId,
  type StoredReason,
  suspendAccount,
} from '@gavel/db';
import { type Decision, type Policy, statementOfReasons } from '@gavel/policy';
import type { AccountSignals, SignalStore } from '@gavel/signals';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import { APPEAL_TOKEN_VALIDITY_MS, appealLink, signAppealToken } from '../notices/appealToken';
import { noticeAddress, suspensionNoticeRows } from '../notices/suspensionNotice';
import type { AccountDirectory } from './accountDirectory';

/** Appeal windows are policy (`statement.appealWindowDays`, at least 183 days). */
const DAY_MS = 24 * 3_600_000;

export interface EnforcementDeps {
  db: Db;
  signals: SignalStore;
  directory: AccountDirectory;
  policy: Policy;
  config: Config;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** Called after notices were enqueued, so an in-process worker delivers them without waiting to poll. */
  onOutboxEnqueued?: () => void;
}

export interface TransitionContext {
  accountId: string;
  decision: Decision;
  channel: string;
  /** Redacted excerpt of the triggering message (an example in the statement; never the raw body). */
  excerpt: string | null;
  /** The account's signals with this message counted (null when degraded). */
  signals: AccountSignals | null;
  modelVersion: string;
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
 * The account ladder's side effects, off the response path: flag (opens a review case) and suspend
 * (one transaction: status, suspension, status change, notices in the outbox), then the signal
 * store's status. Racing transitions of one account on this replica share one promise; across
 * replicas the row lock and the one-open-suspension index make the loser a no-op.
 */
export class AccountEnforcement {
  private readonly suspending = new Map<string, Promise<string | null>>();
  private readonly flagging = new Map<string, Promise<void>>();

  constructor(private readonly deps: EnforcementDeps) {}

  flag(ctx: TransitionContext): Promise<void> {
    const running = this.flagging.get(ctx.accountId);
    if (running) return running;
    const { db, directory, signals, metrics, log, config } = this.deps;
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
        await signals.setStatus(ctx.accountId, result.account.status).catch((err) => {
          log.warn({ err, accountId: ctx.accountId }, 'could not cache the flagged status');
        });
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
    const { directory } = this.deps;
    directory.setStatus(ctx.accountId, 'suspended');
    const work = this.writeSuspension(ctx).finally(() => this.suspending.delete(ctx.accountId));
    this.suspending.set(ctx.accountId, work);
    return work;
  }

  private async writeSuspension(ctx: TransitionContext): Promise<string | null> {
    const { db, directory, signals, metrics, log, config, policy } = this.deps;
    try {
      const account = await getAccount(db, ctx.accountId);
      const at = new Date();
      const suspensionId = newId('su');
      const reasons = storedReasons(ctx.decision);
      const s = ctx.signals;
      const statement = statementOfReasons({
        suspensionId,
        accountId: ctx.accountId,
        decidedAt: at,
        reasons,
        policy,
        modelVersion: ctx.modelVersion,
        channel: ctx.channel,
        accountRisk: ctx.decision.accountRisk,
        examples: ctx.excerpt ? [ctx.excerpt] : [],
        ...(s
          ? {
              counts: {
                abusiveMessages24h: s.abusiveCount24h,
                suspiciousMessages1h: s.suspiciousCount1h,
                messages24h: s.count24h,
                uniqueRecipients24h: s.uniqueRecipients24h,
              },
            }
          : {}),
      });
      const appealDeadline = new Date(`${statement.redress.appealDeadline}T23:59:59.999Z`);
      const token = signAppealToken(
        {
          suspensionId,
          accountId: ctx.accountId,
          // The link outlives the appeal window so the holder can follow the appeal to its end.
          expiresAt: new Date(
            Math.max(at.getTime() + APPEAL_TOKEN_VALIDITY_MS, appealDeadline.getTime() + 90 * DAY_MS),
          ),
        },
        config.secret,
      );
      const appealUrl = appealLink(config.publicUrl, token);
      const result = await suspendAccount(db, {
        id: suspensionId,
        accountId: ctx.accountId,
        reasons,
        // Stored without the link: the token is a credential, re-derivable from SECRET when needed.
        statement: statement as unknown as Record<string, unknown>,
        appealDeadline,
        risk: ctx.decision.accountRisk,
        at,
        outbox: suspensionNoticeRows({
          accountId: ctx.accountId,
          suspensionId,
          statement: { ...statement, redress: { ...statement.redress, appealUrl } },
          appealUrl,
          email: noticeAddress(ctx.accountId, account?.noticeEmail ?? null),
          webhookUrl: account?.webhookUrl ?? null,
        }),
      });
      if (result.created) {
        metrics.transitions.inc({ transition: 'suspend' });
        this.deps.onOutboxEnqueued?.();
      }
      await signals.setStatus(ctx.accountId, 'suspended').catch((err) => {
        log.warn({ err, accountId: ctx.accountId }, 'could not cache the suspended status');
      });
      return result.suspension.id;
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

  /** Waits for transitions in flight (shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.suspending.values(), ...this.flagging.values()]);
  }
}
