import Type, { type Static } from 'typebox';
import { Identifier } from './identifiers';
import { AccountStatus } from './score';

export const AccountParams = Type.Object({ accountId: Identifier('The account') });
export type AccountParams = Static<typeof AccountParams>;

export const AccountView = Type.Object(
  {
    accountId: Type.String(),
    status: AccountStatus,
    risk: Type.Number({ minimum: 0, maximum: 1 }),
    allowlisted: Type.Boolean(),
    blocklisted: Type.Boolean(),
    suspension: Type.Union([
      Type.Object({
        suspensionId: Type.String(),
        suspendedAt: Type.String({ format: 'date-time' }),
        reasons: Type.Array(Type.String(), { description: 'Reason codes' }),
      }),
      Type.Null(),
    ]),
  },
  { title: 'AccountView', description: 'Status, risk and the open suspension, if any' },
);
export type AccountView = Static<typeof AccountView>;

/** Admin: where an account's notices go and which lists it is on. */
export const AccountSettings = Type.Object(
  {
    noticeEmail: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
    webhookUrl: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 2048 }), Type.Null()])),
    allowlisted: Type.Optional(Type.Boolean()),
    blocklisted: Type.Optional(Type.Boolean()),
  },
  { title: 'AccountSettings', additionalProperties: false },
);
export type AccountSettings = Static<typeof AccountSettings>;

export const AccountSettingsView = Type.Object(
  {
    accountId: Type.String(),
    noticeEmail: Type.Union([Type.String(), Type.Null()]),
    webhookUrl: Type.Union([Type.String(), Type.Null()]),
    allowlisted: Type.Boolean(),
    blocklisted: Type.Boolean(),
    webhookSigningKey: Type.String({
      description: 'Verifies the Gavel-Signature header of this account’s webhooks (HMAC-SHA256 key, hex)',
    }),
  },
  { title: 'AccountSettingsView' },
);
export type AccountSettingsView = Static<typeof AccountSettingsView>;
