import type { StoredReason } from '@gavel/db';
import type { Policy } from '@gavel/policy';

export interface StatementInput {
  accountId: string;
  suspensionId?: string;
  reasons: readonly StoredReason[];
  channel: string;
  decidedAt: Date;
  policy: Policy;
}

/**
 * The statement of reasons stored with a suspension and sent in notices (DSA Art. 17), with the
 * EU DSA Transparency Database field names.
 */
export function buildStatementOfReasons(input: StatementInput): Record<string, unknown> {
  const { policy } = input;
  const sentences = input.reasons.map((r) => r.message);
  return {
    decision_visibility: [],
    decision_monetary: null,
    decision_provision: null,
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    account_type: 'ACCOUNT_TYPE_BUSINESS',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: policy.statement.incompatibleContentGround,
    incompatible_content_explanation: sentences.join(' '),
    incompatible_content_illegal: false,
    category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
    category_specification: input.reasons.map((r) => r.code),
    content_type: ['CONTENT_TYPE_TEXT'],
    content_type_other: input.channel,
    decision_facts: `Automated checks of the account's recent messages found: ${sentences.join('; ')}.`,
    automated_detection: 'Yes',
    automated_decision: 'AUTOMATED_DECISION_FULLY',
    source_type: 'SOURCE_VOLUNTARY',
    application_date: input.decidedAt.toISOString(),
    end_date_account_restriction: null,
    territorial_scope: policy.statement.territorialScope,
    terms_url: policy.statement.termsUrl,
    puid: input.suspensionId ?? input.accountId,
    policy_version: policy.version,
  };
}
