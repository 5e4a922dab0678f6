// What the review console (apps/web) asks of the review API beyond src/review.ts, written by the
// console side of issue 11 so both sides build against one shape. Fields the server may not send
// yet are optional: the console shows "not recorded" for them rather than breaking. Times are
// ISO-8601 strings.
import { type Static, type TSchema, Type } from 'typebox';
import { CaseSummary, ScorePoint } from './review';

const IsoTime = Type.String({ description: 'ISO-8601 time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Reason = Type.Object({ code: Type.String(), message: Type.String() });

// ---------------------------------------------------------------- queue rows

/** Per row of GET /api/cases: what opened the case and who the account is. */
export const CaseQueueFacts = Type.Object({
  /** The score of the decision that opened the case (the suspending or flagging one). */
  openingScore: Type.Optional(Nullable(Type.Number())),
  /** The strongest reason of that decision. */
  openingReason: Type.Optional(Nullable(Reason)),
  /** When the account was first seen. */
  accountCreatedAt: Type.Optional(IsoTime),
  /** Messages scored for the account in the last 24 hours. */
  accountMessages24h: Type.Optional(Type.Integer()),
});
export type CaseQueueFacts = Static<typeof CaseQueueFacts>;

export const QueueCaseSummary = Type.Intersect([CaseSummary, CaseQueueFacts]);
export type QueueCaseSummary = Static<typeof QueueCaseSummary>;

// ---------------------------------------------------------------- case page

/** The newest reviewer decision on the account, whichever case it was taken in. */
export const AccountLatestDecision = Type.Object({
  caseId: Type.String(),
  outcome: Type.String(),
  decidedAt: IsoTime,
  decidedBy: Type.String(),
  rationale: Nullable(Type.String()),
});
export type AccountLatestDecision = Static<typeof AccountLatestDecision>;

/** Extra fields of GET /api/cases/{id}. */
export const CaseDetailFacts = Type.Object({
  latestDecision: Type.Optional(Nullable(AccountLatestDecision)),
});
export type CaseDetailFacts = Static<typeof CaseDetailFacts>;

/**
 * A scored message; `suspendedOnly` marks one blocked only because the account was already
 * suspended (reason ACCOUNT_SUSPENDED): evidence of nothing, so never drawn as a model score.
 */
export const ConsoleScorePoint = Type.Intersect([
  ScorePoint,
  Type.Object({ suspendedOnly: Type.Optional(Type.Boolean()) }),
]);
export type ConsoleScorePoint = Static<typeof ConsoleScorePoint>;

// ---------------------------------------------------------------- account page

export const AccountIdParams = Type.Object({ accountId: Type.String({ minLength: 1, maxLength: 128 }) });
export type AccountIdParams = Static<typeof AccountIdParams>;

export const AccountNoticeView = Type.Object({
  id: Type.String(),
  /** suspension, outcome, question, ... */
  kind: Type.String(),
  channel: Type.String({ description: 'email or webhook' }),
  status: Type.String({ description: 'pending, sent or failed' }),
  createdAt: IsoTime,
  sentAt: Nullable(IsoTime),
});
export type AccountNoticeView = Static<typeof AccountNoticeView>;

/** GET /api/accounts/{accountId} (any reviewer): everything the account page shows. */
export const AccountReviewView = Type.Object({
  account: Type.Object({
    id: Type.String(),
    status: Type.String(),
    risk: Type.Number(),
    createdAt: IsoTime,
    ageDays: Type.Number(),
    messageCount: Type.Integer(),
    blockedCount: Type.Integer(),
    statusHistory: Type.Array(
      Type.Object({ from: Nullable(Type.String()), to: Type.String(), at: IsoTime, actor: Type.String() }),
    ),
  }),
  cases: Type.Array(CaseSummary),
  /** Reviewer decisions on the account, newest first. */
  decisions: Type.Array(AccountLatestDecision),
  /** Scored messages, newest last, at most a few hundred. */
  scores: Type.Array(ConsoleScorePoint),
  /** The account's current signals (or the latest snapshot). */
  signals: Type.Record(Type.String(), Type.Unknown()),
  notices: Type.Array(AccountNoticeView),
});
export type AccountReviewView = Static<typeof AccountReviewView>;

/**
 * POST /api/accounts/{accountId}/erase (admin reviewer, CSRF). `confirm` repeats the account id,
 * so a stray click cannot erase.
 */
export const AccountEraseBody = Type.Object(
  { confirm: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type AccountEraseBody = Static<typeof AccountEraseBody>;

export const AccountEraseResult = Type.Object({
  accountId: Type.String(),
  erasedAt: IsoTime,
  /** What an open case still holds, and why; erased by itself when the case closes. */
  kept: Type.Array(
    Type.Object({ what: Type.String(), reason: Type.String(), caseId: Nullable(Type.String()) }),
  ),
});
export type AccountEraseResult = Static<typeof AccountEraseResult>;

// GET /api/accounts/{accountId}/export (admin reviewer) answers the same JSON document as
// GET /v1/admin/accounts/{accountId}/export; the console only downloads it.

// ---------------------------------------------------------------- retention

/** GET /api/admin/retention (admin reviewer): the retention job's settings and its last run. */
export const RetentionView = Type.Object({
  /** e.g. { excerptDays: 30 }; null where a class of data is kept without a limit. */
  settings: Type.Record(Type.String(), Nullable(Type.Number())),
  lastRun: Nullable(
    Type.Object({
      at: IsoTime,
      /** How many rows each purge removed, e.g. { excerpts: 12 }. */
      purged: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
});
export type RetentionView = Static<typeof RetentionView>;
