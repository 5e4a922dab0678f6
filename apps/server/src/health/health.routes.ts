import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness } from '@gavel/contracts';
import { PROBLEM_RESPONSES } from '../problem';
import type { ReadinessService } from './readiness.service';

export const healthRoutes: FastifyPluginAsyncTypebox<{ readiness: ReadinessService }> = async (app, opts) => {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    { schema: { response: { 200: Readiness, 503: Readiness, ...PROBLEM_RESPONSES } } },
    async (_request, reply) => {
      const readiness = await opts.readiness.check();
      return reply.code(readiness.status === 'unavailable' ? 503 : 200).send(readiness);
    },
  );
};
