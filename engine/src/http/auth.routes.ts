import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { AuthConfig } from '../config.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import { recordAccessEvent } from '../security/access-audit.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../security/api-tokens.ts';
import type { Authentication } from '../security/authenticate.ts';
import { checkLoginInput, loginOrThrow } from '../security/login.ts';
import { ADMIN_RIGHTS, type RightsChecker } from '../security/principal.ts';
import { deleteSession } from '../security/sessions.ts';
import { changeOwnPasswordOrThrow, type UserAccess } from '../security/user-admin.ts';
import { clearSessionCookie, loginRateLimit, setSessionCookie } from './authentication.ts';
import { auditSource, authenticationOf, principalOf } from './request-context.ts';

export interface AuthRouteDeps {
  knex: Knex;
  config: AuthConfig;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker & UserAccess;
}

const TOKEN_NAME_MAX = 100;
const TOKEN_DAYS_MAX = 3650;
const DAY = 86_400_000;

const badRequest = (errors: FieldError[]) => new QudaoError('BAD_REQUEST', errors);

/** Login, logout, who am I, my password, my API tokens. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { knex, config } = deps;
  const me = (auth: Authentication) => ({
    id: auth.principal.userId,
    username: auth.principal.username,
    displayName: auth.displayName,
    kind: auth.principal.kind,
    role: auth.principal.role,
    accountId: auth.principal.accountId,
  });

  app.post('/api/auth/login', { config: { public: true, rateLimit: loginRateLimit(config) } }, async (request, reply) => {
    const { input, errors } = checkLoginInput(request.body);
    if (!input) throw badRequest(errors);
    const { user, session } = await loginOrThrow(knex, input, { ...auditSource(request), requestId: String(request.id) }, config);
    setSessionCookie(request, reply, session);
    return {
      user: { id: user.id, username: user.username, displayName: user.display_name, kind: user.kind, role: user.role, accountId: user.account_id },
      csrfToken: session.csrfToken,
    };
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const auth = authenticationOf(request);
    await knex.transaction(async (trx) => {
      if (auth.session) await deleteSession(trx, auth.session.tokenHash);
      await recordAccessEvent(trx, auditSource(request), 'logout', { via: auth.session ? 'session' : 'token' });
    });
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  app.get('/api/auth/me', async (request) => {
    const auth = authenticationOf(request);
    const access = deps.access();
    return {
      user: me(auth),
      csrfToken: auth.session?.csrfToken ?? null,
      rights: ADMIN_RIGHTS.filter((right) => access.hasRight(auth.principal, right)),
    };
  });

  app.post('/api/auth/password', { config: { rateLimit: loginRateLimit(config) } }, async (request, reply) => {
    const auth = authenticationOf(request);
    await changeOwnPasswordOrThrow({ knex, access: deps.access }, auth.principal.userId, request.body, auth.session?.tokenHash, auditSource(request));
    return reply.status(204).send();
  });

  app.post('/api/auth/tokens', async (request, reply) => {
    const { userId } = principalOf(request);
    const { name, expiresAt } = checkTokenRequest(request.body);
    const created = await knex.transaction(async (trx) => {
      const token = await createApiToken(trx, userId, name, expiresAt);
      await recordAccessEvent(trx, auditSource(request), 'token_created', { tokenId: token.id, name, expiresAt: token.expiresAt });
      return token;
    });
    return reply.status(201).send(created);
  });

  app.get('/api/auth/tokens', async (request) => ({ data: await listApiTokens(knex, principalOf(request).userId) }));

  app.delete<{ Params: { id: string } }>('/api/auth/tokens/:id', async (request, reply) => {
    const { userId } = principalOf(request);
    const { id } = request.params;
    await knex.transaction(async (trx) => {
      const name = /^[0-9a-f-]{36}$/i.test(id) ? await revokeApiToken(trx, userId, id) : undefined;
      if (name === undefined) throw new QudaoError('TOKEN_NOT_FOUND', [], { 'zh-CN': `没有令牌 ${id}`, en: `No token ${id}` });
      await recordAccessEvent(trx, auditSource(request), 'token_revoked', { tokenId: id, name });
    });
    return reply.status(204).send();
  });
}

function checkTokenRequest(body: unknown): { name: string; expiresAt: Date | null } {
  const { name, expiresInDays } = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (typeof name !== 'string' || !name.trim() || name.length > TOKEN_NAME_MAX || name.includes('\0')) {
    errors.push({ field: 'name', rule: 'required', message: { 'zh-CN': `请填写令牌名称（最多 ${TOKEN_NAME_MAX} 个字符）`, en: `The token needs a name (at most ${TOKEN_NAME_MAX} characters)` } });
  }
  const days = expiresInDays ?? null;
  if (days !== null && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= TOKEN_DAYS_MAX)) {
    errors.push({ field: 'expiresInDays', rule: 'range', message: { 'zh-CN': `有效天数须为 1 到 ${TOKEN_DAYS_MAX} 的整数`, en: `expiresInDays must be an integer from 1 to ${TOKEN_DAYS_MAX}` } });
  }
  if (errors.length) throw badRequest(errors);
  return { name: (name as string).trim(), expiresAt: days === null ? null : new Date(Date.now() + (days as number) * DAY) };
}
