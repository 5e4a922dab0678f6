import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseActionBody,
  CaseDetail,
  CaseIdParams,
  CaseList,
  CaseListQuery,
  CaseSummary,
  ClaimNextResult,
  Dashboard,
} from '@gavel/contracts';
import { currentReviewer, requireReviewer } from '../auth/reviewerAuth';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { PROBLEM_RESPONSES } from '../problem';
import type { CaseActionService } from './caseActions.service';
import type { CaseService } from './cases.service';

export const caseRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  cases: CaseService;
  actions: CaseActionService;
}> = async (app, { sessions, cases, actions }) => {
  const preHandler = requireReviewer(sessions);
  const tags = ['review queue'];

  app.get(
    '/api/cases',
    {
      preHandler,
      schema: { tags, querystring: CaseListQuery, response: { 200: CaseList, ...PROBLEM_RESPONSES } },
    },
    async (request) => ({ cases: await cases.list(currentReviewer(request), request.query) }),
  );

  app.post(
    '/api/cases/claim-next',
    { preHandler, schema: { tags, response: { 200: ClaimNextResult, ...PROBLEM_RESPONSES } } },
    async (request) => ({ case: await cases.claimNext(currentReviewer(request)) }),
  );

  app.get(
    '/api/cases/:id',
    {
      preHandler,
      schema: { tags, params: CaseIdParams, response: { 200: CaseDetail, ...PROBLEM_RESPONSES } },
    },
    async (request) => cases.detail(currentReviewer(request), request.params.id),
  );

  for (const operation of ['claim', 'extend', 'release'] as const) {
    app.post(
      `/api/cases/:id/${operation}`,
      {
        preHandler,
        schema: { tags, params: CaseIdParams, response: { 200: CaseSummary, ...PROBLEM_RESPONSES } },
      },
      async (request) => cases[operation](currentReviewer(request), request.params.id),
    );
  }

  app.post(
    '/api/cases/:id/actions',
    {
      preHandler,
      schema: {
        tags,
        params: CaseIdParams,
        body: CaseActionBody,
        response: { 200: CaseDetail, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const reviewer = currentReviewer(request);
      await actions.act(reviewer, request.params.id, request.body);
      return cases.detail(reviewer, request.params.id);
    },
  );

  app.get(
    '/api/dashboard',
    {
      preHandler: requireReviewer(sessions, ['lead', 'admin']),
      schema: { tags: ['review dashboard'], response: { 200: Dashboard, ...PROBLEM_RESPONSES } },
    },
    async () => cases.dashboard(),
  );
};
