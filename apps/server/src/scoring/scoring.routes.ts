import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MAX_BATCH_SIZE,
  ScoreBatchRequest,
  ScoreBatchResponse,
  ScoreRequest,
  ScoreResponse,
} from '@gavel/contracts';
import type { FastifySchemaCompiler } from 'fastify';
import { PROBLEM_RESPONSES, ProblemError } from '../problem';
import { itemsIn } from '../rateLimit/plugin';
import { RepeatPendingError } from './idempotency';

const tags = ['scoring'];
const security = [{ apiKey: [] }];
/** 1,000 messages of up to 64 KiB each would be 64 MiB; real batches are SMS-sized. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The batch body is checked only as an envelope here (`messages` is an array of at most 1,000), so one
 * bad message becomes a problem object in its own slot instead of failing the whole batch. The full
 * schema still documents the route in OpenAPI.
 */
const batchEnvelope: FastifySchemaCompiler<unknown> = () => (value) => {
  const body = value as { messages?: unknown } | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(body.messages)) {
    return {
      error: new ProblemError(400, 'INVALID_BODY', 'Send { "messages": [...] }', [
        { path: '/messages', message: 'must be an array' },
      ]),
    };
  }
  if (body.messages.length === 0) {
    return {
      error: new ProblemError(400, 'INVALID_BODY', 'The batch is empty', [
        { path: '/messages', message: 'must have at least 1 item' },
      ]),
    };
  }
  if (body.messages.length > MAX_BATCH_SIZE) {
    return {
      error: new ProblemError(413, 'BATCH_TOO_LARGE', `At most ${MAX_BATCH_SIZE} messages per batch`, [
        { path: '/messages', message: `must have at most ${MAX_BATCH_SIZE} items` },
      ]),
    };
  }
  return { value };
};

export const scoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = app.requireScope('score');

  app.post(
    '/v1/score',
    {
      onRequest,
      config: { keyRateLimitCost: () => 1 },
      schema: {
        tags,
        security,
        summary: 'Score one message',
        description:
          'Idempotent on messageId: a repeat returns the first answer and counts nothing twice. Answers within the budget even when Redis or Postgres is down (see `degraded`).',
        body: ScoreRequest,
        response: { 200: ScoreResponse, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      try {
        return await app.scoring.scoreMessage(request.body);
      } catch (err) {
        // The first answer to this messageId is not known in time: the client retries and gets it.
        if (err instanceof RepeatPendingError)
          void reply.header('retry-after', String(err.retryAfterSeconds));
        throw err;
      }
    },
  );

  app.post(
    '/v1/score/batch',
    {
      onRequest,
      config: { keyRateLimitCost: itemsIn('messages') },
      bodyLimit: BATCH_BODY_LIMIT,
      validatorCompiler: batchEnvelope,
      schema: {
        tags,
        security,
        summary: 'Score up to 1,000 messages',
        description: 'Results in the same order; an invalid message gets its own problem object.',
        body: ScoreBatchRequest,
        response: { 200: ScoreBatchResponse, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const results = await app.scoring.scoreBatch(request.body.messages as unknown[]);
      // An item whose first answer is not known yet (503 in its slot): the client retries those.
      if (results.some((r) => 'status' in r && r.status === 503)) void reply.header('retry-after', '1');
      return { results };
    },
  );
};
