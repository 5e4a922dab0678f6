// The tables of a case's record: its messages, its events (the audit trail) and the labels its
// outcome gives. Split from tables.ts (one file had grown past one idea); drizzle-kit reads both.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { oneOf, timestamptz } from './columns';
import { cases, reviewers, suspensions } from './tables';
import {
  ACTOR_TYPES,
  type ActorType,
  CASE_EVENT_TYPES,
  CASE_MESSAGE_AUTHORS,
  type CaseEventType,
  type CaseMessageAuthor,
  LABELS,
  type LabelValue,
} from './values';

export const caseMessages = pgTable(
  'case_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    author: text('author').$type<CaseMessageAuthor>().notNull(),
    /** The reviewer's id when a reviewer wrote it; null for the holder. */
    authorId: text('author_id').references(() => reviewers.id),
    body: text('body').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('case_messages_case_idx').on(t.caseId, t.createdAt),
    check('case_messages_author_check', oneOf(t.author, CASE_MESSAGE_AUTHORS)),
    check('case_messages_reviewer_named', sql`${t.author} <> 'reviewer' or ${t.authorId} is not null`),
    check('case_messages_body_length', sql`char_length(${t.body}) <= 10000`),
  ],
);

/** Append-only audit trail: a trigger (custom migration) rejects UPDATE, DELETE and TRUNCATE. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    type: text('type').$type<CaseEventType>().notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: text('actor_id'),
    /** Never personal data: erasure cannot touch this table. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    check('case_events_type_check', oneOf(t.type, CASE_EVENT_TYPES)),
    check('case_events_actor_type_check', oneOf(t.actorType, ACTOR_TYPES)),
    check('case_events_reviewer_named', sql`${t.actorType} <> 'reviewer' or ${t.actorId} is not null`),
  ],
);

export const labels = pgTable(
  'labels',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: text('message_id'),
    /** Null once the account is erased: labels stay useful for training without it. */
    accountId: text('account_id'),
    caseId: text('case_id').references(() => cases.id),
    suspensionId: text('suspension_id').references(() => suspensions.id),
    label: text('label').$type<LabelValue>().notNull(),
    modelVersion: text('model_version'),
    features: jsonb('features').$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    // A retried outcome labels each message once per case.
    uniqueIndex('labels_case_message_key').on(t.caseId, t.messageId),
    index('labels_created_idx').on(t.createdAt),
    check('labels_label_check', oneOf(t.label, LABELS)),
  ],
);
