// The privacy promises as HTTP payloads: export and erasure of one account's data, the retention job's
// settings and last run, and statements of reasons in the EU DSA Transparency Database format.
import { type Static, type TSchema, Type } from 'typebox';

const IsoTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Json = Type.Record(Type.String(), Type.Unknown());
const Reason = Type.Object({ code: Type.String(), message: Type.String(), weight: Type.Number() });

/** What an open case holds back from an erasure, until it closes. */
export const KeptItem = Type.Object({
  caseId: Type.String(),
  kind: Type.String(),
  /** What is kept: 'decisions', 'appeal', 'case messages', 'pending notices', 'contact details', 'labels'. */
  holds: Type.Array(Type.String()),
  reason: Type.String(),
});
export type KeptItem = Static<typeof KeptItem>;

export const ErasureView = Type.Object({
  id: Type.String(),
  requestedAt: IsoTime,
  requestedBy: Type.String({ description: "'api-key:<id>' or 'reviewer:<id>'" }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('complete')]),
  completedAt: Nullable(IsoTime),
  kept: Type.Array(KeptItem),
});
export type ErasureView = Static<typeof ErasureView>;

// ---------------------------------------------------------------- export

export const AccountExport = Type.Object(
  {
    accountId: Type.String(),
    exportedAt: IsoTime,
    account: Nullable(
      Type.Object({
        id: Type.String(),
        status: Type.String(),
        risk: Type.Number(),
        allowlisted: Type.Boolean(),
        blocklisted: Type.Boolean(),
        noticeEmail: Nullable(Type.String()),
        webhookUrl: Nullable(Type.String()),
        firstSeenAt: IsoTime,
        statusChangedAt: Nullable(IsoTime),
        createdAt: IsoTime,
        updatedAt: IsoTime,
      }),
    ),
    statusChanges: Type.Array(
      Type.Object({
        id: Type.Integer(),
        fromStatus: Type.String(),
        toStatus: Type.String(),
        cause: Type.String(),
        actorId: Nullable(Type.String()),
        caseId: Nullable(Type.String()),
        suspensionId: Nullable(Type.String()),
        reasons: Type.Array(Reason),
        at: IsoTime,
      }),
    ),
    /** Suspensions with their statements of reasons. */
    suspensions: Type.Array(
      Type.Object({
        id: Type.String(),
        status: Type.String(),
        reasons: Type.Array(Reason),
        statement: Json,
        automatedDetection: Type.Boolean(),
        automatedDecision: Type.Boolean(),
        decidedBy: Nullable(Type.String()),
        openedAt: IsoTime,
        closedAt: Nullable(IsoTime),
        appealDeadline: IsoTime,
      }),
    ),
    /** Every decision, with its feature snapshot; never a message body (only a keyed hash of it). */
    decisions: Type.Array(
      Type.Object({
        messageId: Type.String(),
        channel: Type.String(),
        score: Type.Number(),
        action: Type.String(),
        reasons: Type.Array(Reason),
        accountStatus: Type.String(),
        accountRisk: Type.Number(),
        modelVersion: Type.String(),
        policyVersion: Type.String(),
        bodyHash: Type.String({ description: 'HMAC-SHA256 of the body under a server key; not reversible' }),
        /** The redacted excerpt, while retention still holds it. */
        excerpt: Nullable(Type.String()),
        features: Nullable(Json),
        degraded: Type.Array(Type.String()),
        decidedAt: IsoTime,
      }),
    ),
    /** Appeals with the holder's answers to reviewers' questions. */
    appeals: Type.Array(
      Type.Object({
        id: Type.String(),
        suspensionId: Type.String(),
        caseId: Type.String(),
        explanation: Type.String(),
        contactEmail: Nullable(Type.String()),
        changes: Nullable(Type.String()),
        status: Type.String(),
        submittedAt: IsoTime,
        decidedAt: Nullable(IsoTime),
        answers: Type.Array(Type.Object({ body: Type.String(), at: IsoTime })),
      }),
    ),
    /** Review cases with their audit events and messages. */
    cases: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        status: Type.String(),
        suspensionId: Nullable(Type.String()),
        outcome: Nullable(Type.String()),
        rationale: Nullable(Type.String()),
        decidedBy: Nullable(Type.String()),
        decidedAt: Nullable(IsoTime),
        createdAt: IsoTime,
        dueAt: IsoTime,
        events: Type.Array(
          Type.Object({
            id: Type.Integer(),
            type: Type.String(),
            actorType: Type.String(),
            actorId: Nullable(Type.String()),
            data: Json,
            at: IsoTime,
          }),
        ),
        messages: Type.Array(
          Type.Object({ id: Type.Integer(), author: Type.String(), body: Type.String(), at: IsoTime }),
        ),
      }),
    ),
    /** Notices sent or pending (email and webhook payloads as delivered). */
    notices: Type.Array(
      Type.Object({
        id: Type.Integer(),
        topic: Type.String(),
        status: Type.String(),
        payload: Json,
        createdAt: IsoTime,
        sentAt: Nullable(IsoTime),
      }),
    ),
    /** Training labels still linked to the account. */
    labels: Type.Array(
      Type.Object({
        id: Type.Integer(),
        messageId: Nullable(Type.String()),
        caseId: Nullable(Type.String()),
        suspensionId: Nullable(Type.String()),
        label: Type.String(),
        modelVersion: Nullable(Type.String()),
        features: Nullable(Json),
        createdAt: IsoTime,
      }),
    ),
    /** Erasure requests for the account: who asked, when, what was kept and why. */
    erasures: Type.Array(ErasureView),
  },
  { title: 'AccountExport', description: 'Everything Gavel holds about one account' },
);
export type AccountExport = Static<typeof AccountExport>;

