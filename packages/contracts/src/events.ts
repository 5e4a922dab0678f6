import Type, { type Static } from 'typebox';
import { Identifier } from './identifiers';

export const MAX_EVENTS_PER_REQUEST = 1_000;

const AccountId = Identifier('The account');
const MessageId = Identifier('The message');
const At = Type.Optional(
  Type.String({ format: 'date-time', description: 'When it happened; defaults to now' }),
);

export const DELIVERY_STATUSES = ['delivered', 'failed', 'filtered', 'undelivered'] as const;

export const DeliveryEvent = Type.Object(
  {
    type: Type.Literal('delivery'),
    accountId: AccountId,
    messageId: MessageId,
    status: Type.Enum(DELIVERY_STATUSES, {
      description: '`filtered` = blocked by the carrier',
    }),
    errorCode: Type.Optional(Type.String({ maxLength: 64, description: 'Carrier error code' })),
    at: At,
  },
  { additionalProperties: false },
);

export const OptOutEvent = Type.Object(
  {
    type: Type.Literal('opt_out'),
    accountId: AccountId,
    messageId: Type.Optional(MessageId),
    from: Type.Optional(Type.String({ maxLength: 320, description: 'The recipient who replied STOP' })),
    at: At,
  },
  { additionalProperties: false },
);

export const VerificationEvent = Type.Object(
  {
    type: Type.Literal('verification'),
    accountId: AccountId,
    messageId: Type.Optional(MessageId),
    at: At,
  },
  { additionalProperties: false, description: 'A one-time passcode sent by this account was completed' },
);

export const ComplaintEvent = Type.Object(
  {
    type: Type.Literal('complaint'),
    accountId: AccountId,
    messageId: Type.Optional(MessageId),
    at: At,
  },
  { additionalProperties: false },
);

export const SignalEvent = Type.Union([DeliveryEvent, OptOutEvent, VerificationEvent, ComplaintEvent], {
  title: 'SignalEvent',
});
export type SignalEvent = Static<typeof SignalEvent>;

export const EventsBatch = Type.Object(
  { events: Type.Array(SignalEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_REQUEST }) },
  { additionalProperties: false },
);
export type EventsBatch = Static<typeof EventsBatch>;

/** `POST /v1/events` takes one event or `{ events: [...] }`. */
export const EventsRequest = Type.Union([SignalEvent, EventsBatch], { title: 'EventsRequest' });
export type EventsRequest = SignalEvent | EventsBatch;

export const EventsResponse = Type.Object(
  { accepted: Type.Integer({ minimum: 0 }) },
  { title: 'EventsResponse' },
);
export type EventsResponse = Static<typeof EventsResponse>;
