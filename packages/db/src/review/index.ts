// Queries of the review role (appeals, cases, reviewers, sessions, dashboard). Each takes `db` (or a
// transaction) first and keeps its concurrency guard in SQL.
export { accountDecisionCounts } from './accountHistory';
export {
  type AppealRow,
  answerAppealQuestion,
  getAppealByCase,
  getAppealBySuspension,
  getAppealCase,
  listSuspensionEvidence,
  type SubmitAppealInput,
  type SubmitAppealResult,
  submitAppeal,
} from './appeals';
export {
  addCaseMessage,
  appendCaseEvent,
  closeLinkedFlaggedCases,
  insertOutcomeLabels,
  latestAccountDecision,
  liftSuspension,
  setAppealStatusForCase,
  updateLockedCase,
  withLockedCase,
} from './caseActions';
export {
  APPEAL_PRIORITY,
  type CaseEventRow,
  type CaseListFilter,
  type CaseMessageRow,
  type CaseRow,
  type CaseWithAssignee,
  type ClaimOptions,
  claimCase,
  claimNextCase,
  extendCaseClaim,
  getCase,
  listCaseEvents,
  listCaseMessages,
  listCases,
  listQueue,
  type QueueRow,
  type QueueSort,
  releaseCase,
  reviewerNames,
} from './cases';
export { type ReviewDashboardData, reviewDashboard } from './dashboard';
export {
  blockedWhileSuspended,
  countEvidence,
  EVIDENCE_SLACK_MS,
  type EvidenceCountsRow,
  type EvidenceDecision,
  isBlockedWhileSuspended,
  listAccountTimeline,
  type TimelineDecision,
} from './evidence';
export { type LiveStatsData, type LiveStatsInput, liveStats } from './liveStats';
export {
  clearLoginAttempts,
  countLoginAttempt,
  deleteEndedLoginWindows,
  type LoginAttemptCount,
  refundLoginAttempt,
} from './loginAttempts';
export {
  createReviewer,
  ensureAdminReviewer,
  findReviewerByEmail,
  getReviewer,
  listReviewers,
  type NewReviewer,
  type Reviewer,
} from './reviewers';
export {
  createReviewerSession,
  deleteExpiredReviewerSessions,
  deleteReviewerSession,
  findReviewerSession,
  type NewReviewerSession,
  type ReviewerSession,
  touchReviewerSession,
} from './sessions';
