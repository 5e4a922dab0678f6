// The holder's appeal portal (/api/appeal/{token}): the statement, the appeal, the questions.
import { type Static, Type } from 'typebox';
import { IsoTime, Nullable } from './shared';

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
