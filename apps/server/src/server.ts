import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { loggerOptions } from './logging';
import { ensureFirstStartCredentials, startupBanner } from './startup';

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
const credentials = await ensureFirstStartCredentials(app, config);
// Straight to stdout, not through the JSON log: a key or password is shown once and never logged.
process.stdout.write(startupBanner(config, credentials));
