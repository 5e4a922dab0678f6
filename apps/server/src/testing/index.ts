// The test door of @gavel/server (`@gavel/server/testing`): the app as integration tests start it,
// reviewer sign-ins through its routes, and a webhook receiver. Application code never imports it.
export {
  type OwnGavel,
  randomSuffix,
  type StartOptions,
  scoreOk,
  startGavel,
  startGavelOnOwnDatabase,
  type TestGavel,
} from './appHarness';
export {
  type ReviewerCredentials,
  type ReviewerRole,
  type ReviewerSession,
  type ReviewerSessions,
  reviewerSessions,
} from './reviewerSessions';
export { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';
