import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AccountExport,
  AccountIdParams,
  AccountParams,
  EraseResult,
  RetentionStatus,
  TransparencyQuery,
} from '@gavel/contracts';
import { currentReviewer, requireReviewer } from '../auth/reviewerAuth';
import type { ReviewerSessionService } from '../auth/reviewerSession.service';
import { PROBLEM_RESPONSES } from '../problem';
import type { PrivacyService } from './privacy.service';

const apiKey = [{ apiKey: [] }];

/** Export, erasure and transparency for the pipeline's admin keys (scope `admin`). */
export const privacyApiRoutes: FastifyPluginAsyncTypebox<{ privacy: PrivacyService }> = async (
  app,
  { privacy },
) => {
  const onRequest = app.requireScope('admin');
  const who = (id: string | undefined) => `api-key:${id ?? 'unknown'}`;

  app.get(
    '/v1/admin/accounts/:accountId/export',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        security: apiKey,
        operationId: 'exportAccount',
        summary: 'Everything held about an account, as one JSON document',
        params: AccountParams,
        response: { 200: AccountExport, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => privacy.exportAccount(request.params.accountId),
  );

  app.post(
    '/v1/admin/accounts/:accountId/erase',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        security: apiKey,
        operationId: 'eraseAccount',
        summary: 'Erase or anonymise an account, except what an open case holds',
        description:
          'Safe to repeat. What open cases hold is listed in `kept` and erased by a follow-up once they are decided.',
        params: AccountParams,
        response: { 200: EraseResult, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => privacy.erase(request.params.accountId, who(request.apiKey?.id)),
  );

  app.get(
    '/v1/admin/transparency/statements',
    {
      onRequest,
      schema: {
        tags: ['admin'],
        security: apiKey,
        operationId: 'exportTransparencyStatements',
        summary: 'Statements of reasons issued in a period, as DSA Transparency Database NDJSON',
        description:
          'One `DsaStatementSubmission` a line (application/x-ndjson), ready for the database’s statement API.',
        querystring: TransparencyQuery,
        response: {
          200: {
            description: 'NDJSON: one DsaStatementSubmission per line',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          ...PROBLEM_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const lines = privacy.transparencyStatements(request.query);
      // The first page is read before the headers go out, so a bad period or a database error is
      // still a problem+json answer rather than a cut stream.
      const first = await lines.next();
      reply.type('application/x-ndjson; charset=utf-8');
      async function* all() {
        if (!first.done) yield first.value;
        yield* lines;
      }
      // A stream is sent as is (no serializer): the schema above documents its lines.
      return reply.send(Readable.from(all()) as unknown as string);
    },
  );
};

/** The console's privacy actions and the retention status: admins signed in with a session. */
export const privacySessionRoutes: FastifyPluginAsyncTypebox<{
  sessions: ReviewerSessionService;
  privacy: PrivacyService;
}> = async (app, { sessions, privacy }) => {
  const preHandler = requireReviewer(sessions, ['admin']);
  const tags = ['review accounts'];
  const who = (request: Parameters<typeof currentReviewer>[0]) => `reviewer:${currentReviewer(request).id}`;

  app.get(
    '/api/accounts/:accountId/export',
    {
      preHandler,
      schema: {
        tags,
        operationId: 'exportAccountFromConsole',
        summary: 'Everything held about an account (admins)',
        params: AccountIdParams,
        response: { 200: AccountExport, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => privacy.exportAccount(request.params.accountId),
  );

  app.post(
    '/api/accounts/:accountId/erase',
    {
      preHandler,
      schema: {
        tags,
        operationId: 'eraseAccountFromConsole',
        summary: 'Erase or anonymise an account (admins)',
        params: AccountIdParams,
        response: { 200: EraseResult, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => privacy.erase(request.params.accountId, who(request)),
  );

  app.get(
    '/api/admin/retention',
    {
      preHandler,
      schema: {
        tags: ['review dashboard'],
        operationId: 'getRetentionStatus',
        summary: "The retention job's settings and its last run (admins)",
        response: { 200: RetentionStatus, ...PROBLEM_RESPONSES },
      },
    },
    async () => privacy.retentionStatus(),
  );
};
