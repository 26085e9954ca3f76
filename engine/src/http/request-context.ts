import type { FastifyRequest } from 'fastify';
import { QudaoError } from '../errors/catalog.ts';
import type { AuditSource } from '../security/access-audit.ts';
import type { Authentication } from '../security/authenticate.ts';
import type { AdminRight, Principal, RightsChecker, WriteContext } from '../security/principal.ts';

/** Who each request is, set by the authentication hook (http/authentication.ts) before any handler runs. */
const authenticated = new WeakMap<FastifyRequest, Authentication>();

export function setAuthentication(request: FastifyRequest, auth: Authentication): void {
  authenticated.set(request, auth);
}

export function isAuthenticated(request: FastifyRequest): boolean {
  return authenticated.has(request);
}

/** The caller of a route that requires authentication (every /api route but the public ones), with its session. */
export function authenticationOf(request: FastifyRequest): Authentication {
  const auth = authenticated.get(request);
  if (!auth) throw new QudaoError('UNAUTHENTICATED');
  return auth;
}

export function principalOf(request: FastifyRequest): Principal {
  return authenticationOf(request).principal;
}

/** Who acts and under which request id: the records' reach and their audit. */
export function writeContext(request: FastifyRequest): WriteContext {
  const principal = principalOf(request);
  return { principal, actor: principal.userId, requestId: String(request.id) };
}

/** Who acts and from where, for the access audit; the caller may be anonymous (a login). */
export function auditSource(request: FastifyRequest): AuditSource {
  const principal = authenticated.get(request)?.principal;
  return {
    userId: principal?.userId ?? null,
    username: principal?.username ?? null,
    ip: request.ip ?? null,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
    requestId: String(request.id),
  };
}

const forbidden = (zh: string, en: string) => new QudaoError('FORBIDDEN', [], { 'zh-CN': zh, en });

/** An admin right, answered by the access model of this moment (`registry.access` is replaced on every reload). */
export function assertRight(request: FastifyRequest, rights: RightsChecker, right: AdminRight): Principal {
  const principal = principalOf(request);
  if (!rights.hasRight(principal, right)) throw forbidden(`需要管理权限 ${right}`, `This needs the admin right ${right}`);
  return principal;
}

/** Metadata and plugin administration reveal the internal structure: not for portal users. */
export function assertInternal(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (principal.kind !== 'internal') throw forbidden('门户用户无权访问', 'Portal users have no access to this');
  return principal;
}

/** Route options: refused (403) before the handler unless the caller holds `right` in the access model of the moment. */
export function requiresRight(rights: () => RightsChecker, right: AdminRight) {
  return {
    preHandler: async (request: FastifyRequest) => {
      assertRight(request, rights(), right);
    },
  };
}

/** Route options: refused (403) before the handler for portal users. */
export const internalOnly = {
  preHandler: async (request: FastifyRequest) => {
    assertInternal(request);
  },
};
