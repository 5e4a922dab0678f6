import type { Policy } from './policy';
import { type ReasonCode, reasonMessage } from './reasons';

export interface StatementOfReasonsInput {
  /** The suspension id; becomes `puid` (the platform's unique id of the decision). */
  suspensionId: string;
  accountId: string;
  /** When the restriction took effect. */
  decidedAt: Date | number | string;
  /** When the notice is sent (default: decidedAt); the appeal deadline counts from it. */
  noticeAt?: Date | number | string;
  /** When the content behind the decision was sent, e.g. the first abusive message (default: decidedAt). */
  contentAt?: Date | number | string;
  /** The decision's reasons: account reasons and content reasons (codes; messages optional). */
  reasons: readonly { code: ReasonCode | string; message?: string; weight?: number }[];
  policy: Pick<Policy, 'version' | 'statement'>;
  modelVersion?: string;
  /** Channel of the blocked messages (sms, whatsapp, ...), for the plain-language text. */
  channel?: string;
  /** Counts behind the decision; each one given appears in the facts. */
  counts?: {
    abusiveMessages24h?: number;
    suspiciousMessages1h?: number;
    messages24h?: number;
    uniqueRecipients24h?: number;
  };
  accountRisk?: number;
  /** Already redacted excerpts (redactExcerpt); at most three are kept. Never raw bodies. */
  examples?: readonly string[];
  /** The signed appeal link of the notice. */
  appealUrl?: string;
}

export interface StatementOfReasons {
  // EU DSA Transparency Database fields.
  decision_account: 'DECISION_ACCOUNT_SUSPENDED';
  decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
  incompatible_content_ground: string;
  incompatible_content_explanation: string;
  incompatible_content_illegal: 'No';
  category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD' | 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE';
  category_specification: string[];
  category_specification_other: string | null;
  decision_facts: string;
  content_type: ['CONTENT_TYPE_TEXT'];
  /** YYYY-MM-DD (UTC). */
  content_date: string;
  automated_detection: 'Yes';
  automated_decision: 'AUTOMATED_DECISION_FULLY';
  source_type: 'SOURCE_VOLUNTARY';
  /** YYYY-MM-DD (UTC). */
  application_date: string;
  /** null: indefinite, until a human review reinstates the account. */
  end_date_account_restriction: null;
  territorial_scope: string[];
  puid: string;

  // Plain language for the account holder.
  title: string;
  restriction: string;
  duration: string;
  reasons: { code: string; message: string }[];
  automation: string;
  termsUrl: string | null;
  policyVersion: string;
  modelVersion: string | null;
  redress: {
    appealUrl: string | null;
    /** YYYY-MM-DD (UTC), at least six months after the notice. */
    appealDeadline: string;
    howToAppeal: string;
    otherRoutes: string[];
  };
  examples: string[];
}

const PHISHING_CODES = new Set(['CREDENTIAL_REQUEST', 'SUSPICIOUS_LINK', 'SHORTENED_URL']);
const IMPERSONATION_CODES = new Set(['BRAND_IMPERSONATION']);
const PUMPING_CODES = new Set(['SMS_PUMPING', 'LOW_OTP_CONVERSION', 'MANY_DESTINATION_COUNTRIES']);
const SCAM_CODES = new Set([
  'PAYMENT_REQUEST',
  'PRIZE_CLAIM',
  'PHONE_CALLBACK',
  'URGENCY',
  'RECENT_ABUSIVE_MESSAGES',
]);
/** Codes that describe how the account (not the messages) behaved. */
const NOT_FACTS = new Set(['ACCOUNT_SUSPENDED', 'ALLOWLISTED', 'BLOCKLISTED', 'CONTENT_UNAVAILABLE']);

const MAX_EXAMPLES = 3;
const MAX_EXAMPLE_LENGTH = 280;
const DAY_MS = 86_400_000;

