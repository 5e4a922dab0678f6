import type { StoredReason } from '@gavel/db';
import { type Policy, type StatementOfReasons, statementOfReasons } from '@gavel/policy';

export interface StatementInput {
  accountId: string;
  /** Becomes `puid`; the account id when not known yet. */
  suspensionId?: string;
  reasons: readonly StoredReason[];
  channel: string;
  decidedAt: Date;
  policy: Policy;
}

/**
 * The statement of reasons of a suspension (DSA Art. 17), from @gavel/policy's `statementOfReasons`.
 * Kept for callers that only have these fields (the review role's reviewer-decided suspensions).
 */
export function buildStatementOfReasons(input: StatementInput): StatementOfReasons {
  return statementOfReasons({
    suspensionId: input.suspensionId ?? input.accountId,
    accountId: input.accountId,
    decidedAt: input.decidedAt,
    reasons: input.reasons,
    policy: input.policy,
    channel: input.channel,
  });
}
