import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateReviewerBody, ReviewerIdParams, ReviewerList, ReviewerView } from '@gavel/contracts';
import Type from 'typebox';
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

  // The way back for a reviewer locked out by wrong passwords (the lock also ends by itself after
  // LOGIN_LOCK_MINUTES). Admin-only and by reviewer id: it reveals nothing to the sign-in form.
  app.post(
    '/api/admin/reviewers/:id/unlock',
    {
      preHandler,
      schema: { tags, params: ReviewerIdParams, response: { 204: Type.Null(), ...PROBLEM_RESPONSES } },
    },
    async (request, reply) => {
      await reviewers.unlock(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
