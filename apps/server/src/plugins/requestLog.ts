import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requestBudgetMs } from '../scoring/budget';

/** The pipeline's routes: thousands of requests a second, each a line only when worth reading. */
const PIPELINE_ROUTES = new Set(['/v1/score', '/v1/score/batch', '/v1/events']);

/**
 * One line per request, when it is answered (fastify's own two lines per request are off). Pipeline
 * requests log at debug: at info they were one line per message, more log than service, and the
 * benchmark had to turn logging off to hide the cost. A pipeline request that failed (5xx: warn) or
 * took longer than the score budget (warn) still logs, with its request id (`reqId`); refusals (4xx)
 * at info, as everywhere. Other routes log every request at info.
 */
async function requestLog(app: FastifyInstance) {
  const { scoreBudgetMs, scoreBudgetPerMessageMs } = app.config;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    // A batch has the budget of its size (see requestBudgetMs), so a large batch is not "slow" by default.
    const items = (request.body as { messages?: unknown } | null | undefined)?.messages;
    const slowMs = requestBudgetMs(
      Array.isArray(items) ? items.length : 1,
      scoreBudgetMs,
      scoreBudgetPerMessageMs,
    );
    const status = reply.statusCode;
    const responseTime = reply.elapsedTime;
    const line = { req: request, res: { statusCode: status }, responseTime };
    if (!route || !PIPELINE_ROUTES.has(route)) {
      request.log.info(line, 'request completed');
    } else if (status >= 500) {
      request.log.warn(line, 'request failed');
    } else if (responseTime > slowMs) {
      request.log.warn({ ...line, budgetMs: slowMs }, 'slow request: over the score budget');
    } else if (status >= 400) {
      request.log.info(line, 'request completed');
    } else {
      request.log.debug(line, 'request completed');
    }
  });
}

export default fp(requestLog, { name: 'request-log', dependencies: ['config'] });
