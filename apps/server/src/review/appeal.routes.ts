import { AppealAnswerBody, AppealSubmitBody, AppealTokenParams, AppealView } from '@gavel/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROBLEM_RESPONSES } from '../problem';
import type { AppealPortalService } from './appealPortal.service';

/** Per client address: a holder needs a handful of requests; a prober guessing tokens gets few. */
const PORTAL_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

/** The holder's portal: no login, the signed token in the path is the credential. */
export const appealRoutes: FastifyPluginAsyncTypebox<{ portal: AppealPortalService }> = async (app, { portal }) => {
  const config = { rateLimit: PORTAL_RATE_LIMIT };
  const tags = ['appeal portal'];

  app.get(
    '/api/appeal/:token',
    { config, schema: { tags, params: AppealTokenParams, response: { 200: AppealView, ...PROBLEM_RESPONSES } } },
    async (request) => portal.view(request.params.token),
  );

  app.post(
    '/api/appeal/:token',
    {
      config,
      schema: {
        tags,
        params: AppealTokenParams,
        body: AppealSubmitBody,
        response: { 200: AppealView, 201: AppealView, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const { view, created } = await portal.submit(request.params.token, request.body);
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  app.post(
    '/api/appeal/:token/answers',
    {
      config,
      schema: { tags, params: AppealTokenParams, body: AppealAnswerBody, response: { 200: AppealView, ...PROBLEM_RESPONSES } },
    },
    async (request) => portal.answer(request.params.token, request.body),
  );
};
