import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateReviewerBody, ReviewerList, ReviewerView } from '@gavel/contracts';
import { requireReviewer } from '../auth/reviewerAuth';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { PROBLEM_RESPONSES } from '../problem';
import type { ReviewerService } from './reviewers.service';

export const reviewerRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  reviewers: ReviewerService;
}> = async (app, { sessions, reviewers }) => {
  const preHandler = requireReviewer(sessions, ['admin']);
  const tags = ['review admin'];

  app.get(
    '/api/admin/reviewers',
    { preHandler, schema: { tags, response: { 200: ReviewerList, ...PROBLEM_RESPONSES } } },
    async () => ({
      reviewers: await reviewers.list(),
    }),
  );

  app.post(
    '/api/admin/reviewers',
    {
      preHandler,
      schema: { tags, body: CreateReviewerBody, response: { 201: ReviewerView, ...PROBLEM_RESPONSES } },
    },
    async (request, reply) => reply.code(201).send(await reviewers.create(request.body)),
  );
};
