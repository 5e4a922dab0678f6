// The case page (/api/cases/{id}) and the case actions.
import { type Static, Type } from 'typebox';
import { AppealStatus, CaseMessage, ReasonView } from './portal';
import { CaseKind, CaseSummary } from './queue';
import { IsoTime, Nullable } from './shared';

export const ScorePoint = Type.Object({
  messageId: Type.String(),
  at: IsoTime,
  score: Type.Number(),
  action: Type.String(),
});
export type ScorePoint = Static<typeof ScorePoint>;

export const SampleMessage = Type.Object({
  messageId: Type.String(),
  at: IsoTime,
  score: Type.Number(),
  action: Type.String(),
  excerpt: Type.String(),
  reasons: Type.Array(ReasonView),
});
export type SampleMessage = Static<typeof SampleMessage>;

export const CaseEventView = Type.Object({
  id: Type.String(),
  type: Type.String(),
  actor: Type.String(),
  at: IsoTime,
  detail: Nullable(Type.String()),
});
export type CaseEventView = Static<typeof CaseEventView>;

/** Counts of the decisions behind a restriction (the 24 hours up to it), from the decision log. */
export const EvidenceCounts = Type.Object({
  /** Every message scored in the window. */
  messages: Type.Integer(),
  /** Blocked by the model's score or the account's risk (not by the suspension itself). */
  blocked: Type.Integer(),
  /** Sent to review. */
  review: Type.Integer(),
  /** Sent to review in the last hour of the window. */
  reviewLastHour: Type.Integer(),
  allowed: Type.Integer(),
  /** Blocked only because the account was already suspended; kept apart, never a model score. */
  blockedWhileSuspended: Type.Integer(),
  from: IsoTime,
  to: IsoTime,
});
export type EvidenceCounts = Static<typeof EvidenceCounts>;

export const LatestDecision = Type.Object({
  caseId: Type.String(),
  kind: CaseKind,
  outcome: Type.Union([
    Type.Literal('reinstated'),
    Type.Literal('upheld'),
    Type.Literal('cleared'),
    Type.Literal('suspended'),
  ]),
  decidedAt: IsoTime,
  decidedBy: Type.String(),
  rationale: Type.String(),
});
export type LatestDecision = Static<typeof LatestDecision>;

export const CaseDetail = Type.Object({
  case: CaseSummary,
  account: Type.Object({
    id: Type.String(),
    status: Type.String(),
    risk: Type.Number(),
    createdAt: IsoTime,
    ageDays: Type.Number(),
    messageCount: Type.Integer(),
    /** Blocked by score or risk; blocks caused by the suspension itself are not counted here. */
    blockedCount: Type.Integer(),
    blockedWhileSuspendedCount: Type.Integer(),
    statusHistory: Type.Array(
      Type.Object({ from: Nullable(Type.String()), to: Type.String(), at: IsoTime, actor: Type.String() }),
    ),
  }),
  suspension: Nullable(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      suspendedAt: IsoTime,
      decidedBy: Nullable(Type.String()),
    }),
  ),
  /** Model scores only: blocks caused by the suspension itself are in `blockedWhileSuspended`. */
  scores: Type.Array(ScorePoint),
  /** Messages blocked only because the account was already suspended (ACCOUNT_SUSPENDED): no model score. */
  blockedWhileSuspended: Type.Object({
    count: Type.Integer(),
    points: Type.Array(Type.Object({ messageId: Type.String(), at: IsoTime })),
  }),
  /** The counts the statement of reasons states, from the same decision-log query. */
  evidenceCounts: EvidenceCounts,
  /** The most recent decision on any case of this account (shown prominently: it may postdate this case). */
  latestDecision: Nullable(LatestDecision),
  /** Other undecided cases of the account. */
  openCases: Type.Array(CaseSummary),
  topReasons: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), weight: Type.Number() })),
  /** Account signals at the time of the decision (from the decision's feature snapshot). */
  signalsAtDecision: Type.Record(Type.String(), Type.Unknown()),
  samples: Type.Array(SampleMessage),
  appeal: Nullable(
    Type.Object({
      reference: Type.String(),
      status: AppealStatus,
      explanation: Type.String(),
      changes: Nullable(Type.String()),
      contactEmail: Type.String(),
      submittedAt: IsoTime,
    }),
  ),
  messages: Type.Array(CaseMessage),
  earlierCases: Type.Array(CaseSummary),
  events: Type.Array(CaseEventView),
  /** What the signed-in reviewer may do here (the server decides again on every action). */
  allowedActions: Type.Array(Type.String()),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseActionType = Type.Union([
  Type.Literal('reinstate'),
  Type.Literal('uphold'),
  Type.Literal('escalate'),
  Type.Literal('ask'),
  Type.Literal('note'),
]);
export type CaseActionType = Static<typeof CaseActionType>;

export const CaseActionBody = Type.Object(
  {
    type: CaseActionType,
    rationale: Type.String({ minLength: 1, maxLength: 5000 }),
    question: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    /** The case version the reviewer saw; a newer one means someone else acted first (409). */
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type CaseActionBody = Static<typeof CaseActionBody>;
