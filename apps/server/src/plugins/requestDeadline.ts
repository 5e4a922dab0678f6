import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PROBLEM_CONTENT_TYPE, problemBody } from '../problem';

/**
 * A real bound on how long a request body may take to arrive. Node's `requestTimeout` is only
 * checked every `connectionsCheckingInterval` and a body trickled a byte at a time kept a connection
 * ~72 s; here a request whose body is still incomplete `bodyTimeoutMs` after its headers gets 408
 * REQUEST_TIMEOUT and its connection is closed. Requests that arrive whole (nearly all) set no timer.
 */
async function requestDeadline(app: FastifyInstance) {
  const { bodyTimeoutMs } = app.config;
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (!raw.complete) {
      const timer = setTimeout(() => {
        if (raw.complete) return;
        request.log.info({ code: 'REQUEST_TIMEOUT', status: 408 }, 'request body did not arrive in time');
        const body = JSON.stringify(
          problemBody(408, 'REQUEST_TIMEOUT', 'The request body did not arrive in time'),
        );
        const res = reply.raw;
        // Already answered (e.g. 401 from onRequest) but the body keeps trickling: just close.
        if (!res.headersSent && !reply.sent) {
          res.writeHead(408, {
            'content-type': PROBLEM_CONTENT_TYPE,
            'content-length': Buffer.byteLength(body),
            connection: 'close',
          });
          res.end(body);
        }
        // An injected request (tests) has a stand-in socket without destroySoon: end the request instead.
        if (typeof raw.socket?.destroySoon === 'function') raw.socket.destroySoon();
        else raw.destroy();
      }, bodyTimeoutMs);
      timer.unref();
      raw.once('end', () => clearTimeout(timer));
      raw.once('close', () => clearTimeout(timer));
    }
    done();
  });
}

export default fp(requestDeadline, { name: 'request-deadline', dependencies: ['config'] });
