export {
  type Account,
  type AccountListsUpdate,
  type AccountStandingRow,
  type AccountStatusChange,
  type ChangeAccountStatusInput,
  changeAccountStatus,
  clampRisk,
  ensureAccount,
  getAccount,
  getAccountStandings,
  listAccountStatusChanges,
  setAccountLists,
  updateAccountRisk,
} from './accounts';
export {
  type ApiKeyRow,
  apiKeyRevocationEpoch,
  createApiKeyRow,
  findApiKeyByHash,
  listApiKeys,
  type NewApiKeyRow,
  revokeApiKey,
  touchApiKeysLastUsed,
} from './apiKeys';
export {
  type DatabaseHandle,
  type DatabaseKind,
  type Db,
  DEFAULT_QUERY_TIMEOUT_MS,
  MIGRATIONS_FOLDER,
  MIGRATIONS_TABLE,
  type OpenDatabaseOptions,
  openDatabase,
  type Schema,
} from './database';
export {
  countDecisions,
  type DecisionFilter,
  type DecisionRow,
  getDecision,
  getDecisions,
  insertDecisions,
  listAccountDecisions,
  type StoredDecision,
} from './decisionLog';
export {
  DecisionWriter,
  type DecisionWriterEvent,
  type DecisionWriterEventKind,
  type DecisionWriterOptions,
  type DecisionWriterStats,
} from './decisionWriter';
export {
  type Case,
  type FlagAccountInput,
  type FlagAccountResult,
  flagAccount,
  getOpenSuspension,
  getSuspension,
  listAccountSuspensions,
  type SuspendAccountInput,
  type SuspendAccountResult,
  type Suspension,
  suspendAccount,
} from './enforcement';
export {
  addErasedCounts,
  type ErasedCounts,
  type ErasureOutcome,
  type ErasureRow,
  type JobRunRow,
  type KeptByCase,
  lastJobRun,
  listAccountErasures,
  listErasuresReadyToFinish,
  listSuspensionsIssued,
  recordJobRun,
  requestAccountErasure,
  type SuspensionRow,
} from './erasures';
export {
  AllowlistedAccountError,
  ClaimLimitError,
  DbDomainError,
  describeDbError,
  isPermanentDataError,
  isUniqueViolation,
  pgErrorCode,
} from './errors';
export { newAppealReference, newId } from './ids';
export {
  type AccountNoticeRow,
  type ClaimOutboxOptions,
  claimOutboxBatch,
  enqueueOutbox,
  listAccountNotices,
  markOutboxFailed,
  markOutboxSent,
  type NewOutboxRow,
  type OutboxBacklog,
  type OutboxFailure,
  type OutboxRow,
  outboxBacklog,
} from './outbox';
export {
  type AccountExport,
  type EraseAccountResult,
  eraseAccount,
  exportAccount,
  purgeExpiredDecisions,
  purgeExpiredExcerpts,
} from './privacy';
export { executeRows } from './rawRows';
// Review queries (owned by the review engineer, written against this schema).
export * from './review';
// The closed value lists and row payload types; the tables themselves stay inside the package
// (queries are the functions above; tests reach tables through '@gavel/db/testing').
export * from './schema/values';
export {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  unavailableOr,
  withTimeout,
} from './timeouts';
