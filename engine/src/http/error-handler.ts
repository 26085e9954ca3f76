import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QudaoError, toProblemJson, type ErrorCode } from '../errors/catalog.ts';
import { pickLocale } from './locale.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

function asQudaoError(error: FastifyError): QudaoError {
  if (error instanceof QudaoError) return error;
  const code = error.code && FASTIFY_CODES[error.code];
  if (code) return new QudaoError(code, [], { 'zh-CN': error.message, en: error.message });
  if (error.statusCode && error.statusCode < 500) {
    return new QudaoError('BAD_REQUEST', [], { 'zh-CN': error.message, en: error.message });
  }
  return new QudaoError('INTERNAL');
}

/** Every error leaves as application/problem+json in the caller's language; a 500 never shows internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = asQudaoError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    sendProblem(reply, request, new QudaoError('ROUTE_NOT_FOUND', [], { 'zh-CN': `没有 ${request.method} ${request.url}`, en: `No route ${request.method} ${request.url}` }));
  });
}

/** Errors of the router itself, before any route or hook runs: a bad percent-encoding, a path parameter past maxParamLength. */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, request, asQudaoError(error));
}

function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: QudaoError): void {
  const locale = pickLocale(request.headers['accept-language']);
  reply
    .status(problem.status)
    .type('application/problem+json')
    .send(toProblemJson(problem, locale, request.url));
}
