import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppealAnswerBody, AppealSubmitBody, AppealView } from '@gavel/contracts';
import { Compile } from 'typebox/compile';
import { fieldErrors, PROBLEM_RESPONSES, ProblemError } from '../problem';
import { type AppealPortalService, invalidAppealLink } from './appealPortal.service';

/** Per client address: a holder needs a handful of requests; a prober guessing tokens gets few. */
const PORTAL_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

// Signed tokens are ~130 characters, longer than the router's 100-character limit for `:param`
// segments (find-my-way's maxParamLength), so the token is taken from a wildcard and checked here.
// (TypeBox cannot validate a property named '*', hence no params schema on these two routes.)
const wildcard = (params: unknown) => String((params as Record<string, unknown>)['*'] ?? '');
const MAX_TOKEN_LENGTH = 2048;

const checkSubmit = Compile(AppealSubmitBody);
const checkAnswer = Compile(AppealAnswerBody);

/** One wildcard route serves two bodies, so each is validated here against its own schema. */
function validBody<T>(
  check: { Check(v: unknown): boolean; Errors(v: unknown): { instancePath: string; message: string }[] },
  body: unknown,
): T {
  if (check.Check(body)) return body as T;
  throw new ProblemError(
    400,
    'INVALID_BODY',
    'The body does not match the schema',
    fieldErrors(check.Errors(body)),
  );
}

function tokenFrom(path: string, suffix = ''): string {
  const token = suffix ? (path.endsWith(suffix) ? path.slice(0, -suffix.length) : '') : path;
  if (!token || token.length > MAX_TOKEN_LENGTH || token.includes('/')) throw invalidAppealLink();
  return token;
}

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
    '/api/appeal/*',
    { config, schema: { tags, response: { 200: AppealView, ...PROBLEM_RESPONSES } } },
    async (request) => portal.view(tokenFrom(wildcard(request.params))),
  );

  app.post(
    '/api/appeal/*',
    {
      config,
      schema: {
        tags,
        response: { 200: AppealView, 201: AppealView, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const path = wildcard(request.params);
      if (path.endsWith('/answers')) {
        const token = tokenFrom(path, '/answers');
        return portal.answer(token, validBody<AppealAnswerBody>(checkAnswer, request.body));
      }
      const token = tokenFrom(path);
      const { view, created } = await portal.submit(
        token,
        validBody<AppealSubmitBody>(checkSubmit, request.body),
      );
      return reply.code(created ? 201 : 200).send(view);
    },
  );
};
