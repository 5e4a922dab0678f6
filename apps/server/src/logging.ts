import { pgErrorCode } from '@gavel/db';
import type { FastifyError, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/** The appeal link's token is a credential valid for months: logged URLs carry a placeholder. */
export function maskUrl(url: string): string {
  return url.replace(
    /\/(api\/)?appeal\/[^?#]+/,
    (_m, api: string | undefined) => `/${api ?? ''}appeal/[token]`,
  );
}

interface QueryError {
  query?: unknown;
  params?: unknown;
  cause?: unknown;
  message?: unknown;
  table_name?: unknown;
}

/**
 * Errors as pino logs them, except database errors: drizzle's message and `params` embed the
 * statement's parameters (key hashes, emails, password hashes), so those are logged by SQLSTATE and
 * table only.
 */
export function logSafeError(err: unknown): unknown {
  const found = findQueryError(err);
  if (!found) return err;
  const driver = found.cause as QueryError | undefined;
  const table =
    typeof driver?.table_name === 'string'
      ? driver.table_name
      : /\b(?:from|into|update)\s+"?([a-z_]+)"?/i.exec(String(found.query ?? ''))?.[1];
  return {
    type: 'DatabaseError',
    message: 'database query failed',
    code:
      pgErrorCode(err) ??
      (typeof (driver as { code?: unknown })?.code === 'string'
        ? (driver as { code: string }).code
        : undefined),
    table,
  };
}

function findQueryError(err: unknown): QueryError | null {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as QueryError;
    if (typeof e.query === 'string' && 'params' in e) return e;
    current = e.cause;
  }
  return null;
}

/**
 * The process's pino options (server.ts; the fault suite logs through the same ones). Credentials
 * and customer content never reach the log, whatever a plugin decides to log.
 */
export function loggerOptions(config: Config): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.logLevel,
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: maskUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
      }),
      err: (err: FastifyError) => {
        const safe = logSafeError(err);
        if (safe !== err)
          return {
            ...(safe as Record<string, unknown>),
            type: 'DatabaseError',
            message: 'database query failed',
            stack: '',
          };
        return { type: err.name, message: err.message, stack: err.stack ?? '', code: err.code };
      },
    },
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
