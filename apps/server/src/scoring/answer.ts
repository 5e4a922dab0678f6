import type { DegradedPart, ScoreRequest, ScoreResponse } from '@gavel/contracts';
import type { DecisionRow, StoredDecision, StoredReason } from '@gavel/db';
import type { ContentScore } from '@gavel/model';
import type { Decision } from '@gavel/policy';
import type { AccountSignals } from '@gavel/signals';

// Pure shaping of what one decided message becomes: the answer the pipeline gets, and the row the
// decision log keeps. No I/O here, so both are easy to test and the service stays a pipeline.

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface DecidedMessage {
  messageId: string;
  accountId: string;
  channel: ScoreRequest['channel'];
  content: ContentScore | null;
  decision: Decision;
  signals: AccountSignals | null;
  degraded: DegradedPart[];
}

export interface Versions {
  modelVersion: string;
  policyVersion: string;
}

/** The answer, before the suspension id (if any) is known. */
export function buildAnswer(m: DecidedMessage, versions: Versions): ScoreResponse {
  // A suspended account's message is blocked without running the model: certain, so score 1.
  const score = m.content ? round4(m.content.score) : m.decision.accountStatus === 'suspended' ? 1 : 0;
  return {
    messageId: m.messageId,
    accountId: m.accountId,
    score,
    action: m.decision.action,
    reasons: m.decision.reasons.map((r) => ({ code: r.code, message: r.message, weight: round4(r.weight) })),
    account: { status: m.decision.accountStatus, risk: round4(m.decision.accountRisk) },
    modelVersion: versions.modelVersion,
    policyVersion: versions.policyVersion,
    degraded: m.degraded,
  };
}

/**
 * The decision-log row of an answer. It carries the answer exactly (score, reasons, status, the
 * suspension id inside `features.answer`), so a repeat answered from the log is the first answer.
 */
export function buildDecisionRow(
  m: DecidedMessage,
  answer: ScoreResponse,
  bodyHash: string,
  excerpt: string | null,
  decidedAt: Date,
): DecisionRow {
  return {
    messageId: answer.messageId,
    accountId: answer.accountId,
    channel: m.channel,
    score: answer.score,
    action: answer.action,
    reasons: answer.reasons,
    accountStatus: answer.account.status,
    accountRisk: m.decision.accountRisk,
    modelVersion: answer.modelVersion,
    policyVersion: answer.policyVersion,
    bodyHash,
    excerpt,
    // The feature snapshot for review and training: signals and reasons, never the body.
    features: {
      signals: m.signals,
      contentScore: m.content?.score ?? null,
      contentLogit: m.content?.logit ?? null,
      contentReasons: m.content?.reasons ?? [],
      accountReasons: m.decision.accountReasons,
      suspensionId: answer.account.suspensionId ?? null,
    },
    degraded: answer.degraded,
    decidedAt,
  };
}

/** The first answer again, from its decision-log row. */
export function answerFromDecision(row: StoredDecision): ScoreResponse {
  const answer: ScoreResponse = {
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
  const suspensionId = (row.features as { suspensionId?: string | null } | null)?.suspensionId;
  if (suspensionId) answer.account.suspensionId = suspensionId;
  return answer;
}
