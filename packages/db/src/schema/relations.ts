// Relations for drizzle's relational queries (`db.query.cases.findFirst({ with: { events: true } })`).
// They add no SQL; the foreign keys live in tables.ts and reviewTables.ts.
import { relations } from 'drizzle-orm';
import { caseEvents, caseMessages, labels } from './reviewTables';
import {
  accountStatusChanges,
  accounts,
  appeals,
  cases,
  outbox,
  reviewerSessions,
  reviewers,
  suspensions,
} from './tables';

export const accountsRelations = relations(accounts, ({ many }) => ({
  suspensions: many(suspensions),
  cases: many(cases),
  statusChanges: many(accountStatusChanges),
  appeals: many(appeals),
  outbox: many(outbox),
}));

export const accountStatusChangesRelations = relations(accountStatusChanges, ({ one }) => ({
  account: one(accounts, { fields: [accountStatusChanges.accountId], references: [accounts.id] }),
  case: one(cases, { fields: [accountStatusChanges.caseId], references: [cases.id] }),
  suspension: one(suspensions, { fields: [accountStatusChanges.suspensionId], references: [suspensions.id] }),
}));

export const suspensionsRelations = relations(suspensions, ({ one, many }) => ({
  account: one(accounts, { fields: [suspensions.accountId], references: [accounts.id] }),
  decider: one(reviewers, { fields: [suspensions.decidedBy], references: [reviewers.id] }),
  appeal: one(appeals),
  cases: many(cases),
}));

export const casesRelations = relations(cases, ({ one, many }) => ({
  account: one(accounts, { fields: [cases.accountId], references: [accounts.id] }),
  suspension: one(suspensions, { fields: [cases.suspensionId], references: [suspensions.id] }),
  assignee: one(reviewers, {
    fields: [cases.assigneeId],
    references: [reviewers.id],
    relationName: 'assignee',
  }),
  decider: one(reviewers, { fields: [cases.decidedBy], references: [reviewers.id], relationName: 'decider' }),
  appeal: one(appeals),
  events: many(caseEvents),
  messages: many(caseMessages),
  labels: many(labels),
}));

export const appealsRelations = relations(appeals, ({ one }) => ({
  suspension: one(suspensions, { fields: [appeals.suspensionId], references: [suspensions.id] }),
  case: one(cases, { fields: [appeals.caseId], references: [cases.id] }),
  account: one(accounts, { fields: [appeals.accountId], references: [accounts.id] }),
}));

export const caseEventsRelations = relations(caseEvents, ({ one }) => ({
  case: one(cases, { fields: [caseEvents.caseId], references: [cases.id] }),
}));

export const caseMessagesRelations = relations(caseMessages, ({ one }) => ({
  case: one(cases, { fields: [caseMessages.caseId], references: [cases.id] }),
  author: one(reviewers, { fields: [caseMessages.authorId], references: [reviewers.id] }),
}));

export const reviewersRelations = relations(reviewers, ({ many }) => ({
  sessions: many(reviewerSessions),
  assignedCases: many(cases, { relationName: 'assignee' }),
  decidedCases: many(cases, { relationName: 'decider' }),
}));

export const reviewerSessionsRelations = relations(reviewerSessions, ({ one }) => ({
  reviewer: one(reviewers, { fields: [reviewerSessions.reviewerId], references: [reviewers.id] }),
}));

export const labelsRelations = relations(labels, ({ one }) => ({
  case: one(cases, { fields: [labels.caseId], references: [cases.id] }),
  suspension: one(suspensions, { fields: [labels.suspensionId], references: [suspensions.id] }),
}));

export const outboxRelations = relations(outbox, ({ one }) => ({
  account: one(accounts, { fields: [outbox.accountId], references: [accounts.id] }),
}));