function toDate(value: Date | number | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError('statementOfReasons: invalid date');
  return date;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function longDay(date: Date): string {
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function categoryOf(
  codes: Set<string>,
): Pick<StatementOfReasons, 'category' | 'category_specification' | 'category_specification_other'> {
  const keywords: string[] = [];
  const other: string[] = [];
  if ([...codes].some((c) => PHISHING_CODES.has(c))) keywords.push('KEYWORD_PHISHING');
  if ([...codes].some((c) => IMPERSONATION_CODES.has(c)))
    keywords.push('KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING');
  if ([...codes].some((c) => PUMPING_CODES.has(c))) other.push('SMS pumping (artificially inflated traffic)');
  if ([...codes].some((c) => SCAM_CODES.has(c)))
    other.push('fraudulent messages (advance-fee, prize or payment scams)');
  if (keywords.length > 0 || other.length > 0) {
    if (other.length > 0) keywords.push('KEYWORD_OTHER');
    return {
      category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      category_specification: keywords,
      category_specification_other: other.length > 0 ? other.join('; ') : null,
    };
  }
  return {
    category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    category_specification: ['KEYWORD_OTHER'],
    category_specification_other: 'unsolicited bulk messaging (spam)',
  };
}

/**
 * The statement of reasons a suspended account holder receives (DSA Art. 17): the restriction,
 * its scope and duration, the facts and circumstances, the contractual ground, whether detection
 * and decision were automated, and the routes to redress. Pure: built only from its input, never
 * from message bodies (examples must already be redacted).
 */
export function statementOfReasons(input: StatementOfReasonsInput): StatementOfReasons {
  const decidedAt = toDate(input.decidedAt);
  const noticeAt = toDate(input.noticeAt ?? input.decidedAt);
  const { statement } = input.policy;
  const channel = input.channel ? `${input.channel.toUpperCase()} ` : '';

  const seen = new Set<string>();
  const reasons: { code: string; message: string }[] = [];
  for (const r of input.reasons) {
    if (seen.has(r.code)) continue;
    seen.add(r.code);
    reasons.push({ code: r.code, message: r.message || reasonMessage(r.code as ReasonCode) });
  }
  const factual = reasons.filter((r) => !NOT_FACTS.has(r.code));

  const facts: string[] = [
    `On ${longDay(decidedAt)} our automated systems suspended account ${input.accountId} after reviewing its recent ${channel}messages and sending patterns.`,
  ];
  const counts = input.counts ?? {};
  if (counts.abusiveMessages24h !== undefined)
    facts.push(
      `In the preceding 24 hours, ${plural(counts.abusiveMessages24h, 'message was', 'messages were')} blocked as likely spam, phishing or fraud${
        counts.messages24h !== undefined
          ? ` out of ${plural(counts.messages24h, 'message', 'messages')} sent`
          : ''
      }.`,
    );
  if (counts.suspiciousMessages1h !== undefined && counts.suspiciousMessages1h > 0)
    facts.push(
      `In the preceding hour, ${plural(counts.suspiciousMessages1h, 'message needed', 'messages needed')} review.`,
    );
  if (counts.uniqueRecipients24h !== undefined)
    facts.push(
      `The messages went to about ${plural(counts.uniqueRecipients24h, 'recipient', 'different recipients')}.`,
    );
  if (factual.length > 0) facts.push(`What we found: ${factual.map((r) => r.message).join('; ')}.`);
  if (input.accountRisk !== undefined)
    facts.push(`The account's risk score was ${input.accountRisk.toFixed(2)} on a scale from 0 to 1.`);

  const appealDeadline = new Date(noticeAt.getTime() + statement.appealWindowDays * DAY_MS);
  const examples = (input.examples ?? [])
    .slice(0, MAX_EXAMPLES)
    .map((e) => (e.length > MAX_EXAMPLE_LENGTH ? `${e.slice(0, MAX_EXAMPLE_LENGTH - 1)}…` : e));

  return {
    decision_account: 'DECISION_ACCOUNT_SUSPENDED',
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: statement.incompatibleContentGround,
    incompatible_content_explanation: `The account sent messages that our Acceptable Use Policy does not allow: ${
      factual.length > 0
        ? factual.map((r) => r.message.charAt(0).toLowerCase() + r.message.slice(1)).join('; ')
        : 'spam, phishing or fraud'
    }.`,
    incompatible_content_illegal: 'No',
    ...categoryOf(new Set(reasons.map((r) => r.code))),
    decision_facts: facts.join(' '),
    content_type: ['CONTENT_TYPE_TEXT'],
    content_date: isoDay(toDate(input.contentAt ?? input.decidedAt)),
    automated_detection: 'Yes',
    automated_decision: 'AUTOMATED_DECISION_FULLY',
    source_type: 'SOURCE_VOLUNTARY',
    application_date: isoDay(decidedAt),
    end_date_account_restriction: null,
    territorial_scope: [...statement.territorialScope],
    puid: input.suspensionId,

    title: 'Your account has been suspended',
    restriction: `Account ${input.accountId} is suspended: every message it sends is blocked. The suspension started on ${longDay(decidedAt)}.`,
    duration:
      'The suspension has no end date. It lasts until a person reviews it, and you can ask for that review now.',
    reasons,
    automation:
      'The suspension was detected and decided automatically, by models and rules that score messages and account behaviour, without a person involved. A person reviews it if you appeal.',
    termsUrl: statement.termsUrl,
    policyVersion: input.policy.version,
    modelVersion: input.modelVersion ?? null,
    redress: {
      appealUrl: input.appealUrl ?? null,
      appealDeadline: isoDay(appealDeadline),
      howToAppeal: `Open the appeal link in this notice, tell us why the suspension is wrong and what, if anything, you have changed. Appealing is free. You can appeal until ${longDay(appealDeadline)}. A person who took no part in this decision will review it and tell you the outcome and the reasons for it.`,
      otherRoutes: [
        'You can refer the dispute to an out-of-court dispute settlement body certified under Article 21 of the Digital Services Act.',
        'You can bring the matter before the courts.',
        'You can lodge a complaint with the Digital Services Coordinator of your country.',
      ],
    },
    examples,
  };
}
