import { randomUUID } from 'node:crypto';
import { registerAjvFormats, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { accountRoutes } from './accounts/accounts.routes';
import accountPagePlugin from './accounts/plugin';
import authPlugin from './auth/plugin';
import type { Config } from './config';
import enforcementPlugin from './enforcement/plugin';
import { eventRoutes } from './events/events.routes';
import { healthRoutes } from './health/health.routes';
import { ReadinessService } from './health/readiness.service';
import accountModelPlugin from './plugins/accountModel';
import configPlugin from './plugins/config';
import databasePlugin from './plugins/database';
import decisionWriterPlugin from './plugins/decisionWriter';
import metricsPlugin from './plugins/metrics';
import modelPlugin from './plugins/model';
import openapiPlugin from './plugins/openapi';
import policyPlugin from './plugins/policy';
import problemHandler, { clientErrorHandler, frameworkErrors } from './plugins/problemHandler';
import redisPlugin from './plugins/redis';
import requestDeadline from './plugins/requestDeadline';
import requestLog from './plugins/requestLog';
import scoringPlugin from './plugins/scoring';
import signalsPlugin from './plugins/signals';
import privacyPlugin from './privacy/plugin';
import rateLimitPlugin from './rateLimit/plugin';
import reviewPlugin from './review/plugin';
import { MAX_PARAM_LENGTH } from './routerLimits';
import { scoringRoutes } from './scoring/scoring.routes';
import workerPlugin from './worker/plugin';

export interface BuildAppOptions {
  /** pino options (server.ts) or false (tests). */
  logger?: FastifyServerOptions['logger'];
}

/** 1 MiB: one message is at most 64 KiB of text, even JSON-escaped several times over. */
const BODY_LIMIT = 1024 * 1024;

// Formats (date-time, email, uri) for the TypeBox validator; process-wide and idempotent.
registerAjvFormats();

/**
 * The whole app as plugins, by role. The process entry (server.ts) and the tests build the same app;
 * tests use `inject()` or `listen({ port: 0 })`. Every long-lived resource is a named plugin that
 * closes itself on `app.close()`.
 */
export async function buildApp(config: Config, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    // PGlite migrations and the ONNX session take a few seconds on a cold start.
    pluginTimeout: 120_000,
    // Longer than common load balancer idle timeouts (60 s), so the LB closes first.
    keepAliveTimeout: 72_000,
    requestTimeout: 30_000,
    return503OnClosing: true,
    // One line per request, at a level by route and outcome: plugins/requestLog.ts.
    logController: new LogController({ disableRequestLogging: true }),
    // Router and HTTP-parser refusals answer problem+json too.
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // JSON only: a text/plain body is refused with 415 rather than failing validation as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(configPlugin, { config });
  await app.register(problemHandler);
  await app.register(requestLog);
  await app.register(requestDeadline);
  await app.register(metricsPlugin);
  await app.register(openapiPlugin);
  // Resources in dependency order; Fastify closes them in reverse, so writers drain before the pool ends.
  await app.register(databasePlugin);
  await app.register(redisPlugin);
  await app.register(signalsPlugin);
  await app.register(modelPlugin);
  await app.register(accountModelPlugin);
  await app.register(policyPlugin);
  await app.register(decisionWriterPlugin);
  await app.register(authPlugin);
  // Every role changes or watches account status through it (scoring, review, worker).
  await app.register(enforcementPlugin);
  // Export, erasure, retention status and transparency; its routes follow the roles.
  await app.register(privacyPlugin);

  const workerOn = config.roles.has('worker');
  const readiness = new ReadinessService({
    database: app.database,
    signals: app.signals,
    modelLoaded: () => Boolean(app.model),
    workerRunning: () => (workerOn ? 'up' : 'disabled'),
  });
  app.addHook('preClose', async () => readiness.markClosing());
  await app.register(healthRoutes, { readiness });

  if (config.roles.has('scoring')) {
    await app.register(rateLimitPlugin);
    await app.register(scoringPlugin);
    await app.register(scoringRoutes);
    await app.register(eventRoutes);
    await app.register(accountRoutes);
  }
  if (config.roles.has('review')) {
    await app.register(accountPagePlugin);
    await app.register(reviewPlugin);
  }
  if (workerOn) await app.register(workerPlugin);
  return app;
}
