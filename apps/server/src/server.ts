import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { loggerOptions } from './logging';

// Process entry: configuration, logger, listen, graceful close. The app itself is built in app.ts.

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(78); // EX_CONFIG
}

const app = await buildApp(config, { logger: loggerOptions(config) });

closeWithGrace({ delay: 20_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an uncaught error');
  else app.log.info({ signal }, 'closing: draining requests, decisions and deliveries');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
const { createdKey } = await app.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);

const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
// Straight to stdout, not through the JSON log: a key is shown once and never logged.
const keyLine = createdKey
  ? `API key (scopes score, events, admin; shown once, keep it): ${createdKey}`
  : config.bootstrapApiKey
    ? 'API key: the value of BOOTSTRAP_API_KEY'
    : 'API keys: as created earlier (a new one: POST /v1/admin/keys with an admin key)';
process.stdout.write(
  [
    '',
    `Gavel is listening on ${url} (roles: ${[...config.roles].join(', ')})`,
    `  ${keyLine}`,
    `  docs: ${url}/docs   metrics: ${url}/metrics   data: ${config.dataDir}`,
    '',
    '',
  ].join('\n'),
);
