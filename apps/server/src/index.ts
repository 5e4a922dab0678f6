export { type BuildAppOptions, buildApp } from './app';
export { generateApiKey, hashApiKey } from './auth/keys/apiKeys.service';
export { type Config, ConfigError, loadConfig, REPO_ROOT, ROLES, type Role } from './config';
export { loggerOptions } from './logging';
export {
  type AppealTokenCheck,
  type AppealTokenClaims,
  appealLink,
  signAppealToken,
  verifyAppealToken,
} from './notices/appealToken';
export { signWebhook, verifyWebhookSignature, webhookSigningKey } from './notices/webhookSignature';
export { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from './reviewers/reviewers.service';
export { baseUrl, ensureFirstStartCredentials, type FirstStartCredentials, startupBanner } from './startup';
