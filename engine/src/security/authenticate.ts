/**
 * Who a request is: an API token (`Authorization: Bearer qd_…`) or a session cookie, each resolved by one indexed
 * query that joins it to an active user, then kept in the credential cache (credential-cache.ts), which every change
 * that takes access away clears on every instance once it commits: a logout, a revoked token or a deactivated user
 * is refused on the next request, and a known caller costs no query.
 */
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import { API_TOKEN_PATTERN, touchApiToken } from './api-tokens.ts';
import { credentialCache, type Authentication } from './credential-cache.ts';
import { sameSecret, tokenHash } from './secrets.ts';
import { principalFromRow } from './user-store.ts';

export interface Credentials {
  /** The Authorization header: a Bearer one wins over the cookie; another scheme (a proxy's Basic) is not ours. */
  authorization?: string;
  /** The session cookie's value. */
  sessionToken?: string;
}

export type { Authentication } from './credential-cache.ts';

const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.kind', 'u.role', 'u.permission_sets', 'u.account_id'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = (zh: string, en: string) => () => new QudaoError('UNAUTHENTICATED', [], { 'zh-CN': zh, en });
export const noCredentials = unauthenticated('请先登录，或使用 API 令牌（Authorization: Bearer …）', 'Log in, or send an API token (Authorization: Bearer …)');
const expired = unauthenticated('会话或令牌无效、已过期或已撤销，请重新登录', 'The session or token is not valid, has expired or was revoked; log in again');

/** The authenticated caller; throws UNAUTHENTICATED for missing, malformed, expired or revoked credentials. */
export async function authenticateOrThrow(knex: Knex, credentials: Credentials, now = new Date()): Promise<Authentication> {
  if (credentials.authorization !== undefined && /^bearer\b/i.test(credentials.authorization)) return byApiToken(knex, credentials.authorization, now);
  if (credentials.sessionToken) return bySession(knex, credentials.sessionToken, now);
  throw noCredentials();
}

async function byApiToken(knex: Knex, authorization: string, now: Date): Promise<Authentication> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (!token || !API_TOKEN_PATTERN.test(token)) throw expired();
  const hash = tokenHash(token);
  return remembered(hash, now, async () => {
    const row = await knex('qd_api_tokens as t')
      .join('qd_users as u', 'u.id', 't.user_id')
      .where('t.token_hash', hash)
      .whereNull('t.revoked_at')
      .where((q) => q.whereNull('t.expires_at').orWhere('t.expires_at', '>', now))
      .where('u.active', true)
      .first([...USER_COLUMNS, 't.id as token_id', 't.last_used_at', 't.expires_at']);
    if (!row) throw expired();
    await touchApiToken(knex, row.token_id, row.last_used_at, now);
    return { auth: { principal: principalFromRow(row), displayName: row.display_name }, expiresAt: row.expires_at };
  });
}

async function bySession(knex: Knex, token: string, now: Date): Promise<Authentication> {
  const hash = tokenHash(token);
  return remembered(hash, now, async () => {
    const row = await knex('qd_sessions as s')
      .join('qd_users as u', 'u.id', 's.user_id')
      .where('s.token_hash', hash)
      .where('s.expires_at', '>', now)
      .where('u.active', true)
      .first([...USER_COLUMNS, 's.csrf_token', 's.expires_at']);
    if (!row) throw expired();
    const session = { tokenHash: hash, csrfToken: row.csrf_token };
    return { auth: { principal: principalFromRow(row), displayName: row.display_name, session }, expiresAt: row.expires_at };
  });
}

/** The cached resolution of a credential, else `lookup`'s, kept until the credential expires (or a change clears it). */
async function remembered(
  hash: string,
  now: Date,
  lookup: () => Promise<{ auth: Authentication; expiresAt: Date | string | null }>,
): Promise<Authentication> {
  const cached = credentialCache.get(hash, now.getTime());
  if (cached) return cached;
  const readAt = credentialCache.generation;
  const { auth, expiresAt } = await lookup();
  credentialCache.set(hash, auth, expiresAt === null ? null : new Date(expiresAt).getTime(), now.getTime(), readAt);
  return auth;
}

/** A state-changing request made with the session cookie must echo the session's CSRF token; API tokens need none. */
export function assertCsrf(auth: Authentication, method: string, header: string | string[] | undefined): void {
  if (!auth.session || SAFE_METHODS.has(method)) return;
  if (typeof header !== 'string' || !sameSecret(header, auth.session.csrfToken)) {
    throw new QudaoError('CSRF_INVALID', [], {
      'zh-CN': '使用会话 Cookie 的修改请求须在 x-csrf-token 头中携带登录或 /api/auth/me 返回的 csrfToken',
      en: 'A state-changing request with the session cookie must send the csrfToken from login or /api/auth/me in the x-csrf-token header',
    });
  }
}
