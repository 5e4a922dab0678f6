import { CONTENT_REASONS, type ContentReasonCode } from '@gavel/features';

export const ACCOUNT_REASONS = {
  ACCOUNT_SUSPENDED:
    'The sending account is suspended, so its messages are blocked until a reviewer reinstates it',
  BLOCKLISTED: 'The sending account is on the operator blocklist',
  ALLOWLISTED: 'The sending account is allowlisted, so it was flagged for review instead of being suspended',
  CONTENT_UNAVAILABLE: 'The message content could not be scored, so the decision rests on the account alone',
  RECENT_ABUSIVE_MESSAGES:
    'Several recent messages from the account were blocked as likely spam, phishing or fraud',
  HIGH_RECENT_SCORES: 'Recent messages from the account scored high on the likelihood of abuse',
  SUSPICIOUS_MESSAGES: 'Many messages from the account in the last hour needed review',
  REPEATED_CONTENT: 'The account sent the same text over and over to many different recipients',
  SMS_PUMPING:
    'Most of the account’s recent traffic went to one narrow range of phone numbers, a pattern of SMS pumping fraud',
  HIGH_FAILURE_RATE: 'An unusually high share of the account’s messages failed or were filtered by carriers',
  HIGH_OPT_OUT_RATE: 'An unusually high share of recipients replied STOP to opt out',
  LOW_OTP_CONVERSION: 'Most one-time codes the account sent were never used, a pattern of SMS pumping fraud',
  COMPLAINTS: 'Recipients complained about messages from the account',
  HIGH_SEND_RATE: 'A newly created account started sending at a high rate',
  MANY_RECIPIENTS: 'A newly created account reached an unusually large number of different recipients',
  MANY_DESTINATION_COUNTRIES: 'The account sent to an unusually large number of countries',
  SUDDEN_VOLUME_CHANGE: 'The account suddenly sent far more messages than it usually does',
  DESTINATION_CONCENTRATION:
    'Most of the account’s recent messages went to one narrow range of phone numbers, a pattern of SMS pumping fraud',
  REPEATED_CONTENT_MANY_RECIPIENTS:
    'The account sent the same text over and over to many different recipients',
  CARRIER_FILTERING: 'Mobile carriers filtered an unusually high share of the account’s messages as spam',
  MANY_LINK_DOMAINS:
    'The account’s messages linked to many different websites, a pattern of rotating phishing sites',
} as const;

export type AccountReasonCode = keyof typeof ACCOUNT_REASONS;
export type ReasonCode = ContentReasonCode | AccountReasonCode;

export interface Reason {
  code: ReasonCode;
  message: string;
  weight: number;
}

/** One plain-language sentence per reason code (content codes from @gavel/features). */
export function reasonMessage(code: ReasonCode): string {
  if (Object.hasOwn(ACCOUNT_REASONS, code)) return ACCOUNT_REASONS[code as AccountReasonCode];
  const content = (CONTENT_REASONS as Record<string, string | undefined>)[code];
  // Unknown codes come only from a newer feature schema than this policy knows; say something true.
  return content ?? 'The message matched a pattern associated with spam, phishing or fraud';
}

export function allReasonCodes(): ReasonCode[] {
  return [
    ...(Object.keys(CONTENT_REASONS) as ContentReasonCode[]),
    ...(Object.keys(ACCOUNT_REASONS) as AccountReasonCode[]),
  ];
}
