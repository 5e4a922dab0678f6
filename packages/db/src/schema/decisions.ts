// The decision log. Created by the hand-written migration `0001_decisions_partitioned.sql`
// (hash-partitioned by message_id; see README), so drizzle-kit does not read this file.
// Keep the two in step: a change here needs a new custom migration.
import { jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import type { AccountStatus, Channel, DecisionAction, StoredReason } from './values';

/** What a decision keeps for review and training: signals and the top feature contributions. Never the body. */
export type DecisionFeatures = Record<string, unknown>;

export const decisions = pgTable('decisions', {
  messageId: text('message_id').primaryKey(),
  accountId: text('account_id').notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  score: real('score').notNull(),
  action: text('action').$type<DecisionAction>().notNull(),
  reasons: jsonb('reasons').$type<StoredReason[]>().notNull(),
  accountStatus: text('account_status').$type<AccountStatus>().notNull(),
  accountRisk: real('account_risk').notNull(),
  modelVersion: text('model_version').notNull(),
  policyVersion: text('policy_version').notNull(),
  /** Keyed HMAC (hex) of the body: equal bodies are linkable, the body is not recoverable. */
  bodyHash: text('body_hash').notNull(),
  /** Redacted excerpt, only when action <> 'allow'; purged after the retention period. */
  excerpt: text('excerpt'),
  features: jsonb('features').$type<DecisionFeatures>(),
  /** SHADOW_MODEL's version and score for this message: recorded to compare models, never acted on. */
  shadowModelVersion: text('shadow_model_version'),
  shadowScore: real('shadow_score'),
  degraded: text('degraded').array().notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
});
