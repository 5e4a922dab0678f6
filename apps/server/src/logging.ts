import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/**
 * The process's pino options (server.ts; the fault suite logs through the same ones). Credentials
 * and customer content never reach the log, whatever a plugin decides to log.
 */
export function loggerOptions(config: Config): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'req.body',
        'body',
        '*.body',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}
