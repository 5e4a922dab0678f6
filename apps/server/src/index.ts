export { type BuildAppOptions, buildApp } from './app';
export { type Config, ConfigError, loadConfig, REPO_ROOT, type Role, ROLES } from './config';
export { generateApiKey, hashApiKey } from './keys/apiKeys.service';
export {
  type AppealTokenCheck,
  type AppealTokenClaims,
  appealLink,
  signAppealToken,
  verifyAppealToken,
} from './notices/appealToken';
export { signWebhook, verifyWebhookSignature, webhookSigningKey } from './notices/webhookSignature';
