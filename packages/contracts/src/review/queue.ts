// The review queue: case summaries, filters, sorting, claims.
import { type Static, Type } from 'typebox';
import { Identifier } from '../identifiers';
import { IsoTime, Nullable } from './shared';

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

export const CaseIdParams = Type.Object({ id: Identifier('The case id', 64) });
export type CaseIdParams = Static<typeof CaseIdParams>;
