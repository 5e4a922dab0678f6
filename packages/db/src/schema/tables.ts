// Every table except `decisions` (hash-partitioned, created by hand-written SQL in a custom migration:
// drizzle-kit cannot express partitioning). drizzle-kit reads this file and reviewTables.ts to generate migrations.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { oneOf, timestamptz } from './columns';
import {
  ACCOUNT_STATUSES,
  type AccountStatus,
  API_KEY_SCOPES,
  APPEAL_STATUSES,
  type AppealStatus,
  CASE_KINDS,
  CASE_OUTCOMES,
  CASE_STATUSES,
  type CaseKind,
  type CaseOutcome,
  type CaseStatus,
  OUTBOX_STATUSES,
  type OutboxPayload,
  type OutboxStatus,
  REVIEWER_ROLES,
  type ReviewerRole,
  STATUS_CHANGE_CAUSES,
  type StatusChangeCause,
  type StoredReason,
  SUSPENSION_STATUSES,
  type SuspensionStatus,
} from './values';

export const accounts = pgTable(
  'accounts',
  {
    /** The platform's accountId. */
    id: text('id').primaryKey(),
    status: text('status').$type<AccountStatus>().notNull().default('active'),
    risk: real('risk').notNull().default(0),
    allowlisted: boolean('allowlisted').notNull().default(false),
    blocklisted: boolean('blocklisted').notNull().default(false),
    noticeEmail: text('notice_email'),
    webhookUrl: text('webhook_url'),
    firstSeenAt: timestamptz('first_seen_at').notNull().defaultNow(),
    statusChangedAt: timestamptz('status_changed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('accounts_status_check', oneOf(t.status, ACCOUNT_STATUSES)),
    check('accounts_risk_range', sql`${t.risk} >= 0 and ${t.risk} <= 1`),
    check('accounts_not_both_lists', sql`not (${t.allowlisted} and ${t.blocklisted})`),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The first characters of the key, shown in listings so a holder recognises it. */
    prefix: text('prefix').notNull(),
    /** sha256 hex of the whole key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    revokedAt: timestamptz('revoked_at'),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_key').on(t.keyHash),
    check('api_keys_key_hash_is_sha256', sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`),
    check(
      'api_keys_scopes_known',
      sql`${t.scopes} <@ array[${sql.raw(API_KEY_SCOPES.map((s) => `'${s}'`).join(', '))}]::text[]`,
    ),
  ],
);

export const reviewers = pgTable(
  'reviewers',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<ReviewerRole>().notNull().default('reviewer'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    disabledAt: timestamptz('disabled_at'),
  },
  (t) => [
    uniqueIndex('reviewers_email_key').on(t.email),
    check('reviewers_email_lower_case', sql`${t.email} = lower(${t.email})`),
    check('reviewers_role_check', oneOf(t.role, REVIEWER_ROLES)),
  ],
);

export const reviewerSessions = pgTable(
  'reviewer_sessions',
  {
    /** sha256 hex of the session token: a database leak does not leak usable cookies. */
    id: text('id').primaryKey(),
    reviewerId: text('reviewer_id')
      .notNull()
      .references(() => reviewers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    index('reviewer_sessions_reviewer_idx').on(t.reviewerId),
    index('reviewer_sessions_expires_idx').on(t.expiresAt),
    check('reviewer_sessions_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/**
 * Sign-in attempts in the current window, per email (known or not) and per client address. `key` is
 * `e:` or `a:` plus an HMAC of the email or address (keyed by SECRET), so the table holds neither.
 * Counted before the password is checked, by one upsert per attempt: concurrent guesses cannot race
 * past the limit. A row whose window has ended counts as empty; the next attempt restarts it.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowEndsAt: timestamptz('window_ends_at').notNull(),
  },
  (t) => [
    index('login_attempts_window_ends_idx').on(t.windowEndsAt),
    check('login_attempts_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

export const suspensions = pgTable(
  'suspensions',
  {
    /** 'su_' + random. */
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    status: text('status').$type<SuspensionStatus>().notNull().default('open'),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull(),
    /** The statement of reasons, with the DSA Transparency Database field names. */
    statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
    automatedDetection: boolean('automated_detection').notNull(),
    automatedDecision: boolean('automated_decision').notNull(),
    /** The reviewer who decided the suspension, null when automated; may not decide its appeal. */
    decidedBy: text('decided_by').references(() => reviewers.id),
    openedAt: timestamptz('opened_at').notNull().defaultNow(),
    closedAt: timestamptz('closed_at'),
    appealDeadline: timestamptz('appeal_deadline').notNull(),
  },
  (t) => [
    // At most one suspension in force per account ('open', or 'upheld' after a lost appeal): two
    // racing suspenders cannot both insert, and an upheld suspension is never duplicated.
    uniqueIndex('suspensions_one_in_force_per_account').on(t.accountId).where(sql`${t.status} <> 'lifted'`),
    index('suspensions_account_idx').on(t.accountId, t.openedAt),
    check('suspensions_status_check', oneOf(t.status, SUSPENSION_STATUSES)),
    check('suspensions_closed_iff_not_open', sql`(${t.status} = 'open') = (${t.closedAt} is null)`),
    // The appeal window is at least six months (DESIGN.md); 180 days is the floor any six months clears.
    check(
      'suspensions_appeal_window_six_months',
      sql`${t.appealDeadline} >= ${t.openedAt} + interval '180 days'`,
    ),
    check(
      'suspensions_automated_decision_has_no_reviewer',
      sql`not (${t.automatedDecision} and ${t.decidedBy} is not null)`,
    ),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<CaseKind>().notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    suspensionId: text('suspension_id').references(() => suspensions.id),
    status: text('status').$type<CaseStatus>().notNull().default('open'),
    priority: integer('priority').notNull().default(0),
    dueAt: timestamptz('due_at').notNull(),
    assigneeId: text('assignee_id').references(() => reviewers.id),
    claimedAt: timestamptz('claimed_at'),
    claimExpiresAt: timestamptz('claim_expires_at'),
    outcome: text('outcome').$type<CaseOutcome>(),
    rationale: text('rationale'),
    decidedBy: text('decided_by').references(() => reviewers.id),
    decidedAt: timestamptz('decided_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /** Optimistic concurrency: every update sets `version = version + 1 WHERE version = $seen`. */
    version: integer('version').notNull().default(1),
    /**
     * The case whose decision closed this one: a decision on an account settles every other open case
     * about the same restriction (an appeal's outcome closes the account's flagged case).
     */
    closedWithCaseId: text('closed_with_case_id').references((): AnyPgColumn => cases.id),
  },
  (t) => [
    // At most one undecided flagged case per account (flagging is idempotent).
    uniqueIndex('cases_one_undecided_flagged_per_account')
      .on(t.accountId)
      .where(sql`${t.kind} = 'flagged' and ${t.status} <> 'decided'`),
    // One appeal case per suspension.
    uniqueIndex('cases_one_appeal_per_suspension').on(t.suspensionId).where(sql`${t.kind} = 'appeal'`),
    index('cases_queue_idx').on(t.status, t.priority.desc(), t.dueAt),
    index('cases_account_idx').on(t.accountId, t.createdAt),
    index('cases_assignee_idx').on(t.assigneeId).where(sql`${t.status} <> 'decided'`),
    // The dashboard's live stats count cases opened and decided per minute over the last hour or two.
    index('cases_created_idx').on(t.createdAt),
    index('cases_decided_idx').on(t.decidedAt).where(sql`${t.decidedAt} is not null`),
    check('cases_kind_check', oneOf(t.kind, CASE_KINDS)),
    check('cases_status_check', oneOf(t.status, CASE_STATUSES)),
    check('cases_outcome_check', sql`${t.outcome} is null or ${oneOf(t.outcome, CASE_OUTCOMES)}`),
    check('cases_appeal_has_suspension', sql`${t.kind} <> 'appeal' or ${t.suspensionId} is not null`),
    check(
      'cases_outcome_matches_kind',
      sql`${t.outcome} is null or (${t.kind} = 'appeal' and ${t.outcome} in ('reinstated', 'upheld')) or (${t.kind} = 'flagged' and ${t.outcome} in ('cleared', 'suspended'))`,
    ),
    // A decision is made by a human reviewer, with a written rationale, at a known time.
    check(
      'cases_decided_iff_complete',
      sql`(${t.status} = 'decided') = (${t.outcome} is not null and ${t.decidedBy} is not null and ${t.decidedAt} is not null and ${t.rationale} is not null)`,
    ),
    check(
      'cases_claim_consistent',
      sql`${t.assigneeId} is not null or (${t.claimedAt} is null and ${t.claimExpiresAt} is null)`,
    ),
    check('cases_version_positive', sql`${t.version} >= 1`),
    check(
      'cases_closed_with_only_when_decided',
      sql`${t.closedWithCaseId} is null or ${t.status} = 'decided'`,
    ),
  ],
);

export const appeals = pgTable(
  'appeals',
  {
    /** A human reference like 'AP-7K3Q9D' (see `newAppealReference`). */
    id: text('id').primaryKey(),
    suspensionId: text('suspension_id')
      .notNull()
      .references(() => suspensions.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    explanation: text('explanation').notNull(),
    /** Null once erased. */
    contactEmail: text('contact_email'),
    changes: text('changes'),
    status: text('status').$type<AppealStatus>().notNull().default('received'),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
    decidedAt: timestamptz('decided_at'),
  },
  (t) => [
    // Exactly one appeal per suspension: a double submit conflicts and returns the first.
    uniqueIndex('appeals_suspension_key').on(t.suspensionId),
    uniqueIndex('appeals_case_key').on(t.caseId),
    index('appeals_account_idx').on(t.accountId),
    check('appeals_status_check', oneOf(t.status, APPEAL_STATUSES)),
    check('appeals_decided_iff_decided_at', sql`(${t.status} = 'decided') = (${t.decidedAt} is not null)`),
    // The form asks for 20 to 5,000 characters; erasure blanks it, so SQL pins only the upper bound.
    check('appeals_explanation_length', sql`char_length(${t.explanation}) <= 5000`),
    check('appeals_changes_length', sql`${t.changes} is null or char_length(${t.changes}) <= 5000`),
  ],
);

export const accountStatusChanges = pgTable(
  'account_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    fromStatus: text('from_status').$type<AccountStatus>().notNull(),
    toStatus: text('to_status').$type<AccountStatus>().notNull(),
    cause: text('cause').$type<StatusChangeCause>().notNull(),
    /** The reviewer (or admin) who made the change; null when automated. */
    actorId: text('actor_id'),
    caseId: text('case_id').references(() => cases.id),
    suspensionId: text('suspension_id').references(() => suspensions.id),
    reasons: jsonb('reasons').$type<StoredReason[]>().notNull().default(sql`'[]'::jsonb`),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    index('account_status_changes_account_idx').on(t.accountId, t.at),
    // The dashboard's live stats: flags and suspensions per minute over a recent window.
    index('account_status_changes_at_idx').on(t.at, t.toStatus),
    check('account_status_changes_from_check', oneOf(t.fromStatus, ACCOUNT_STATUSES)),
    check('account_status_changes_to_check', oneOf(t.toStatus, ACCOUNT_STATUSES)),
    check('account_status_changes_cause_check', oneOf(t.cause, STATUS_CHANGE_CAUSES)),
    check('account_status_changes_is_a_change', sql`${t.fromStatus} <> ${t.toStatus}`),
    check(
      'account_status_changes_human_has_actor',
      sql`${t.cause} = 'automated' or ${t.actorId} is not null`,
    ),
  ],
);

export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    accountId: text('account_id').references(() => accounts.id),
    payload: jsonb('payload').$type<OutboxPayload>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey),
    // The worker's claim scans only pending rows, oldest due first.
    index('outbox_pending_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_account_idx').on(t.accountId),
    check('outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
    check('outbox_payload_kind', sql`${t.payload}->>'kind' in ('email', 'webhook')`),
    check('outbox_sent_iff_sent_at', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check('outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

/**
 * Erasure requests (GDPR Art. 17), one row each: the audit record of who asked, when, and what open
 * cases kept back and why. A 'pending' request is finished by itself once those cases are decided.
 */
export const accountErasures = pgTable(
  'account_erasures',
  {
    id: text('id').primaryKey(),
    /** Not a foreign key: the request outlives whatever it erased. */
    accountId: text('account_id').notNull(),
    /** 'api-key:<id>' or 'reviewer:<id>'. */
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    status: text('status').$type<'pending' | 'complete'>().notNull(),
    /** What open cases held back: [{ caseId, kind, holds, reason }]. Never personal data. */
    kept: jsonb('kept').$type<Record<string, unknown>[]>().notNull().default(sql`'[]'::jsonb`),
    /** Counts of what each pass erased (first request, then follow-ups). */
    erased: jsonb('erased').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    completedAt: timestamptz('completed_at'),
  },
  (t) => [
    index('account_erasures_account_idx').on(t.accountId, t.requestedAt),
    index('account_erasures_pending_idx').on(t.accountId).where(sql`${t.status} = 'pending'`),
    check('account_erasures_status_check', sql`${t.status} in ('pending', 'complete')`),
    check(
      'account_erasures_complete_iff_completed_at',
      sql`(${t.status} = 'complete') = (${t.completedAt} is not null)`,
    ),
  ],
);

/** The last runs of background jobs (the retention job), so any replica can show them. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    job: text('job').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    finishedAt: timestamptz('finished_at').notNull(),
    ok: boolean('ok').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.finishedAt)],
);
