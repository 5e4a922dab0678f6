// HTTP payloads of the review role: the holder's appeal portal (/api/appeal/...) and the reviewer
// console (/api/session, /api/cases, /api/dashboard, /api/admin). Times are ISO-8601 strings.
import { type Static, type TSchema, Type } from 'typebox';
import { Identifier } from './identifiers';

const IsoTime = Type.String({ description: 'ISO-8601 time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// ---------------------------------------------------------------- holder portal

export const AppealTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 2048 }) });
export type AppealTokenParams = Static<typeof AppealTokenParams>;

export const APPEAL_EXPLANATION_MIN = 20;
export const APPEAL_EXPLANATION_MAX = 5000;

export const AppealSubmitBody = Type.Object(
  {
    explanation: Type.String({ minLength: APPEAL_EXPLANATION_MIN, maxLength: APPEAL_EXPLANATION_MAX }),
    contactEmail: Type.String({ format: 'email', maxLength: 320 }),
    changes: Type.Optional(Type.String({ maxLength: APPEAL_EXPLANATION_MAX })),
  },
  { additionalProperties: false },
);
export type AppealSubmitBody = Static<typeof AppealSubmitBody>;

export const AppealAnswerBody = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: APPEAL_EXPLANATION_MAX }) },
  { additionalProperties: false },
);
export type AppealAnswerBody = Static<typeof AppealAnswerBody>;

export const AppealStatus = Type.Union([
  Type.Literal('received'),
  Type.Literal('in_review'),
  Type.Literal('info_requested'),
  Type.Literal('decided'),
]);
export type AppealStatus = Static<typeof AppealStatus>;

export const AppealOutcome = Type.Union([Type.Literal('reinstated'), Type.Literal('upheld')]);
export type AppealOutcome = Static<typeof AppealOutcome>;

export const CaseMessage = Type.Object({
  id: Type.String(),
  author: Type.Union([Type.Literal('reviewer'), Type.Literal('holder')]),
  body: Type.String(),
  at: IsoTime,
});
export type CaseMessage = Static<typeof CaseMessage>;

export const ReasonView = Type.Object({
  code: Type.String(),
  message: Type.String(),
  weight: Type.Optional(Type.Number()),
});
export type ReasonView = Static<typeof ReasonView>;

/** The statement of reasons in plain language (what the holder reads first). */
export const PlainStatement = Type.Object({
  restriction: Type.String(),
  scope: Type.String(),
  since: IsoTime,
  duration: Type.String(),
  facts: Type.String(),
  reasons: Type.Array(ReasonView),
  ground: Type.String(),
  automatedDetection: Type.Boolean(),
  automatedDecision: Type.Boolean(),
  howToAppeal: Type.String(),
  appealBy: IsoTime,
  otherRedress: Type.Array(Type.String()),
});
export type PlainStatement = Static<typeof PlainStatement>;

export const AppealView = Type.Object({
  suspension: Type.Object({
    id: Type.String(),
    accountId: Type.String(),
    status: Type.Union([Type.Literal('open'), Type.Literal('lifted')]),
    suspendedAt: IsoTime,
  }),
  statement: PlainStatement,
  /** The same statement with the EU DSA Transparency Database field names. */
  dsa: Type.Record(Type.String(), Type.Unknown()),
  examples: Type.Array(Type.String(), { maxItems: 3 }),
  canAppeal: Type.Boolean(),
  appeal: Nullable(
    Type.Object({
      reference: Type.String(),
      status: AppealStatus,
      submittedAt: IsoTime,
      expectedResponseBy: IsoTime,
      explanation: Type.String(),
      changes: Nullable(Type.String()),
      pendingQuestion: Nullable(Type.String()),
      outcome: Nullable(
        Type.Object({ decision: AppealOutcome, rationale: Type.String(), decidedAt: IsoTime }),
      ),
    }),
  ),
  messages: Type.Array(CaseMessage),
});
export type AppealView = Static<typeof AppealView>;

// ---------------------------------------------------------------- reviewer session

export const ReviewerRole = Type.Union([
  Type.Literal('reviewer'),
  Type.Literal('lead'),
  Type.Literal('admin'),
]);
export type ReviewerRole = Static<typeof ReviewerRole>;

export const ReviewerView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: ReviewerRole,
});
export type ReviewerView = Static<typeof ReviewerView>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionView = Type.Object({ reviewer: ReviewerView, csrfToken: Type.String() });
export type SessionView = Static<typeof SessionView>;

