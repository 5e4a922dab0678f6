// The closed sets of values each enum-like column accepts. The SQL check constraints are generated from
// these arrays, so the TypeScript types and the database can never disagree.

export const ACCOUNT_STATUSES = ['active', 'flagged', 'suspended'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const STATUS_CHANGE_CAUSES = ['automated', 'reviewer', 'admin'] as const;
export type StatusChangeCause = (typeof STATUS_CHANGE_CAUSES)[number];

export const API_KEY_SCOPES = ['score', 'events', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const CHANNELS = ['sms', 'mms', 'whatsapp', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DECISION_ACTIONS = ['allow', 'review', 'block'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const SUSPENSION_STATUSES = ['open', 'lifted', 'upheld'] as const;
export type SuspensionStatus = (typeof SUSPENSION_STATUSES)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const REVIEWER_ROLES = ['reviewer', 'lead', 'admin'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export const CASE_KINDS = ['appeal', 'flagged'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_STATUSES = ['open', 'awaiting_info', 'escalated', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Appeals end in `reinstated` or `upheld`; flagged cases end in `cleared` or `suspended`. */
export const CASE_OUTCOMES = ['reinstated', 'upheld', 'cleared', 'suspended'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const APPEAL_STATUSES = ['received', 'in_review', 'info_requested', 'decided'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const CASE_MESSAGE_AUTHORS = ['reviewer', 'holder'] as const;
export type CaseMessageAuthor = (typeof CASE_MESSAGE_AUTHORS)[number];

export const CASE_EVENT_TYPES = [
  'opened',
  'claimed',
  'released',
  'extended',
  'noted',
  'asked',
  'answered',
  'decided',
  'escalated',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const ACTOR_TYPES = ['system', 'reviewer', 'holder'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const LABELS = ['overturned', 'upheld'] as const;
export type LabelValue = (typeof LABELS)[number];

/** A reason as stored in jsonb columns (same shape as `@gavel/policy`'s `Reason`). */
export interface StoredReason {
  code: string;
  message: string;
  weight: number;
}

/** Outbox payloads are rendered before they are stored; the worker only delivers them. */
export type OutboxPayload =
  | { kind: 'email'; to: string; subject: string; text: string; html: string }
  | { kind: 'webhook'; url: string; event: string; body: unknown };
