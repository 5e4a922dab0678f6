import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DbDomainError, isDatabaseUnavailable } from '@gavel/db';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  fieldErrors,
  isProblemCode,
  PROBLEM_CONTENT_TYPE,
  ProblemError,
  problemBody,
  problemOf,
} from '../problem';

/**
 * Every error leaves as application/problem+json with a stable code. 5xx bodies are generic; the
 * detail goes to the log only (with the request id), never to the client.
 */
async function problemHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | ProblemError, request, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) {
      request.log.error({ err }, 'request failed');
    } else if (problem.status !== 401 && problem.status !== 404) {
      request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
    }
    if (problem.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer');
    if (err instanceof ProblemError && err.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
    // A dependency is down: tell the client when a retry is worth it (most outages are seconds).
    if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
    void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problemBody(404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}

function toProblem(err: FastifyError | ProblemError) {
  if (err instanceof ProblemError) return problemOf(err);
  if (isDatabaseUnavailable(err)) {
    return problemBody(503, 'UNAVAILABLE', 'The database is not answering; retry shortly');
  }
  if (err instanceof DbDomainError && isProblemCode(err.code)) return problemBody(err.status, err.code);
  const fe = err as FastifyError;
  if (fe.validation) {
    const part = fe.validationContext;
    const errors = fieldErrors(fe.validation as { instancePath?: string; message?: string }[]);
    return part === 'body'
      ? problemBody(400, 'INVALID_BODY', 'The body does not match the schema', errors)
      : problemBody(400, 'INVALID_PARAMETERS', `The ${part ?? 'request'} does not match the schema`, errors);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemBody(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemBody(413, 'PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemBody(400, 'INVALID_JSON', 'The body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problemBody(400, 'INVALID_JSON');
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 429) return problemBody(429, 'RATE_LIMITED');
  if (status === 413) return problemBody(413, 'PAYLOAD_TOO_LARGE');
  if (status === 415) return problemBody(415, 'UNSUPPORTED_MEDIA_TYPE');
  if (status === 404) return problemBody(404, 'NOT_FOUND');
  // @fastify/static refuses a path that climbs out of its root (`/assets/../..`) with a bare 403.
  if (status === 403) return problemBody(403, 'FORBIDDEN', 'This path is not served');
  if (status === 408) return problemBody(408, 'REQUEST_TIMEOUT');
  if (status === 405) return problemBody(405, 'METHOD_NOT_ALLOWED');
  // JSON.parse failures surface as a 400 SyntaxError from the content-type parser.
  if (status === 400 && (err instanceof SyntaxError || fe.code?.startsWith('FST_ERR_CTP'))) {
    return problemBody(400, 'INVALID_JSON');
  }
  if (status >= 400 && status < 500) return problemBody(status, 'INVALID_REQUEST');
  return problemBody(500, 'INTERNAL');
}

export default fp(problemHandler, { name: 'problem-handler' });

/**
 * Fastify's `frameworkErrors`: errors the router raises before any route or hook runs (a URL that
 * does not decode, a path parameter past maxParamLength), as problem+json like everything else.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const problem =
    err.code === 'FST_ERR_BAD_URL'
      ? problemBody(400, 'INVALID_URL', 'The URL does not decode (bad percent-encoding or UTF-8)')
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? problemBody(414, 'URL_TOO_LONG', 'A path segment is too long')
        : toProblem(err);
  request.log.info({ code: problem.code, status: problem.status }, 'request rejected');
  void reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Fastify's `clientErrorHandler`: the HTTP parser refused the request (headers too large, a
 * request that did not arrive in time, malformed HTTP). No request object exists yet, so the answer
 * is written to the socket by hand, still as problem+json, and the connection is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? problemBody(431, 'HEADERS_TOO_LARGE')
      : err.code === 'HPE_URI_TOO_LONG'
        ? problemBody(414, 'URL_TOO_LONG')
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problemBody(408, 'REQUEST_TIMEOUT')
          : problemBody(400, 'INVALID_REQUEST', 'The request is not valid HTTP');
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