export const CreateReviewerBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 12, maxLength: 1024 }),
    role: ReviewerRole,
  },
  { additionalProperties: false },
);
export type CreateReviewerBody = Static<typeof CreateReviewerBody>;

export const ReviewerList = Type.Object({ reviewers: Type.Array(ReviewerView) });
export type ReviewerList = Static<typeof ReviewerList>;

// ---------------------------------------------------------------- queue

export const CaseKind = Type.Union([Type.Literal('appeal'), Type.Literal('flagged')]);
export type CaseKind = Static<typeof CaseKind>;

export const CaseStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('awaiting_info'),
  Type.Literal('escalated'),
  Type.Literal('decided'),
]);
export type CaseStatus = Static<typeof CaseStatus>;

export const CaseSummary = Type.Object({
  id: Type.String(),
  kind: CaseKind,
  status: CaseStatus,
  priority: Type.Integer(),
  accountId: Type.String(),
  suspensionId: Nullable(Type.String()),
  openedAt: IsoTime,
  dueAt: IsoTime,
  overdue: Type.Boolean(),
  assignee: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
  claimExpiresAt: Nullable(IsoTime),
  outcome: Nullable(
    Type.Union([
      Type.Literal('reinstated'),
      Type.Literal('upheld'),
      Type.Literal('cleared'),
      Type.Literal('suspended'),
    ]),
  ),
  version: Type.Integer(),
  /** The account's status now (not when the case opened). */
  accountStatus: Type.Union([Type.Literal('active'), Type.Literal('flagged'), Type.Literal('suspended')]),
  /** The score of the strongest decision behind the case (null without evidence). */
  openingScore: Nullable(Type.Number()),
  /** The reason that weighed most in that evidence. */
  topReason: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  accountAgeDays: Type.Number(),
  /** Messages the account sent in the 24 hours before the case opened (its volume). */
  accountMessages24h: Type.Integer(),
  /** Seconds until due; negative when overdue (the SLA countdown). */
  dueInSeconds: Type.Integer(),
  /** When the case was closed because another decision on the account settled the same restriction. */
  closedWith: Nullable(Type.Object({ caseId: Type.String(), kind: CaseKind })),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const CaseSort = Type.Union(
  ['due', 'opened', 'score', 'age', 'volume', 'kind', 'account', 'holder'].flatMap((k) => [
    Type.Literal(k),
    Type.Literal(`-${k}`),
  ]),
  { description: "Sort key; a leading '-' sorts descending. Default: priority, then the earliest due." },
);
export type CaseSort = Static<typeof CaseSort>;

export const CaseListQuery = Type.Object({
  kind: Type.Optional(CaseKind),
  status: Type.Optional(Type.Union([CaseStatus, Type.Literal('active'), Type.Literal('all')])),
  assignee: Type.Optional(Identifier("a reviewer id, 'me' or 'none'", 64)),
  overdue: Type.Optional(Type.Boolean()),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  /** Only cases whose top reason has this code. */
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  sort: Type.Optional(CaseSort),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseList = Type.Object({ cases: Type.Array(CaseSummary) });
export type CaseList = Static<typeof CaseList>;

export const ClaimNextResult = Type.Object({ case: Nullable(CaseSummary) });
export type ClaimNextResult = Static<typeof ClaimNextResult>;

export const ReviewerIdParams = Type.Object({ id: Identifier('The reviewer id', 64) });
export type ReviewerIdParams = Static<typeof ReviewerIdParams>;

export const CaseIdParams = Type.Object({ id: Identifier('The case id', 64) });
export type CaseIdParams = Static<typeof CaseIdParams>;

// ---------------------------------------------------------------- case page

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

// ---------------------------------------------------------------- dashboard

export const Dashboard = Type.Object({
  openByAge: Type.Array(Type.Object({ bucket: Type.String(), count: Type.Integer() })),
  overdue: Type.Integer(),
  decisionsPerDay: Type.Array(
    Type.Object({ day: Type.String(), reinstated: Type.Integer(), upheld: Type.Integer() }),
  ),
  overturnByReason: Type.Array(
    Type.Object({
      key: Type.String(),
      decided: Type.Integer(),
      overturned: Type.Integer(),
      rate: Type.Number(),
    }),
  ),
  overturnByModel: Type.Array(
    Type.Object({
      key: Type.String(),
      decided: Type.Integer(),
      overturned: Type.Integer(),
      rate: Type.Number(),
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;

// ---------------------------------------------------------------- account page (/api/accounts/:id)

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
