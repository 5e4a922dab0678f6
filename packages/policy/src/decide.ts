import type { ContentReasonCode } from '@gavel/features';
import { type AccountSignals, type AccountStatus, emptySignals } from '@gavel/signals';
import type { Policy } from './policy';
import { type Reason, reasonMessage } from './reasons';
import { accountRisk } from './risk';

/** Structurally the `ContentScore` of @gavel/model (kept structural so policy does not load ONNX). */
export interface ContentScoreLike {
  score: number;
  reasons: readonly { code: ContentReasonCode; message: string; weight: number }[];
}

/** Structurally the `AccountScore` of @gavel/model: risk and reason codes from the account model. */
export interface AccountScoreLike {
  risk: number;
  reasons: readonly { code: string; weight: number }[];
  version: string;
}

export interface DecisionInput {
  /** null when the model did not run (suspended account) or failed. */
  content: ContentScoreLike | null;
  account: { status: AccountStatus; allowlisted: boolean; blocklisted: boolean };
  /** null when degraded (signal store unavailable). */
  signals: AccountSignals | null;
  /** The account model's view; used when the policy has account-model thresholds. */
  accountScore?: AccountScoreLike | null;
}

export type MessageAction = 'allow' | 'review' | 'block';

export interface Decision {
  action: MessageAction;
  reasons: Reason[];
  accountRisk: number;
  /** Status after this message. */
  accountStatus: AccountStatus;
  transition: null | 'flag' | 'suspend';
  accountReasons: Reason[];
}

export function contentAction(score: number, policy: Policy): MessageAction {
  if (score >= policy.thresholds.block) return 'block';
  if (score >= policy.thresholds.review) return 'review';
  return 'allow';
}

/**
 * What the signal store should record for a scored message (`SignalStore.recordOutcome`):
 * suspicious = review level or above, abusive = block level, both judged on content alone so an
 * account-level block (suspended, blocklisted) does not feed back into the account's own counts.
 */
export function messageOutcome(
  content: ContentScoreLike | null,
  policy: Policy,
): { score: number | null; suspicious: boolean; abusive: boolean } {
  // No content score (suspended account, model failure): nothing to add to the score stats.
  if (content === null) return { score: null, suspicious: false, abusive: false };
  const action = contentAction(content.score, policy);
  return { score: content.score, suspicious: action !== 'allow', abusive: action === 'block' };
}

function contentReasons(content: ContentScoreLike | null): Reason[] {
  if (content === null) return [];
  return content.reasons.map((r) => ({
    code: r.code,
    message: r.message || reasonMessage(r.code),
    weight: r.weight,
  }));
}

function reason(code: Reason['code'], weight = 1): Reason {
  return { code, message: reasonMessage(code), weight };
}

/**
 * The message action and the account ladder. Pure and deterministic: same input, same output.
 *
 * Ladder (hysteresis: thresholds only move an account up; only a reviewer moves it down):
 * - suspended: every message blocked (ACCOUNT_SUSPENDED), no transition, content may be null;
 * - blocklisted: every message blocked (BLOCKLISTED), no automatic transition;
 * - active|flagged -> suspended when risk >= suspendRisk AND block-level messages in 24 h (this
 *   one included) >= suspendMinAbusive24h; allowlisted accounts are flagged instead;
 * - active -> flagged when risk >= flagRisk OR review-level messages in 1 h >= flagSuspiciousCount1h;
 * - degraded (signals null): the action rests on content alone and the status never changes.
 */
