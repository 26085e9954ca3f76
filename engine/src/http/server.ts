import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerErrorHandling, sendFrameworkError } from './error-handler.ts';

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** A fastify instance with our logging, request ids and problem+json errors; routes are registered by the app. */
export function createServer(logger: Logger, options: { trustProxy?: boolean } = {}): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    // Behind a proxy, the client's address (rate limits, the access audit) and https (Secure cookies) come from X-Forwarded-*.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: true,
    // A path the router can't take (bad percent-encoding, a parameter past maxParamLength) answers a problem like any error.
    frameworkErrors: sendFrameworkError,
  }) as unknown as FastifyInstance;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerErrorHandling(app);
  return app;
}
