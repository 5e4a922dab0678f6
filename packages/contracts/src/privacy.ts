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

// Enumerations of the EU DSA Transparency Database API (statement submission, POST /api/v1/statement;
// categories as renamed on 1 July 2025: STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE became
// STATEMENT_CATEGORY_OTHER_VIOLATION_TC). Written from the database's public API documentation.
const oneOf = <T extends readonly string[]>(values: T) => Type.Enum(values);
const DsaDay = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  description: 'YYYY-MM-DD',
});

export const DSA_STATEMENT_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;

/** EU and EEA member states (ISO 3166-1 alpha-2), the only territorial scopes the database takes. */
export const DSA_TERRITORIES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
] as const;

/**
 * One statement of reasons as the EU DSA Transparency Database API takes it (POST /api/v1/statement):
 * its field names, enumerations, limits and date format. General (not only what Gavel writes), so a
 * test can hold the export to the format itself. The export is NDJSON, one such object a line.
 */
export const DsaStatementSubmission = Type.Object(
  {
    // At least one of the four restriction fields; an account suspension is decision_account.
    decision_visibility: Type.Optional(
      Type.Array(
        oneOf([
          'DECISION_VISIBILITY_CONTENT_REMOVED',
          'DECISION_VISIBILITY_CONTENT_DISABLED',
          'DECISION_VISIBILITY_CONTENT_DEMOTED',
          'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
          'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
          'DECISION_VISIBILITY_CONTENT_LABELLED',
          'DECISION_VISIBILITY_OTHER',
        ] as const),
        { minItems: 1 },
      ),
    ),
    decision_monetary: Type.Optional(
      oneOf([
        'DECISION_MONETARY_SUSPENSION',
        'DECISION_MONETARY_TERMINATION',
        'DECISION_MONETARY_OTHER',
      ] as const),
    ),
    decision_provision: Type.Optional(
      oneOf([
        'DECISION_PROVISION_PARTIAL_SUSPENSION',
        'DECISION_PROVISION_TOTAL_SUSPENSION',
        'DECISION_PROVISION_PARTIAL_TERMINATION',
        'DECISION_PROVISION_TOTAL_TERMINATION',
      ] as const),
    ),
    decision_account: Type.Optional(
      oneOf(['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const),
    ),
    account_type: Type.Optional(oneOf(['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'] as const)),
    decision_ground: oneOf([
      'DECISION_GROUND_ILLEGAL_CONTENT',
      'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    ] as const),
    decision_ground_reference_url: Type.Optional(Type.String({ maxLength: 500 })),
    illegal_content_legal_ground: Type.Optional(Type.String({ maxLength: 500 })),
    illegal_content_explanation: Type.Optional(Type.String({ maxLength: 2000 })),
    /** Required with DECISION_GROUND_INCOMPATIBLE_CONTENT: the contractual ground. */
    incompatible_content_ground: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    incompatible_content_explanation: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    incompatible_content_illegal: Type.Optional(oneOf(['Yes', 'No'] as const)),
    category: oneOf(DSA_STATEMENT_CATEGORIES),
    category_addition: Type.Optional(Type.Array(oneOf(DSA_STATEMENT_CATEGORIES))),
    category_specification: Type.Optional(Type.Array(Type.String({ pattern: '^KEYWORD_[A-Z_]+$' }))),
    category_specification_other: Type.Optional(Type.String({ maxLength: 500 })),
    content_type: Type.Array(
      oneOf([
        'CONTENT_TYPE_APP',
        'CONTENT_TYPE_AUDIO',
        'CONTENT_TYPE_IMAGE',
        'CONTENT_TYPE_PRODUCT',
        'CONTENT_TYPE_SYNTHETIC_MEDIA',
        'CONTENT_TYPE_TEXT',
        'CONTENT_TYPE_VIDEO',
        'CONTENT_TYPE_OTHER',
      ] as const),
      { minItems: 1 },
    ),
    content_type_other: Type.Optional(Type.String({ maxLength: 500 })),
    content_language: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    /** The upload or posting date of the content, on or after 2000-01-01. */
    content_date: DsaDay,
    /** The date the decision applies from, on or after 2020-01-01. */
    application_date: DsaDay,
    end_date_account_restriction: Type.Optional(DsaDay),
    end_date_monetary_restriction: Type.Optional(DsaDay),
    end_date_service_restriction: Type.Optional(DsaDay),
    end_date_visibility_restriction: Type.Optional(DsaDay),
    territorial_scope: Type.Array(oneOf(DSA_TERRITORIES), { minItems: 1 }),
    /** Facts and circumstances; never personal data (Art. 24(5)). */
    decision_facts: Type.String({ minLength: 1, maxLength: 5000 }),
    source_type: oneOf([
      'SOURCE_ARTICLE_16',
      'SOURCE_TRUSTED_FLAGGER',
      'SOURCE_TYPE_OTHER_NOTIFICATION',
      'SOURCE_VOLUNTARY',
    ] as const),
    source_identity: Type.Optional(Type.String({ maxLength: 500 })),
    automated_detection: oneOf(['Yes', 'No'] as const),
    automated_decision: oneOf([
      'AUTOMATED_DECISION_FULLY',
      'AUTOMATED_DECISION_PARTIALLY',
      'AUTOMATED_DECISION_NOT_AUTOMATED',
    ] as const),
    /** Unique within the platform: letters, digits, '-' and '_' only. */
    puid: Type.String({ minLength: 1, maxLength: 500, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { title: 'DsaStatementSubmission', additionalProperties: false },
);
export type DsaStatementSubmission = Static<typeof DsaStatementSubmission>;
