import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { statsRoutes } from './stats.routes';
import { StatsService } from './stats.service';

/** Live figures for the lead dashboard's charts (GET /api/stats). */
async function statsPlugin(app: FastifyInstance, opts: { sessions: ReviewerSessionService }) {
  const stats = new StatsService(app.db, { live: app.model, shadow: app.shadowModel });
  await app.register(statsRoutes, { sessions: opts.sessions, stats });
}

export default fp(statsPlugin, { name: 'stats', dependencies: ['config', 'db'] });
