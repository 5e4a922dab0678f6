import Type, { type Static } from 'typebox';
import { Identifier } from './identifiers';
import { Problem } from './problem';

/** 64 KiB: the largest message body Gavel scores (the schema counts characters; the server also checks UTF-8 bytes). */
export const MAX_BODY_BYTES = 65_536;
/** The largest batch `/v1/score/batch` accepts. */
export const MAX_BATCH_SIZE = 1_000;

export const CHANNELS = ['sms', 'mms', 'whatsapp', 'email'] as const;
export const Channel = Type.Enum(CHANNELS, { description: 'sms, mms, whatsapp or email' });
export type Channel = (typeof CHANNELS)[number];

export const ScoreRequest = Type.Object(
  {
    messageId: Identifier('Unique per message; a repeat returns the first answer and counts nothing twice'),
    accountId: Identifier('The sending account'),
    channel: Channel,
    from: Type.String({ minLength: 1, maxLength: 320, description: 'Sender: E.164 number or address' }),
    to: Type.String({ minLength: 1, maxLength: 320, description: 'Recipient: E.164 number or address' }),
    body: Type.String({ maxLength: MAX_BODY_BYTES, description: 'Message text, at most 64 KiB' }),
    subject: Type.Optional(Type.Union([Type.String({ maxLength: 998 }), Type.Null()])),
    sentAt: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to now' })),
  },
  { title: 'ScoreRequest', additionalProperties: false },
);
export type ScoreRequest = Static<typeof ScoreRequest>;

export const ACTIONS = ['allow', 'review', 'block'] as const;
export const Action = Type.Enum(ACTIONS);
export type Action = (typeof ACTIONS)[number];

export const ACCOUNT_STATUSES = ['active', 'flagged', 'suspended'] as const;
export const AccountStatus = Type.Enum(ACCOUNT_STATUSES);
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const Reason = Type.Object(
  {
    code: Type.String({ description: 'Stable reason code, e.g. SHORTENED_URL, ACCOUNT_SUSPENDED' }),
    message: Type.String({ description: 'One human sentence' }),
    weight: Type.Number(),
  },
  { title: 'Reason' },
);
export type Reason = Static<typeof Reason>;

/**
 * What Gavel could not consult for this answer: `signals` (Redis), `accounts` (Postgres account
 * status and lists), `model` (content model failed: the decision rests on the account alone).
 */
export const DEGRADED_PARTS = ['signals', 'accounts', 'model'] as const;
export type DegradedPart = (typeof DEGRADED_PARTS)[number];

export const ScoreResponse = Type.Object(
  {
    messageId: Type.String(),
    accountId: Type.String(),
    score: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Calibrated probability that the message is abusive',
    }),
    action: Action,
    reasons: Type.Array(Reason),
    account: Type.Object({
      status: AccountStatus,
      risk: Type.Number({ minimum: 0, maximum: 1 }),
      suspensionId: Type.Optional(Type.String()),
    }),
    modelVersion: Type.String(),
    policyVersion: Type.String(),
    degraded: Type.Array(Type.String(), { description: 'Empty when every dependency answered in time' }),
  },
  { title: 'ScoreResponse' },
);
export type ScoreResponse = Static<typeof ScoreResponse>;

export const ScoreBatchRequest = Type.Object(
  {
    messages: Type.Array(ScoreRequest, {
      minItems: 1,
      maxItems: MAX_BATCH_SIZE,
      description: 'Up to 1,000 messages; an invalid one gets its own problem object in `results`',
    }),
  },
  { title: 'ScoreBatchRequest', additionalProperties: false },
);
export type ScoreBatchRequest = Static<typeof ScoreBatchRequest>;

/** One batch result: the answer, or a problem object for that item alone. */
export const ScoreBatchResult = Type.Union([ScoreResponse, Problem]);
export type ScoreBatchResult = ScoreResponse | Problem;

export const ScoreBatchResponse = Type.Object(
  { results: Type.Array(ScoreBatchResult, { description: 'Same order as `messages`' }) },
  { title: 'ScoreBatchResponse' },
);
export type ScoreBatchResponse = { results: ScoreBatchResult[] };
