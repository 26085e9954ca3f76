/**
 * Authentication for every route: a route is public only when it says so (`config: { public: true }`) or when it
 * is an unknown path outside /api. The rest need an API token or the session cookie (with its CSRF token on
 * state-changing requests). Requests without a valid credential are rate-limited per client address.
 *
 * Order of the hooks, for one request:
 *   onRequest (this file)  → resolve the credential; remember the principal or the refusal
 *   onRequest (per route)  → @fastify/rate-limit: counts every request that has no principal
 *   preParsing (this file) → throw the refusal (401 / 403), before any body is read
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import type { AuthConfig } from '../config.ts';
import { QudaoError } from '../errors/catalog.ts';
import { assertCsrf, authenticateOrThrow } from '../security/authenticate.ts';
import type { NewSession } from '../security/sessions.ts';
import { isAuthenticated, setAuthentication } from './request-context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without authentication. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'qd_session';
const MINUTE = 60_000;

const refusals = new WeakMap<FastifyRequest, unknown>();

export async function registerAuthentication(app: FastifyInstance, knex: Knex, config: AuthConfig): Promise<void> {
  await app.register(cookie);
  app.addHook('onRequest', async (request) => {
    if (isPublic(request)) return;
    try {
      const auth = await authenticateOrThrow(knex, {
        authorization: request.headers.authorization,
        sessionToken: request.cookies[SESSION_COOKIE],
      });
      assertCsrf(auth, request.method, request.headers['x-csrf-token']);
      setAuthentication(request, auth);
    } catch (error) {
      refusals.set(request, error);
    }
  });
  await app.register(rateLimit, {
    global: true,
    max: config.unauthenticatedPerMinute,
    timeWindow: MINUTE,
    allowList: (request) => isAuthenticated(request),
    errorResponseBuilder: () => new QudaoError('RATE_LIMITED'),
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (refusals.has(request)) throw refusals.get(request);
    return payload;
  });
}

/** The rate limit of the login route: per client address, whatever else the request carries. */
export const loginRateLimit = (config: AuthConfig) => ({ max: config.loginPerMinute, timeWindow: MINUTE, allowList: () => false });

function isPublic(request: FastifyRequest): boolean {
  if (request.routeOptions.url === undefined) return !request.url.startsWith('/api');
  return request.routeOptions.config.public === true;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' });
}
