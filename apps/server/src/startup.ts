import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { ensureFirstAdmin } from './reviewers/reviewers.service';

/** What a first start creates and shows once: the pipeline's API key and the first admin's password. */
export interface FirstStartCredentials {
  apiKey: string | null;
  admin: { email: string; password: string } | null;
}

/**
 * After listen: the bootstrap API key (or a generated first one) and, with the review role and no
 * BOOTSTRAP_ADMIN_*, a generated first admin. Both are returned to be printed once, never logged.
 */
export async function ensureFirstStartCredentials(
  app: FastifyInstance,
  config: Config,
): Promise<FirstStartCredentials> {
  const { createdKey } = await app.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);
  const bootstrapAdmin = config.bootstrapAdminEmail && config.bootstrapAdminPassword;
  const admin = config.roles.has('review') && !bootstrapAdmin ? await ensureFirstAdmin(app.db) : null;
  return { apiKey: createdKey, admin };
}

export function baseUrl(config: Pick<Config, 'host' | 'port'>): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host}:${config.port}`;
}

/** The lines `pnpm start` prints: where Gavel listens, the API key, how a reviewer signs in. */
export function startupBanner(config: Config, credentials: FirstStartCredentials): string {
  const url = baseUrl(config);
  const keyLine = credentials.apiKey
    ? `API key (scopes score, events, admin; shown once, keep it): ${credentials.apiKey}`
    : config.bootstrapApiKey
      ? 'API key: the value of BOOTSTRAP_API_KEY'
      : 'API keys: as created earlier (a new one: POST /v1/admin/keys with an admin key)';
  const signIn = !config.roles.has('review')
    ? null
    : credentials.admin
      ? `Review console: ${url}/review/login as ${credentials.admin.email}, password ${credentials.admin.password} (shown once, keep it)`
      : config.bootstrapAdminEmail && config.bootstrapAdminPassword
        ? `Review console: ${url}/review/login as ${config.bootstrapAdminEmail} (password: BOOTSTRAP_ADMIN_PASSWORD)`
        : `Review console: ${url}/review/login (reviewers as created earlier)`;
  return [
    '',
    `Gavel is listening on ${url} (roles: ${[...config.roles].join(', ')})`,
    `  ${keyLine}`,
    ...(signIn ? [`  ${signIn}`] : []),
    `  docs: ${url}/docs   metrics: ${url}/metrics   data: ${config.dataDir}`,
    '',
    '',
  ].join('\n');
}
