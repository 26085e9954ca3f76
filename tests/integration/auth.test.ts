/**
 * Authentication as a browser and an integration see it: login, the session cookie and its CSRF token, logout,
 * lockout, rate limits, API tokens, password changes and deactivation, each refused or allowed at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_RIGHTS } from '../../engine/src/security/principal.ts';
import { createUser, loginAs, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

type Response = Awaited<ReturnType<TestApp['server']['inject']>>;

let app: TestApp;
/** Lock for 1.5 s, so the test sees a lock end without waiting 15 minutes. */
const LOCKOUT_MS = 1500;

beforeAll(async () => {
  app = await startTestApp({ auth: { lockoutMs: LOCKOUT_MS, trustProxy: true } });
});
afterAll(async () => app?.dispose());

/** Each test logs in from an address of its own, so the per-address login limit of one doesn't reach another. */
let nextAddress = 1;
const address = () => `10.1.0.${nextAddress++}`;

const login = (username: string, password: string, remoteAddress = address(), headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers });

const withCookie = (session: { cookie: string; csrfToken?: string }, csrf = true) => ({
  cookie: session.cookie,
  ...(csrf && session.csrfToken ? { 'x-csrf-token': session.csrfToken } : {}),
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectProblem(res: Response, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
}

async function auditRows(event: string, username?: string): Promise<{ username: string; details: Record<string, any> }[]> {
  return app.db.knex('qd_access_audit').where({ event }).modify((q) => {
    if (username) q.where({ username });
  }).orderBy('id');
}

describe('login, me and logout', () => {
  it('logs in with a session cookie (HttpOnly, SameSite=Lax, Path=/) and answers me with the same CSRF token', async () => {
    const { id } = await createUser(app, { username: 'alice', displayName: 'Alice Li' });
    const res = await login('alice', TEST_PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      user: { id, username: 'alice', displayName: 'Alice Li', kind: 'internal', role: null, accountId: null },
      csrfToken: expect.any(String),
    });
    const cookie = res.cookies.find((c) => c.name === 'qd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();

    const me = await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `qd_session=${cookie.value}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toEqual({ user: res.json().user, csrfToken: res.json().csrfToken, rights: [] });
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await login('alice', TEST_PASSWORD, address(), { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'qd_session')!.secure).toBe(true);
  });

  it('gives the admin every right, and no CSRF token to a bearer request', async () => {
    const me = await app.server.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.json()).toMatchObject({ user: { username: 'admin', role: 'admin' }, csrfToken: null, rights: [...ADMIN_RIGHTS] });
  });

  it('logout ends the session on the server: the old cookie is refused afterwards', async () => {
    const session = await loginAs(app, 'alice', TEST_PASSWORD, { remoteAddress: address() });
    const out = await app.server.inject({ method: 'POST', url: '/api/auth/logout', headers: withCookie(session) });
    expect(out.statusCode, out.body).toBe(204);
    expect(out.cookies.find((c) => c.name === 'qd_session')).toMatchObject({ value: '' });
    const replayed = await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(session) });
    expectProblem(replayed, 401, 'UNAUTHENTICATED');
  });

  it('refuses every /api route without a credential, and serves the public ones', async () => {
    // A cookie header of its own keeps the test helper from sending the admin's token.
    const anonymous = { cookie: '' };
    for (const url of ['/api/records/anything', '/api/meta/object', '/api/openapi.json', '/api/users', '/api/no-such-route', '/api/plugins']) {
      expectProblem(await app.server.inject({ method: 'GET', url, headers: anonymous }), 401, 'UNAUTHENTICATED');
    }
    expectProblem(await app.server.inject({ method: 'POST', url: '/api/meta/deploy', headers: anonymous, payload: { documents: [] } }), 401, 'UNAUTHENTICATED');
    for (const url of ['/', '/healthz', '/readyz']) {
      expect((await app.server.inject({ method: 'GET', url, headers: anonymous })).statusCode, url).toBe(200);
    }
    // Page paths belong to the web app, which shows its own "not found"; the engine's own paths answer a problem.
    expect((await app.server.inject({ method: 'GET', url: '/no-such-page', headers: anonymous })).headers['content-type']).toContain('text/html');
    expectProblem(await app.server.inject({ method: 'GET', url: '/admin/no-such-page', headers: anonymous }), 404, 'ROUTE_NOT_FOUND');
  });

  it('refuses a malformed, unknown or expired bearer token', async () => {
    for (const authorization of ['Bearer nonsense', 'Bearer qd_' + 'A'.repeat(43), 'Basic YWRtaW46YWRtaW4=', '']) {
      expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization } }), 401, 'UNAUTHENTICATED');
    }
  });

  it('answers a wrong password and an unknown user with the same body', async () => {
    const wrong = await login('alice', 'Not-the-password-1', '10.9.9.9');
    const unknown = await login('nobody_here', 'Not-the-password-1', '10.9.9.9');
    expectProblem(wrong, 401, 'LOGIN_FAILED');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
    expect((await auditRows('login_failed', 'nobody_here')).map((r) => r.details)).toEqual([{ username: 'nobody_here', reason: 'unknown_user' }]);
  });

  it('answers a login body that is not a user name and password with 400 naming the fields', async () => {
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 3 }, headers: { 'accept-language': 'en' } });
    expectProblem(res, 400, 'BAD_REQUEST');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['username', 'password']);
  });
});

describe('lockout', () => {
  it('locks after 5 failures in a row, refuses even the right password while locked, and lets it in after the period', async () => {
    await createUser(app, { username: 'carol' });
    const from = address();
    for (let i = 0; i < 4; i++) expectProblem(await login('carol', 'Wrong-password-1', from), 401, 'LOGIN_FAILED');
    const fifth = await login('carol', 'Wrong-password-1', from, { 'accept-language': 'en' });
    expectProblem(fifth, 423, 'LOCKED');
    expect(fifth.json().detail).toMatch(/locked; try again in 1 minute/);
    const right = await login('carol', TEST_PASSWORD, from);
    expectProblem(right, 423, 'LOCKED');
    expect(right.json().detail).toMatch(/账号已锁定/);
    expect((await auditRows('locked', 'carol'))).toHaveLength(1);
    expect((await auditRows('login_failed', 'carol')).map((r) => r.details.reason)).toEqual([...Array(5).fill('wrong_password'), 'locked']);

    await new Promise((resolve) => setTimeout(resolve, LOCKOUT_MS + 100));
    expect((await login('carol', TEST_PASSWORD, from)).statusCode).toBe(200);
    // The count starts afresh: one more failure doesn't lock.
    expectProblem(await login('carol', 'Wrong-password-1', from), 401, 'LOGIN_FAILED');
    expect((await login('carol', TEST_PASSWORD, from)).statusCode).toBe(200);
  });

  it('lifts the lock when an administrator resets the password', async () => {
    const { id } = await createUser(app, { username: 'carl' });
    const from = address();
    for (let i = 0; i < 5; i++) await login('carl', 'Wrong-password-1', from);
    expectProblem(await login('carl', TEST_PASSWORD, from), 423, 'LOCKED');
    const reset = await app.server.inject({ method: 'POST', url: `/api/users/${id}/password`, payload: { password: 'Brand-new-pass-7' } });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await login('carl', 'Brand-new-pass-7', from)).statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers the 21st login of a minute from one address with 429, and other addresses still log in', async () => {
    const from = '10.2.0.1';
    for (let i = 0; i < 20; i++) expect((await login('nobody', 'Whatever-pass-1', from)).statusCode).toBe(401);
    const limited = await login('alice', TEST_PASSWORD, from);
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('alice', TEST_PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('limits requests without a valid credential, and not authenticated ones', async () => {
    const limited = await startTestApp({ databaseUrl: app.databaseUrl, auth: { unauthenticatedPerMinute: 3 } });
    try {
      const anonymous = { authorization: 'Bearer nope' };
      for (let i = 0; i < 3; i++) expect((await limited.server.inject({ method: 'GET', url: '/api/users', headers: anonymous })).statusCode).toBe(401);
      expectProblem(await limited.server.inject({ method: 'GET', url: '/api/users', headers: anonymous }), 429, 'RATE_LIMITED');
      expectProblem(await limited.server.inject({ method: 'GET', url: '/healthz', headers: anonymous }), 429, 'RATE_LIMITED');
      for (let i = 0; i < 10; i++) expect((await limited.server.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF', () => {
  it('refuses a state-changing cookie request without the CSRF token or with a wrong one, and accepts the right one', async () => {
    const session = await loginAs(app, 'alice', TEST_PASSWORD, { remoteAddress: address() });
    const create = (headers: Record<string, string>) =>
      app.server.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'from the browser' }, headers });
    expectProblem(await create(withCookie(session, false)), 403, 'CSRF_INVALID');
    expectProblem(await create({ ...withCookie(session, false), 'x-csrf-token': session.csrfToken.slice(1) + 'x' }), 403, 'CSRF_INVALID');
    expect((await create(withCookie(session))).statusCode).toBe(201);
    // Reads need none.
    expect((await app.server.inject({ method: 'GET', url: '/api/auth/tokens', headers: withCookie(session, false) })).statusCode).toBe(200);
  });

  it('needs none with a bearer token', async () => {
    const { token } = await createUser(app, { username: 'erin' });
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'script' }, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('API tokens', () => {
  it('shows a token once, lists it without the secret, and refuses it once revoked', async () => {
    const { token: erinToken } = await createUser(app, { username: 'frank' });
    const created = await app.server.inject({ method: 'POST', url: '/api/auth/tokens', payload: { name: 'ERP', expiresInDays: 30 }, headers: bearer(erinToken) });
    expect(created.statusCode, created.body).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^qd_[\w-]{43}$/);
    expect(await app.db.knex('qd_api_tokens').where({ id }).first('token_hash')).not.toMatchObject({ token_hash: token });

    const listed = await app.server.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer(token) });
    expect(listed.json().data.find((t: { id: string }) => t.id === id)).toEqual({
      id, name: 'ERP', createdAt: expect.any(String), expiresAt: expect.any(String), lastUsedAt: expect.any(String),
    });
    expect(listed.body).not.toContain(token);

    const revoked = await app.server.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: bearer(erinToken) });
    expect(revoked.statusCode).toBe(204);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }), 401, 'UNAUTHENTICATED');
    expectProblem(await app.server.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: bearer(erinToken) }), 404, 'TOKEN_NOT_FOUND');
    expectProblem(await app.server.inject({ method: 'DELETE', url: '/api/auth/tokens/not-an-id', headers: bearer(erinToken) }), 404, 'TOKEN_NOT_FOUND');
    expect((await auditRows('token_revoked', 'frank')).map((r) => r.details)).toEqual([{ tokenId: id, name: 'ERP' }]);
  });

  it("refuses an expired token, and another user's token id is not found", async () => {
    const { id: userId, token } = await createUser(app, { username: 'gina' });
    await app.db.knex('qd_api_tokens').where({ user_id: userId }).update({ expires_at: new Date(Date.now() - 1000) });
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }), 401, 'UNAUTHENTICATED');
    const [adminToken] = await app.db.knex('qd_api_tokens').where({ user_id: app.adminId }).select('id');
    const { token: other } = await createUser(app, { username: 'gina2' });
    expectProblem(await app.server.inject({ method: 'DELETE', url: `/api/auth/tokens/${adminToken.id}`, headers: bearer(other) }), 404, 'TOKEN_NOT_FOUND');
  });
});

describe('deactivation', () => {
  it('ends the sessions and stops the tokens of a deactivated user at once, on every instance', async () => {
    const { id, token } = await createUser(app, { username: 'dave' });
    const session = await loginAs(app, 'dave', TEST_PASSWORD, { remoteAddress: address() });
    const other = await startTestApp({ databaseUrl: app.databaseUrl });
    try {
      expect((await other.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(session) })).statusCode).toBe(200);
      const { version } = (await app.server.inject({ method: 'GET', url: `/api/users/${id}` })).json();
      const off = await app.server.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { active: false, version } });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ active: false, version: version + 1 });
      for (const target of [app, other]) {
        expectProblem(await target.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(session) }), 401, 'UNAUTHENTICATED');
        expectProblem(await target.server.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }), 401, 'UNAUTHENTICATED');
      }
      expectProblem(await login('dave', TEST_PASSWORD), 401, 'LOGIN_FAILED');
      expect(await app.db.knex('qd_sessions').where({ user_id: id })).toEqual([]);
      expect((await auditRows('user_deactivated'))[0].details).toMatchObject({
        target: { id, username: 'dave' }, fields: ['active'], changes: { active: { old: true, new: false } },
      });

      // Reactivated, dave logs in again; the tokens of before stay revoked.
      expect((await app.server.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { active: true } })).statusCode).toBe(200);
      expect((await login('dave', TEST_PASSWORD)).statusCode).toBe(200);
      expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) }), 401, 'UNAUTHENTICATED');
    } finally {
      await other.close();
    }
  });

  it('refuses to let an administrator deactivate their own account', async () => {
    const res = await app.server.inject({ method: 'PATCH', url: `/api/users/${app.adminId}`, payload: { active: false }, headers: { 'accept-language': 'en' } });
    expectProblem(res, 422, 'USER_INVALID');
    expect(res.json().errors).toEqual([{ field: 'active', rule: 'self', message: 'You cannot deactivate your own account' }]);
  });
});

describe('passwords', () => {
  it('explains the policy in zh-CN by default and in English on request', async () => {
    const body = { username: 'hank', displayName: 'Hank', kind: 'internal', password: 'short' };
    const zh = await app.server.inject({ method: 'POST', url: '/api/users', payload: body });
    expectProblem(zh, 422, 'USER_INVALID');
    expect(zh.json().errors).toEqual([{ field: 'password', rule: 'min_length', message: '密码至少 10 个字符' }]);
    const en = await app.server.inject({ method: 'POST', url: '/api/users', payload: { ...body, password: 'alllowercase' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().errors).toEqual([{ field: 'password', rule: 'complexity', message: expect.stringMatching(/^a password shorter than 16 characters needs three of/) }]);
    const named = await app.server.inject({ method: 'POST', url: '/api/users', payload: { ...body, password: 'Hank-is-my-name-1' } });
    expect(named.json().errors[0].rule).toBe('contains_username');
  });

  it('changes my password knowing the current one, ending my other sessions but not this one', async () => {
    await createUser(app, { username: 'ivy' });
    const here = await loginAs(app, 'ivy', TEST_PASSWORD, { remoteAddress: address() });
    const elsewhere = await loginAs(app, 'ivy', TEST_PASSWORD, { remoteAddress: address() });
    const change = (payload: object) => app.server.inject({ method: 'POST', url: '/api/auth/password', payload, headers: { ...withCookie(here), 'accept-language': 'en' } });

    const wrong = await change({ currentPassword: 'Not-it-at-all-1', newPassword: 'Another-good-one-2' });
    expectProblem(wrong, 422, 'USER_INVALID');
    expect(wrong.json().errors).toEqual([{ field: 'currentPassword', rule: 'wrong_password', message: 'The current password is wrong' }]);
    const weak = await change({ currentPassword: TEST_PASSWORD, newPassword: 'weak' });
    expect(weak.json().errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'min_length' })]);

    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Another-good-one-2' })).statusCode).toBe(204);
    expect((await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(here) })).statusCode).toBe(200);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(elsewhere) }), 401, 'UNAUTHENTICATED');
    expectProblem(await login('ivy', TEST_PASSWORD), 401, 'LOGIN_FAILED');
    expect((await login('ivy', 'Another-good-one-2')).statusCode).toBe(200);
    expect((await auditRows('password_changed', 'ivy')).map((r) => r.details)).toEqual([{ endedSessions: 1 }]);
  });

  it('an administrator reset ends every session of the user', async () => {
    const { id } = await createUser(app, { username: 'jack' });
    const session = await loginAs(app, 'jack', TEST_PASSWORD, { remoteAddress: address() });
    const weak = await app.server.inject({ method: 'POST', url: `/api/users/${id}/password`, payload: { password: 'jack' } });
    expectProblem(weak, 422, 'USER_INVALID');
    expect((await app.server.inject({ method: 'POST', url: `/api/users/${id}/password`, payload: { password: 'Reset-by-admin-3' } })).statusCode).toBe(204);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: withCookie(session) }), 401, 'UNAUTHENTICATED');
    expect((await auditRows('password_reset')).at(-1)).toMatchObject({ username: 'admin', details: { target: { id, username: 'jack' }, endedSessions: 1 } });
  });
});