export function decide(input: DecisionInput, policy: Policy): Decision {
  const { content, account } = input;
  const outcome = messageOutcome(content, policy);
  const degraded = input.signals === null;
  const risk = accountRisk(
    {
      signals: input.signals ?? emptySignals(),
      currentScore: outcome.score,
      currentSuspicious: outcome.suspicious,
      currentAbusive: outcome.abusive,
    },
    policy,
  );

  if (account.status === 'suspended') {
    const reasons = [reason('ACCOUNT_SUSPENDED')];
    if (account.blocklisted) reasons.push(reason('BLOCKLISTED'));
    return {
      action: 'block',
      reasons,
      accountRisk: risk.risk,
      accountStatus: 'suspended',
      transition: null,
      accountReasons: risk.reasons,
    };
  }

  if (account.blocklisted) {
    return {
      action: 'block',
      reasons: [reason('BLOCKLISTED'), ...contentReasons(content)],
      accountRisk: risk.risk,
      accountStatus: account.status,
      transition: null,
      accountReasons: [reason('BLOCKLISTED'), ...risk.reasons],
    };
  }

  const action: MessageAction =
    content === null ? policy.contentUnavailableAction : contentAction(content.score, policy);
  const reasons = content === null ? [reason('CONTENT_UNAVAILABLE', 0)] : contentReasons(content);

  if (degraded) {
    return {
      action,
      reasons,
      accountRisk: risk.risk,
      accountStatus: account.status,
      transition: null,
      accountReasons: risk.reasons,
    };
  }

  const model = policy.accountModel && input.accountScore ? input.accountScore : null;
  if (model && policy.accountModel && input.signals) {
    return accountModelLadder(input, policy.accountModel, model, input.signals, action, reasons);
  }

  const { ladder } = policy;
  const meetsSuspend = risk.risk >= ladder.suspendRisk && risk.abusiveCount24h >= ladder.suspendMinAbusive24h;
  const meetsFlag = risk.risk >= ladder.flagRisk || risk.suspiciousCount1h >= ladder.flagSuspiciousCount1h;
  const accountReasons = [...risk.reasons];
  if (
    risk.suspiciousCount1h >= ladder.flagSuspiciousCount1h &&
    !accountReasons.some((r) => r.code === 'SUSPICIOUS_MESSAGES')
  )
    accountReasons.push(reason('SUSPICIOUS_MESSAGES', 0));

  return ladderStep({
    meetsSuspend,
    meetsFlag,
    accountRisk: risk.risk,
    account,
    action,
    reasons,
    accountReasons,
  });
}

/**
 * The ladder with an account model: its risk (trained on behaviour and recent content scores)
 * replaces the formula. Suspend at the card's suspend threshold once the account has sent enough
 * to judge (`suspendMinMessages24h`); flag at its flag threshold. Same hysteresis and allowlist.
 */
function accountModelLadder(
  input: DecisionInput,
  ladder: NonNullable<Policy['accountModel']>,
  model: AccountScoreLike,
  signals: AccountSignals,
  action: MessageAction,
  reasons: Reason[],
): Decision {
  const { account } = input;
  const accountReasons: Reason[] = model.reasons.map((r) => ({
    code: r.code as Reason['code'],
    message: reasonMessage(r.code as Reason['code']),
    weight: r.weight,
  }));
  const meetsSuspend =
    model.risk >= ladder.suspendRisk && signals.count24h + 1 >= ladder.suspendMinMessages24h;
  const meetsFlag = model.risk >= ladder.flagRisk;
  return ladderStep({
    meetsSuspend,
    meetsFlag,
    accountRisk: model.risk,
    account,
    action,
    reasons,
    accountReasons,
  });
}

/**
 * One step on the ladder, whichever risk decided the thresholds: suspend (never an allowlisted
 * account, which is marked ALLOWLISTED instead), else flag an active account, else keep the status.
 * `accountReasons` is the caller's own array; the step may add to it.
 */
function ladderStep(step: {
  meetsSuspend: boolean;
  meetsFlag: boolean;
  accountRisk: number;
  account: DecisionInput['account'];
  action: MessageAction;
  reasons: Reason[];
  accountReasons: Reason[];
}): Decision {
  const { meetsSuspend, meetsFlag, accountRisk, account, action, reasons, accountReasons } = step;
  if (meetsSuspend && !account.allowlisted) {
    return {
      action: 'block',
      reasons: [reason('ACCOUNT_SUSPENDED'), ...reasons],
      accountRisk,
      accountStatus: 'suspended',
      transition: 'suspend',
      accountReasons,
    };
  }
  if (meetsSuspend && account.allowlisted) accountReasons.push(reason('ALLOWLISTED', 0));
  const flag = (meetsSuspend || meetsFlag) && account.status === 'active';
  return {
    action,
    reasons,
    accountRisk,
    accountStatus: flag ? 'flagged' : account.status,
    transition: flag ? 'flag' : null,
    accountReasons,
  };
}
