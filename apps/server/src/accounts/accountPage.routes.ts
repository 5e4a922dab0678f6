import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountIdParams, AccountPage, DecisionPage, DecisionPageQuery } from '@gavel/contracts';
import { currentReviewer, requireReviewer } from '../auth/reviewerAuth';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { PROBLEM_RESPONSES } from '../problem';
import type { AccountPageService } from './accountPage.service';

export const accountPageRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  pages: AccountPageService;
}> = async (app, { sessions, pages }) => {
  const preHandler = requireReviewer(sessions);
  const tags = ['review accounts'];

  app.get(
    '/api/accounts/:accountId',
    {
      preHandler,
      schema: {
        tags,
        operationId: 'getAccountPage',
        summary: 'Everything the account page shows, in one answer',
        params: AccountIdParams,
        response: { 200: AccountPage, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => pages.page(currentReviewer(request), request.params.accountId),
  );

  app.get(
    '/api/accounts/:accountId/decisions',
    {
      preHandler,
      schema: {
        tags,
        operationId: 'listAccountDecisions',
        summary: "Older pages of the account's decision timeline",
        params: AccountIdParams,
        querystring: DecisionPageQuery,
        response: { 200: DecisionPage, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => pages.decisions(request.params.accountId, request.query),
  );
};
