/**
 * The studio's permissions screens in Chromium, on the product as `npm start` brings it up. An admin makes a
 * permission set in the object × right grid with one field read-only in the field matrix and a role holding it; a
 * user moved to that role may then create the object's records but not write that field. A sharing rule built in the
 * visual builder gives a demo user records it didn't reach, and "explain access" names that rule as the reason.
 * Screenshots: studio-roles, studio-permission-grid, studio-field-matrix, studio-sharing-rule, studio-explain-access.
 */
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createUser, loginAs } from '../helpers/test-app.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { confirmPlan, logIn } from '../helpers/studio/common.ts';
import { addRule } from '../helpers/studio/logic.ts';
import { addRole, explainAccess, grantRights, openPermissions, setFieldLevel, startPermissionSet, startSharingRule } from '../helpers/studio/permissions.ts';

const suite = webAppSuite('studio', { relayOutbox: false });
const { newPage, shoot } = suite;

const inject = (options: InjectOptions) => suite.demo.app.server.inject(options);

/** A request as `token`'s user, not the admin. */
const asUser = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });

describe('the studio permissions', () => {
  it('grants a permission set through the grid and field matrix, and a user of a role holding it gets exactly that', async () => {
    const steward = await createUser(suite.demo.app, { username: 'steward', role: 'engineer' });
    expect((await asUser(steward.token, 'POST', '/api/records/product_line', { name: '内镜耗材' })).statusCode).toBe(403);

    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await openPermissions(page, 'sets');
    await startPermissionSet(page, { name: 'product_upkeep', zh: '产品线维护', en: 'Product line upkeep' });
    await grantRights(page, 'product_line', ['create', 'read', 'update']);
    await shoot(page, 'permission-grid');
    await setFieldLevel(page, 'product_line', 'code', 'read');
    await shoot(page, 'field-matrix');
    await page.getByTestId('set-save').click();
    await confirmPlan(page);
    await page.waitForURL(/\/studio\/permissions\/sets\/product_upkeep$/);
    const set = (await inject({ method: 'GET', url: '/api/meta/permissionSet/product_upkeep' })).json();
    expect(set).toMatchObject({ objects: { product_line: { create: true, read: true, update: true } }, fields: { product_line: { code: 'read' } } });

    await openPermissions(page, 'roles');
    await addRole(page, { name: 'data_steward', zh: '主数据专员', en: 'Data steward', parent: 'service_manager', permissionSets: ['product_upkeep'] });
    await confirmPlan(page);
    await page.getByTestId('role-drawer').waitFor({ state: 'hidden' });
    const node = page.getByTestId('role-node-data_steward');
    await expect.poll(() => node.textContent()).toContain('product_upkeep');
    const role = (await inject({ method: 'GET', url: '/api/meta/role/data_steward' })).json();
    expect(role).toEqual({ kind: 'role', name: 'data_steward', label: { 'zh-CN': '主数据专员', en: 'Data steward' }, parent: 'service_manager', permissionSets: ['product_upkeep'] });

    await page.getByTestId('role-node-engineer').click();
    await page.getByTestId('role-label-en').fill('Field engineer');
    await page.getByTestId('role-save').click();
    await confirmPlan(page);
    const engineer = (await inject({ method: 'GET', url: '/api/meta/role/engineer' })).json();
    expect(engineer).toMatchObject({ label: { 'zh-CN': '服务工程师', en: 'Field engineer' }, parent: 'service_manager', permissionSets: ['service'] });
    await page.getByTestId('role-node-engineer').click();
    await page.getByTestId('role-tab-history').click();
    await expect.poll(() => page.getByTestId('history-tab').textContent()).toContain('自定义层');
    const versions = (await inject({ method: 'GET', url: '/api/meta/role/engineer/history' })).json().data as { layer: string; body: object }[];
    // Only the label is the admin's: the plugin's parent and sets stay in its layer, for its upgrades to change.
    expect(Object.keys(versions.find((v) => v.layer === 'custom')!.body).sort()).toEqual(['kind', 'label', 'name']);
    await page.keyboard.press('Escape');
    await page.getByTestId('role-drawer').waitFor({ state: 'hidden' });
    await shoot(page, 'roles');

    const moved = await inject({ method: 'PATCH', url: `/api/users/${steward.id}`, payload: { role: 'data_steward' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const created = await asUser(steward.token, 'POST', '/api/records/product_line', { name: '内镜耗材' });
    expect(created.statusCode, created.body).toBe(201);
    const withCode = await asUser(steward.token, 'POST', '/api/records/product_line', { name: '超声耗材', code: 'US-01' });
    expect(withCode.statusCode).toBe(403);
    expect(withCode.json().errors).toEqual([expect.objectContaining({ field: 'code', rule: 'not_editable' })]);
    const { id, version } = created.json();
    const renamed = await asUser(steward.token, 'PATCH', `/api/records/product_line/${id}`, { name: '内镜耗材（新）', version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('adds a sharing rule with visual criteria, which explain access then names as the reason a demo user reads a record', async () => {
    const users = (await inject({ method: 'GET', url: '/api/users?limit=200' })).json().data as { id: string; username: string }[];
    const rep = users.find((u) => u.username === 'channel.rep')!;
    const filter = encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '!=': [{ var: 'owner_id' }, rep.id] }] }));
    const dealer = (await inject({ method: 'GET', url: `/api/records/dealer?filter=${filter}&limit=1&sort=name` })).json().data[0] as { id: string; name: string };
    const { cookie } = await loginAs(suite.demo.app, 'channel.rep', suite.demo.password);
    const readAsRep = () => inject({ method: 'GET', url: `/api/records/dealer/${dealer.id}`, headers: { cookie } });
    expect((await readAsRep()).statusCode).toBe(404);

    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await openPermissions(page, 'sharing');
    await page.getByTestId('rule-link-platform_dealers_to_directors').waitFor();
    await startSharingRule(page, { name: 'level2_dealers_to_reps', zh: '二级经销商共享给渠道专员', en: 'Level-2 dealers shared with reps', object: 'dealer', roles: ['channel_rep'], access: 'read' });
    await addRule(page, 'rule-criteria', { field: '层级', operator: '等于', value: '二级经销商' });
    await shoot(page, 'sharing-rule');
    await page.getByTestId('rule-save').click();
    await confirmPlan(page);
    await page.waitForURL(/\/studio\/permissions\/sharing\/level2_dealers_to_reps$/);
    const rule = (await inject({ method: 'GET', url: '/api/meta/sharingRule/level2_dealers_to_reps' })).json();
    expect(rule).toMatchObject({ object: 'dealer', roles: ['channel_rep'], access: 'read', criteria: { '==': [{ var: 'tier' }, 'level_2'] } });
    await expect.poll(async () => (await readAsRep()).statusCode, { timeout: 10_000 }).toBe(200);

    await openPermissions(page, 'explain');
    await explainAccess(page, { user: 'channel.rep', object: 'dealer', recordTitle: dealer.name });
    const read = page.getByTestId('explain-record-read');
    expect(await read.getAttribute('data-allowed')).toBe('true');
    expect(await read.textContent()).toContain('共享规则「二级经销商共享给渠道专员 (level2_dealers_to_reps)」');
    expect(await page.getByTestId('explain-record-edit').getAttribute('data-allowed')).toBe('false');
    expect(await page.getByTestId('explain-right-read').textContent()).toContain('channel_sales');
    expect(await page.getByTestId('explain-field-credit_code').textContent()).toBe('可编辑');
    await shoot(page, 'explain-access');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
