import type { NewOutboxRow, StoredReason } from '@gavel/db';
import { type Policy, type StatementOfReasonsInput, statementOfReasons } from '@gavel/policy';
import { APPEAL_TOKEN_VALIDITY_MS, appealLink, signAppealToken } from '../notices/appealToken';
import { type NoticeStatement, noticeAddress, suspensionNoticeRows } from '../notices/suspensionNotice';

const DAY_MS = 24 * 3_600_000;
/** The appeal link outlives the appeal window so the holder can follow the appeal to its end. */
const LINK_GRACE_MS = 90 * DAY_MS;

export interface SuspensionRecordInput {
  suspensionId: string;
  accountId: string;
  at: Date;
  reasons: StoredReason[];
  /** Channel of the messages behind it, for the plain-language text. */
  channel: string | null;
  modelVersion?: string;
  accountRisk?: number;
  counts?: StatementOfReasonsInput['counts'];
  /** Redacted excerpts, the triggering message first; duplicates are dropped here. */
  examples: readonly string[];
  /** The reviewer who decided it; null when automated. */
  decidedBy: string | null;
  /** The reviewer's written rationale (reviewer decisions only). */
  rationale?: string;
  noticeEmail: string | null;
  webhookUrl: string | null;
}

export interface SuspensionRecord {
  /** Stored with the suspension, without the link: the token is a credential, re-derivable from SECRET. */
  statement: NoticeStatement;
  appealDeadline: Date;
  appealUrl: string;
  outbox: NewOutboxRow[];
}

/** Distinct excerpts in order (the same text sent twice is one example). */
export function distinctExamples(examples: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const e of examples) if (e && !out.includes(e)) out.push(e);
  return out;
}

/**
 * Everything a suspension writes besides its rows, for automated and reviewer decisions alike: the
 * statement of reasons (DSA Art. 17), the appeal deadline, the signed appeal link and the notices. One
 * function, so the two kinds of suspension can never again differ in what the holder is told.
 */
export function suspensionRecord(
  input: SuspensionRecordInput,
  deps: { policy: Policy; secret: string; publicUrl: string },
): SuspensionRecord {
  const built = statementOfReasons({
    suspensionId: input.suspensionId,
    accountId: input.accountId,
    decidedAt: input.at,
    reasons: input.reasons,
    policy: deps.policy,
    ...(input.channel ? { channel: input.channel } : {}),
    ...(input.modelVersion ? { modelVersion: input.modelVersion } : {}),
    ...(input.accountRisk !== undefined ? { accountRisk: input.accountRisk } : {}),
    ...(input.counts ? { counts: input.counts } : {}),
    examples: distinctExamples(input.examples),
  });
  const statement: NoticeStatement =
    input.decidedBy === null
      ? built
      : {
          ...built,
          decision_facts: `A reviewer examined the account's recent messages and found: ${
            input.reasons.length
              ? input.reasons.map((r) => r.message).join('; ')
              : 'spam, scam or abusive messages'
          }. ${input.rationale ?? ''}`.trim(),
          automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
        };
  const appealDeadline = new Date(`${statement.redress.appealDeadline}T23:59:59.999Z`);
  const token = signAppealToken(
    {
      suspensionId: input.suspensionId,
      accountId: input.accountId,
      expiresAt: new Date(
        Math.max(input.at.getTime() + APPEAL_TOKEN_VALIDITY_MS, appealDeadline.getTime() + LINK_GRACE_MS),
      ),
    },
    deps.secret,
  );
  const appealUrl = appealLink(deps.publicUrl, token);
  const outbox = suspensionNoticeRows({
    accountId: input.accountId,
    suspensionId: input.suspensionId,
    statement: { ...statement, redress: { ...statement.redress, appealUrl } },
    appealUrl,
    email: noticeAddress(input.accountId, input.noticeEmail),
    webhookUrl: input.webhookUrl,
  });
  return { statement, appealDeadline, appealUrl, outbox };
}
