// The account page (/api/accounts/{accountId}).
import { type Static, Type } from 'typebox';
import { ReasonView } from './portal';
import { CaseSummary } from './queue';
import { IsoTime, Nullable } from './shared';

export const AccountIdParams = Type.Object({ accountId: Type.String({ minLength: 1, maxLength: 128 }) });
export type AccountIdParams = Static<typeof AccountIdParams>;

export const DecisionView = Type.Object({
  messageId: Type.String(),
  at: IsoTime,
  channel: Type.String(),
  action: Type.String(),
  /** Null when the message was blocked only because the account was suspended (no model score). */
  score: Nullable(Type.Number()),
  blockedWhileSuspended: Type.Boolean(),
  reasons: Type.Array(ReasonView),
  modelVersion: Type.String(),
  /** The redacted excerpt while retention still holds it. */
  excerpt: Nullable(Type.String()),
});
export type DecisionView = Static<typeof DecisionView>;

export const DecisionPageQuery = Type.Object({
  /** ISO time: decisions strictly older than this (the previous page's `nextBefore`). */
  before: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type DecisionPageQuery = Static<typeof DecisionPageQuery>;

export const DecisionPage = Type.Object({
  decisions: Type.Array(DecisionView),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: Nullable(IsoTime),
});
export type DecisionPage = Static<typeof DecisionPage>;

export const SignalView = Type.Object({
  /** The snapshot's field name (e.g. uniqueRecipients24h). */
  key: Type.String(),
  /** A plain-language label (e.g. "Unique recipients, last 24 h"). */
  label: Type.String(),
  value: Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]),
});
export type SignalView = Static<typeof SignalView>;

export const NoticeView = Type.Object({
  id: Type.String(),
  topic: Type.String(),
  kind: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
  status: Type.String(),
  createdAt: IsoTime,
  sentAt: Nullable(IsoTime),
});
export type NoticeView = Static<typeof NoticeView>;

export const AccountPage = Type.Object({
  account: Type.Object({
    id: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('flagged'), Type.Literal('suspended')]),
    risk: Type.Number(),
    allowlisted: Type.Boolean(),
    blocklisted: Type.Boolean(),
    firstSeenAt: IsoTime,
    ageDays: Type.Number(),
    messageCount: Type.Integer(),
    blockedCount: Type.Integer(),
    blockedWhileSuspendedCount: Type.Integer(),
  }),
  statusHistory: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.String(),
      at: IsoTime,
      actor: Type.String(),
      caseId: Nullable(Type.String()),
    }),
  ),
  suspensions: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      suspendedAt: IsoTime,
      closedAt: Nullable(IsoTime),
      automatedDecision: Type.Boolean(),
      reasons: Type.Array(ReasonView),
    }),
  ),
  cases: Type.Array(CaseSummary),
  /** The newest page of the decision timeline; older pages from /api/accounts/{accountId}/decisions. */
  decisions: DecisionPage,
  /** The signals recorded with the account's latest decision, in a fixed, readable order. */
  signals: Type.Array(SignalView),
  notices: Type.Array(NoticeView),
  /** An erasure waiting for open cases to close, if any. */
  pendingErasure: Nullable(
    Type.Object({ id: Type.String(), requestedAt: IsoTime, heldCaseIds: Type.Array(Type.String()) }),
  ),
  /** True for admins: the export and erase actions are offered. */
  canManagePrivacy: Type.Boolean(),
});
export type AccountPage = Static<typeof AccountPage>;