// ---------------------------------------------------------------- erasure

export const EraseResult = Type.Object(
  {
    accountId: Type.String(),
    erasureId: Type.String(),
    /** 'pending' while open cases hold data back; a follow-up erasure runs when they close. */
    status: Type.Union([Type.Literal('pending'), Type.Literal('complete')]),
    requestedAt: IsoTime,
    /** True when nothing was left to erase (a repeat). */
    nothingLeft: Type.Boolean(),
    erased: Type.Object({
      decisionsDeleted: Type.Integer(),
      appealsAnonymised: Type.Integer(),
      caseMessagesErased: Type.Integer(),
      noticesDeleted: Type.Integer(),
      labelsDetached: Type.Integer(),
      contactDetailsCleared: Type.Boolean(),
      signalKeysDeleted: Type.Integer(),
    }),
    kept: Type.Array(KeptItem),
  },
  { title: 'EraseResult' },
);
export type EraseResult = Static<typeof EraseResult>;

// ---------------------------------------------------------------- retention

export const RetentionStatus = Type.Object(
  {
    settings: Type.Object({
      excerptDays: Type.Integer(),
      intervalMinutes: Type.Integer(),
    }),
    lastRun: Nullable(
      Type.Object({
        startedAt: IsoTime,
        finishedAt: IsoTime,
        ok: Type.Boolean(),
        excerptsCleared: Type.Integer(),
        erasuresCompleted: Type.Integer(),
      }),
    ),
  },
  { title: 'RetentionStatus' },
);
export type RetentionStatus = Static<typeof RetentionStatus>;

// ---------------------------------------------------------------- transparency

export const TransparencyQuery = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Statements issued at or after this time' }),
  to: Type.String({ format: 'date-time', description: 'Statements issued before this time' }),
});
export type TransparencyQuery = Static<typeof TransparencyQuery>;

/**
 * One statement of reasons as the EU DSA Transparency Database API takes it (POST /api/v1/statement):
 * its field names and enumerations. The export is NDJSON, one such object a line.
 */
export const DsaStatementSubmission = Type.Object(
  {
    decision_account: Type.Literal('DECISION_ACCOUNT_SUSPENDED'),
    account_type: Type.Literal('ACCOUNT_TYPE_BUSINESS'),
    decision_ground: Type.Literal('DECISION_GROUND_INCOMPATIBLE_CONTENT'),
    incompatible_content_ground: Type.String({ maxLength: 500 }),
    incompatible_content_explanation: Type.String({ maxLength: 2000 }),
    incompatible_content_illegal: Type.Union([Type.Literal('Yes'), Type.Literal('No')]),
    decision_ground_reference_url: Type.Optional(Type.String({ maxLength: 500 })),
    category: Type.String({ pattern: '^STATEMENT_CATEGORY_[A-Z_]+$' }),
    category_specification: Type.Optional(Type.Array(Type.String({ pattern: '^KEYWORD_[A-Z_]+$' }))),
    category_specification_other: Type.Optional(Type.String({ maxLength: 500 })),
    content_type: Type.Array(Type.Literal('CONTENT_TYPE_TEXT'), { minItems: 1 }),
    content_date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    application_date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    end_date_account_restriction: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    decision_facts: Type.String({ maxLength: 5000 }),
    source_type: Type.Literal('SOURCE_VOLUNTARY'),
    automated_detection: Type.Union([Type.Literal('Yes'), Type.Literal('No')]),
    automated_decision: Type.Union([
      Type.Literal('AUTOMATED_DECISION_FULLY'),
      Type.Literal('AUTOMATED_DECISION_PARTIALLY'),
      Type.Literal('AUTOMATED_DECISION_NOT_AUTOMATED'),
    ]),
    territorial_scope: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1 }),
    puid: Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { title: 'DsaStatementSubmission', additionalProperties: false },
);
export type DsaStatementSubmission = Static<typeof DsaStatementSubmission>;
