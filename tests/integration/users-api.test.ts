/**
 * The users admin API, the access audit and the admin rights on the admin routes, as an administrator, an
 * ordinary internal user and a dealer's portal user see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, deploy, loginAs, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

type Response = Awaited<ReturnType<TestApp['server']['inject']>>;

let app: TestApp;
const label = (en: string) => ({ 'zh-CN': en, en });
const DEALER = {
  kind: 'object', name: 'dealer_account', label: label('Dealer'), access: { portalAccount: true },
  fields: [{ name: 'name', type: 'text', label: label('Name'), required: true }],
};
const USER_ADMINS = { kind: 'permissionSet', name: 'user_admins', label: label('User admins'), rights: ['users'] };
const CLERK = { kind: 'role', name: 'clerk', label: label('Clerk') };

let dealerId = '';
let plain = { id: '', token: '' };

beforeAll(async () => {
  app = await startTestApp();
  const res = await deploy(app, [DEALER, USER_ADMINS, CLERK]);
  expect(res.statusCode, res.body).toBe(200);
  const dealer = await app.server.inject({ method: 'POST', url: '/api/records/dealer_account', payload: { name: 'Dealer A' } });
  expect(dealer.statusCode, dealer.body).toBe(201);
  dealerId = dealer.json().id;
  plain = await createUser(app, { username: 'plain.user', role: 'clerk' });
});
afterAll(async () => app?.dispose());

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const en = { 'accept-language': 'en' };

function expectProblem(res: Response, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
}

const fieldsOf = (res: Response) => res.json().errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);

describe('admin rights', () => {
  it('refuses the users API, the audit, deploys and plugin changes to a user without the rights', async () => {
    const refused = [
      { method: 'GET', url: '/api/users' },
      { method: 'GET', url: `/api/users/${app.adminId}` },
      { method: 'POST', url: '/api/users', payload: { username: 'sneaky', displayName: 'S', kind: 'internal', password: 'Whatever-pass-1' } },
      { method: 'PATCH', url: `/api/users/${plain.id}`, payload: { role: null } },
      { method: 'POST', url: `/api/users/${app.adminId}/password`, payload: { password: 'Taken-over-pass-1' } },
      { method: 'GET', url: '/api/access/audit' },
      { method: 'POST', url: '/api/meta/deploy', payload: { documents: [], dryRun: true } },
      { method: 'PUT', url: '/api/meta/role/clerk', payload: CLERK },
      { method: 'DELETE', url: '/api/meta/role/clerk' },
      { method: 'POST', url: '/api/plugins', payload: { plugin: 'example_notes', dryRun: true } },
      { method: 'POST', url: '/api/plugins/example_notes/upgrade', payload: { dryRun: true } },
      { method: 'DELETE', url: '/api/plugins/example_notes?dryRun=true' },
    ] as const;
    for (const call of refused) {
      const res = await app.server.inject({ ...call, headers: { ...as(plain.token), ...en } });
      expectProblem(res, 403, 'FORBIDDEN');
    }
    expect((await app.server.inject({ method: 'GET', url: '/api/users', headers: as(plain.token) })).json().detail).toBe('需要管理权限 users');
    expect(await app.db.knex('qd_users').where({ username: 'sneaky' })).toEqual([]);
  });

  it('lets any internal user read the metadata and the plugin list', async () => {
    for (const url of ['/api/meta/object', '/api/meta/object/dealer_account', '/api/plugins', '/api/openapi.json']) {
      expect((await app.server.inject({ method: 'GET', url, headers: as(plain.token) })).statusCode, url).toBe(200);
    }
  });

  it('follows the permission sets of the metadata of the moment: a set with `users` opens the users API', async () => {
    const manager = await createUser(app, { username: 'user.manager', permissionSets: ['user_admins'] });
    expect((await app.server.inject({ method: 'GET', url: '/api/auth/me', headers: as(manager.token) })).json().rights).toEqual(['users']);
    expect((await app.server.inject({ method: 'GET', url: '/api/users', headers: as(manager.token) })).statusCode).toBe(200);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/access/audit', headers: as(manager.token) }), 403, 'FORBIDDEN');
    // The right goes with the set.
    expect((await deploy(app, [{ ...USER_ADMINS, rights: ['audit'] }])).statusCode).toBe(200);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/users', headers: as(manager.token) }), 403, 'FORBIDDEN');
    expect((await app.server.inject({ method: 'GET', url: '/api/access/audit', headers: as(manager.token) })).statusCode).toBe(200);
    expect((await deploy(app, [USER_ADMINS])).statusCode).toBe(200);
  });
});

describe('portal users', () => {
  it('belong to one dealer record, and are refused the metadata and plugin administration', async () => {
    const created = await app.server.inject({
      method: 'POST', url: '/api/users',
      payload: { username: 'portal.a', displayName: 'Dealer A user', kind: 'portal', accountId: dealerId, password: TEST_PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'portal', accountId: dealerId, role: null, active: true, version: 1 });
    const session = await loginAs(app, 'portal.a');
    const headers = { cookie: session.cookie };
    expect((await app.server.inject({ method: 'GET', url: '/api/auth/me', headers })).json()).toMatchObject({
      user: { username: 'portal.a', kind: 'portal', accountId: dealerId }, rights: [],
    });
    for (const url of ['/api/meta/object', '/api/meta/object/dealer_account', '/api/meta/object/dealer_account/history', '/api/plugins', '/api/openapi.json', '/api/users', '/api/access/audit']) {
      expectProblem(await app.server.inject({ method: 'GET', url, headers }), 403, 'FORBIDDEN');
    }
  });

  it('need an existing account record; internal users have none', async () => {
    const user = (extra: object) => app.server.inject({
      method: 'POST', url: '/api/users', headers: en,
      payload: { username: 'portal.x', displayName: 'X', password: TEST_PASSWORD, ...extra },
    });
    expect(fieldsOf(await user({ kind: 'portal' }))).toEqual(['accountId:required']);
    expect(fieldsOf(await user({ kind: 'portal', accountId: '0190a6f0-0000-7000-8000-000000000000' }))).toEqual(['accountId:not_found']);
    expect(fieldsOf(await user({ kind: 'internal', accountId: dealerId }))).toEqual(['accountId:internal_user']);
  });
});

describe('the users API', () => {
  it('creates a user with a valid name, known role and permission sets, and refuses the rest by field', async () => {
    const bad = await app.server.inject({
      method: 'POST', url: '/api/users', headers: en,
      payload: { username: 'Bad Name', displayName: ' ', kind: 'robot', role: 'no_such_role', permissionSets: ['nope'], email: 'x', password: 'Fine-password-9', extra: 1 },
    });
    expectProblem(bad, 422, 'USER_INVALID');
    expect(fieldsOf(bad)).toEqual([
      'extra:unknown_field', 'username:pattern', 'displayName:required', 'kind:option', 'role:unknown_role',
      'permissionSets:unknown_permission_set', 'email:format',
    ]);
    const good = await app.server.inject({
      method: 'POST', url: '/api/users',
      payload: { username: 'kim.lee', displayName: '李金', kind: 'internal', role: 'clerk', permissionSets: ['user_admins'], email: 'kim@example.com', password: TEST_PASSWORD },
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.headers.location).toBe(`/api/users/${good.json().id}`);
    expect(good.json()).toEqual({
      id: expect.any(String), username: 'kim.lee', displayName: '李金', kind: 'internal', role: 'clerk', permissionSets: ['user_admins'],
      accountId: null, managerId: null, email: 'kim@example.com', active: true, locked: false, lockedUntil: null, lastLoginAt: null,
      passwordChangedAt: expect.any(String), createdAt: expect.any(String), version: 1,
    });
    const again = await app.server.inject({ method: 'POST', url: '/api/users', payload: { username: 'kim.lee', displayName: 'K', kind: 'internal', password: TEST_PASSWORD } });
    expect(fieldsOf(again)).toEqual(['username:unique']);
  });

  it('lists page by page with filters, and never shows a password hash', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res: Response = await app.server.inject({ method: 'GET', url: `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toMatch(/argon2|password_hash|passwordHash/);
      seen.push(...res.json().data.map((u: { username: string }) => u.username));
      cursor = res.json().nextCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['admin', 'plain.user', 'kim.lee']));
    const portal = await app.server.inject({ method: 'GET', url: '/api/users?kind=portal&active=true' });
    expect(portal.json().data.map((u: { username: string }) => u.username)).toEqual(['portal.a']);
    const clerks = await app.server.inject({ method: 'GET', url: '/api/users?role=clerk' });
    expect(clerks.json().data.map((u: { username: string }) => u.username)).toEqual(['kim.lee', 'plain.user']);
    for (const query of ['limit=0', 'limit=x', 'kind=robot', 'active=maybe', 'cursor=%00%00']) {
      expectProblem(await app.server.inject({ method: 'GET', url: `/api/users?${query}` }), 400, 'BAD_REQUEST');
    }
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/users/not-a-uuid' }), 404, 'USER_NOT_FOUND');
  });

  it('changes a user with optimistic locking, audits the fields changed, and refuses unknown fields', async () => {
    const { id } = await createUser(app, { username: 'lena' });
    const change = (payload: object, headers: Record<string, string> = {}) =>
      app.server.inject({ method: 'PATCH', url: `/api/users/${id}`, payload, headers: { ...en, ...headers } });
    const changed = await change({ displayName: 'Lena W.', role: 'clerk', permissionSets: ['user_admins'], version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ displayName: 'Lena W.', role: 'clerk', permissionSets: ['user_admins'], version: 2 });
    expectProblem(await change({ displayName: 'Stale', version: 1 }), 409, 'VERSION_CONFLICT');
    expectProblem(await change({ displayName: 'Stale' }, { 'if-match': '"1"' }), 409, 'VERSION_CONFLICT');
    expect(fieldsOf(await change({ username: 'renamed', kind: 'portal' }))).toEqual(['username:unknown_field', 'kind:unknown_field']);
    expect(fieldsOf(await change({ role: 'ghost', permissionSets: 'x', active: 'no', email: 5 }))).toEqual([
      'email:format', 'role:unknown_role', 'permissionSets:type', 'active:type',
    ]);
    const [audit] = await app.db.knex('qd_access_audit').where({ event: 'user_changed' }).whereRaw("details->'target'->>'id' = ?", [id]);
    expect(audit).toMatchObject({
      user_id: app.adminId, username: 'admin',
      details: {
        fields: ['displayName', 'role', 'permissionSets'],
        changes: { displayName: { old: 'lena', new: 'Lena W.' }, role: { old: null, new: 'clerk' }, permissionSets: { old: [], new: ['user_admins'] } },
      },
    });
  });
  it('gives a user a manager: an active internal user, never themselves, never a loop', async () => {
    const boss = await createUser(app, { username: 'boss.wang' });
    const lead = await createUser(app, { username: 'lead.li', managerId: boss.id });
    const read = await app.server.inject({ method: 'GET', url: `/api/users/${lead.id}` });
    expect(read.json().managerId).toBe(boss.id);
    const change = (id: string, payload: object) => app.server.inject({ method: 'PATCH', url: `/api/users/${id}`, payload, headers: en });
    expect(fieldsOf(await change(lead.id, { managerId: lead.id }))).toEqual(['managerId:self']);
    expect(fieldsOf(await change(boss.id, { managerId: lead.id }))).toEqual(['managerId:cycle']);
    expect(fieldsOf(await change(lead.id, { managerId: '00000000-0000-0000-0000-000000000000' }))).toEqual(['managerId:not_found']);
    expect(fieldsOf(await change(lead.id, { managerId: 'boss' }))).toEqual(['managerId:type']);
    const cleared = await change(lead.id, { managerId: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().managerId).toBeNull();
  });
});

describe('the access audit', () => {
  it('records logins with who, when, from where and the request, newest first, page by page', async () => {
    await loginAs(app, 'plain.user');
    const res = await app.server.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'plain.user', password: TEST_PASSWORD },
      headers: { 'user-agent': 'audit-test/1.0', 'x-request-id': 'req-audit-1' }, remoteAddress: '192.0.2.7',
    });
    expect(res.statusCode).toBe(200);
    const page = await app.server.inject({ method: 'GET', url: `/api/access/audit?event=login&user=${plain.id}&limit=1` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().data).toEqual([{
      id: expect.any(String), at: expect.any(String), event: 'login', userId: plain.id, username: 'plain.user',
      ip: '192.0.2.7', userAgent: 'audit-test/1.0', requestId: 'req-audit-1', details: { kind: 'internal' },
    }]);
    const next = await app.server.inject({ method: 'GET', url: `/api/access/audit?event=login&user=plain.user&cursor=${page.json().nextCursor}` });
    expect(next.json().data.map((e: { event: string; ip: string }) => e.event)).toEqual(['login']);
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/access/audit?event=nope' }), 400, 'BAD_REQUEST');
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/access/audit?cursor=abc' }), 400, 'BAD_REQUEST');
  });

  it('records who deployed which documents, and no dry run', async () => {
    const note = { ...CLERK, label: label('Clerk (front office)') };
    expect((await deploy(app, [note], { dryRun: true })).statusCode).toBe(200);
    const applied = await deploy(app, [note]);
    expect(applied.statusCode).toBe(200);
    const rows = await app.db.knex('qd_access_audit').where({ event: 'deploy' }).whereRaw('details->>? = ?', ['deployId', applied.json().deployId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: app.adminId, username: 'admin', details: { documents: [{ kind: 'role', name: 'clerk', layer: 'custom', version: 2, deleted: false }] } });
    expect(await app.db.knex('qd_access_audit').where({ event: 'deploy' }).count({ n: '*' })).toEqual([{ n: String(Number((await app.db.knex('qd_deploys').count({ n: '*' }))[0].n)) }]);
  });

  it('records plugin installs and uninstalls, and a plugin route needs a login and gets the caller', async () => {
    expect((await app.server.inject({ method: 'POST', url: '/api/plugins', payload: { plugin: 'example_notes', dryRun: true } })).statusCode).toBe(200);
    const installed = await app.server.inject({ method: 'POST', url: '/api/plugins', payload: { plugin: 'example_notes' } });
    expect(installed.statusCode, installed.body).toBe(200);
    const route = '/api/plugins/example_notes/count-words?text=one%20two';
    expectProblem(await app.server.inject({ method: 'GET', url: route, headers: { cookie: '' } }), 401, 'UNAUTHENTICATED');
    expect((await app.server.inject({ method: 'GET', url: route, headers: as(plain.token) })).json()).toEqual({ words: 2 });
    const removed = await app.server.inject({ method: 'DELETE', url: '/api/plugins/example_notes' });
    expect(removed.statusCode, removed.body).toBe(200);
    const rows = await app.db.knex('qd_access_audit').whereIn('event', ['plugin_install', 'plugin_upgrade', 'plugin_uninstall']).orderBy('id');
    expect(rows.map((r) => [r.event, r.details.plugin, r.username])).toEqual([
      ['plugin_install', 'example_notes', 'admin'],
      ['plugin_uninstall', 'example_notes', 'admin'],
    ]);
    expect(rows[0].details).toMatchObject({ deployId: installed.json().deployId, documents: expect.arrayContaining([expect.objectContaining({ kind: 'object', name: 'note' })]) });
  });
});
