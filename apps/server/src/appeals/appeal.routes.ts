import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppealAnswerBody, AppealSubmitBody, AppealTokenParams, AppealView } from '@gavel/contracts';
import { PROBLEM_RESPONSES } from '../problem';
import type { AppealPortalService } from './appealPortal.service';

/** Per client address: a holder needs a handful of requests; a prober guessing tokens gets few. */
const PORTAL_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };
/**
 * No header or cookie: the signed token in the path (from the suspension notice) is the holder's
 * credential, a capability URL that OpenAPI has no scheme for, so the requirement is explicitly none.
 */
const security: Record<string, string[]>[] = [];

/**
 * The holder's portal: no login, the signed token in the path is the credential.
 * GET /api/appeal/{token}, POST /api/appeal/{token} (the appeal), POST /api/appeal/{token}/answers.
 */
export const appealRoutes: FastifyPluginAsyncTypebox<{ portal: AppealPortalService }> = async (
  app,
  { portal },
) => {
  const config = { rateLimit: PORTAL_RATE_LIMIT };
  const tags = ['appeal portal'];

  app.get(
    '/api/appeal/:token',
    {
      config,
      schema: {
        tags,
        security,
        operationId: 'getAppeal',
        summary: 'The statement of reasons and the appeal status behind a notice link',
        params: AppealTokenParams,
        response: { 200: AppealView, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => portal.view(request.params.token),
  );

  app.post(
    '/api/appeal/:token',
    {
      config,
      schema: {
        tags,
        security,
        operationId: 'submitAppeal',
        summary: 'Submit the one appeal of a suspension',
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
      schema: {
        tags,
        security,
        operationId: 'answerAppealQuestion',
        summary: "Answer the reviewer's question about an appeal",
        params: AppealTokenParams,
        body: AppealAnswerBody,
        response: { 200: AppealView, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => portal.answer(request.params.token, request.body),
  );
};
