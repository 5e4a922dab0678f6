export { type BuildAppOptions, buildApp } from './app';
export { type Config, ConfigError, loadConfig, REPO_ROOT, ROLES, type Role } from './config';
export { generateApiKey, hashApiKey } from './keys/apiKeys.service';
export {
  type AppealTokenCheck,
  type AppealTokenClaims,
  appealLink,
  signAppealToken,
  verifyAppealToken,
} from './notices/appealToken';
export { signWebhook, verifyWebhookSignature, webhookSigningKey } from './notices/webhookSignature';
