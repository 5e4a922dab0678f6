import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problem';
import { MAX_PARAM_LENGTH } from '../routerLimits';

/**
 * Serves the built React app (apps/web/dist): hashed assets under /assets with a long cache, and
 * index.html for `/`, `/appeal/*` and `/review/*` (client-side routes). Skipped when the app is not
 * built: the API works without it.
 */
/** apps/web/dist, built by `pnpm --filter @gavel/web build`. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

async function webAppPlugin(app: FastifyInstance, opts: { distDir?: string }) {
  const distDir = opts.distDir ?? WEB_DIST_DIR;
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn(
      { distDir },
      'web app not built (pnpm --filter @gavel/web build): /appeal and /review are not served',
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: false,
    // Vite fingerprints asset names: cache them for a year; index.html is revalidated every time.
    setHeaders: (res, path) => {
      res.header('x-content-type-options', 'nosniff');
      if (path.includes(`${join(distDir, 'assets')}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      )
      .sendFile('index.html');
  const hide = { schema: { hide: true } };
  app.get('/', hide, sendIndex);
  app.get('/appeal/*', hide, sendIndex);
  app.get('/review', hide, sendIndex);
  app.get('/review/*', hide, sendIndex);
  app.get('/assets/*', hide, (request, reply) =>
    reply.sendFile(`assets/${(request.params as { '*': string })['*']}`),
  );
  // Any other GET: a browser gets the app's own not-found page (HTML, status 404); an API client
  // (no text/html in Accept, or an /api/ or /v1/ path) gets the usual problem+json.
  app.get('/*', hide, (request, reply) => {
    const path = request.url.split('?')[0];
    // A parameter past the router's maxParamLength lands here rather than in its route: the same
    // 414 as the router's own FST_ERR_MAX_PARAM_LENGTH answer.
    if (path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)) {
      throw new ProblemError(414, 'URL_TOO_LONG', 'A path segment is too long');
    }
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (!wantsHtml || /^\/(api|v1)(\/|$)/.test(path)) {
      throw new ProblemError(404, 'NOT_FOUND', `No route for GET ${path}`);
    }
    return sendIndex(request, reply.code(404));
  });
}

// Encapsulated (not fp-wrapped at the root): @fastify/static's decorators stay in this scope.
export default fp(webAppPlugin, { name: 'web-app', encapsulate: true });
