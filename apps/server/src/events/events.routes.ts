import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EventsRequest, EventsResponse } from '@gavel/contracts';
import { PROBLEM_RESPONSES } from '../problem';
import { itemsIn } from '../rateLimit/plugin';
import { EventsService } from './events.service';

export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new EventsService(app.signals, app.metrics);
  app.post(
    '/v1/events',
    {
      onRequest: app.requireScope('events'),
      config: { keyRateLimitCost: itemsIn('events') },
      schema: {
        tags: ['events'],
        security: [{ apiKey: [] }],
        summary: 'Delivery reports, opt-outs, verifications and complaints',
        description: 'One event, or `{ "events": [...] }` (up to 1,000).',
        body: EventsRequest,
        response: { 202: EventsResponse, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => reply.code(202).send(await service.record(request.body)),
  );
};
