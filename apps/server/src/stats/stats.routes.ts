import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LiveStats } from '@gavel/contracts';
import Type from 'typebox';
import { requireReviewer } from '../auth/reviewerAuth';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { PROBLEM_RESPONSES } from '../problem';
import type { StatsService } from './stats.service';

const StatsQuery = Type.Object({
  minutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 120, default: 30 })),
});

/** GET /api/stats?minutes=30: any signed-in reviewer; the dashboard polls it every few seconds. */
export const statsRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  stats: StatsService;
}> = async (app, { sessions, stats }) => {
  app.get(
    '/api/stats',
    {
      preHandler: requireReviewer(sessions),
      schema: {
        tags: ['review dashboard'],
        querystring: StatsQuery,
        response: { 200: LiveStats, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => stats.live(request.query.minutes ?? 30),
  );
};
