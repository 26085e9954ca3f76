/**
 * The engine side of the web apps, with the medical-device pack and its demo logins. runtime-ui: `/api/ui/*` (the app
 * shell, an object's metadata cut to the user, regions), form checks without a write, global search and the xlsx
 * export. The studio: a field's usages, a rule tried and previewed before it deploys, and a rule's saved cases.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UiApp, UiObject, UiSearchHit } from '../../metadata/src/ui-contract.ts';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { createUser, loginAs, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Caller = { headers: Record<string, string> };
const users: Record<string, Caller> = {};

const request = (who: Caller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, language = 'zh-CN') =>
  app.server.inject({ method, url, payload: payload as object, headers: { ...who.headers, 'accept-language': language } });
const get = (who: Caller, url: string) => request(who, 'GET', url);
const admin: Caller = { headers: {} };

async function login(username: string, password = app.demoLogins.password!): Promise<Caller> {
  const { cookie, csrfToken } = await loginAs(app, username, password);
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** An object no permission set of the pack grants: what a portal user may not see at all. */
const INTERNAL_ONLY = {
  kind: 'object', name: 'sales_target', label: { 'zh-CN': '销售目标', en: 'Sales target' },
  fields: [{ name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true }],
  access: { internal: 'read' },
};

const dealerCount = async () => Number((await app.db.knex('data.dealer').count<{ n: string }[]>({ n: '*' }))[0].n);

/** A credit code of the right shape whose check character is wrong. */
function badCreditCode(): string {
  const first17 = '91110108MA01ABCD1';
  const right = creditCodeCheckCharacter(first17);
  return first17 + (right === '0' ? '1' : '0');
}

async function readWorkbook(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  app = await startTestApp();
  const config = { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true };
  await installBundledPlugins(app, config, () => undefined);
  const deployed = await request(admin, 'POST', '/api/meta/deploy', { documents: [INTERNAL_ONLY] });
  expect(deployed.statusCode, deployed.body).toBe(200);
  expect((await request(admin, 'POST', '/api/records/sales_target', { name: '华东 2027 年度目标' })).statusCode).toBe(201);
  for (const name of ['channel.manager', 'portal.a', 'portal.b']) users[name] = await login(name);
}, 300_000);
afterAll(async () => app?.dispose());

describe('GET /api/ui/app', () => {
  it('gives an internal user its navigation in plugin order, its rights and badges', async () => {
    const res = await get(users['channel.manager'], '/api/ui/app');
    expect(res.statusCode, res.body).toBe(200);
    const shell = res.json() as UiApp;
    expect(shell.user).toMatchObject({ username: 'channel.manager', displayName: '钱经理', kind: 'internal' });
    const nav = shell.navigation.map((n) => n.object);
    expect(nav).toContain('hospital');
    expect(shell.navigation.find((n) => n.object === 'dealer')).toMatchObject({ plugin: 'medical_dms', canCreate: true });
    expect(shell.counts).toEqual({ inbox: expect.any(Number), notifications: expect.any(Number) });
    expect(shell.portalHome).toEqual([]);
  });

  it('lists no internal-only object to a portal user, and refuses one of them as unknown', async () => {
    const shell = (await get(users['portal.a'], '/api/ui/app')).json() as UiApp;
    const nav = shell.navigation.map((n) => n.object);
    expect(nav).toContain('dealer');
    expect(nav).not.toContain('sales_target');
    expect(shell.rights).toEqual([]);
    expect(shell.counts.inbox).toBe(0);
    expect(shell.navigation.find((n) => n.object === 'dealer')!.canCreate).toBe(false);
    for (const home of shell.portalHome) expect(nav).toContain(home.object);

    const hidden = await get(users['portal.a'], '/api/ui/objects/sales_target');
    expect(hidden.statusCode).toBe(404);
    const unknown = await get(users['portal.a'], '/api/ui/objects/no_such_object');
    expect([hidden.json().code, unknown.json().code]).toEqual(['OBJECT_NOT_FOUND', 'OBJECT_NOT_FOUND']);
    expect((await get(users['portal.a'], '/api/records/sales_target')).json().code).toBe('OBJECT_NOT_FOUND');
  });
});

describe('GET /api/ui/objects/:object', () => {
  it('gives fields, sections, views, related lists, rules and the form schema', async () => {
    const res = await get(users['channel.manager'], '/api/ui/objects/dealer');
    expect(res.statusCode, res.body).toBe(200);
    const dealer = res.json() as UiObject;
    expect(dealer).toMatchObject({ name: 'dealer', titleField: 'name', rights: { create: true, read: true } });
    expect(dealer.sections.map((s) => s.name).slice(0, 3)).toEqual(['identity', 'channel', 'location']);
    expect(dealer.listViews.map((v) => v.name)).toContain('dealer_layout.active');
    expect(dealer.related.map((r) => `${r.object}.${r.via}`)).toEqual(expect.arrayContaining(['qualification.dealer', 'dealer.parent']));
    const rule = dealer.rules.find((r) => r.name === 'dealer_credit_code_check')!;
    expect(rule.browser).toBe(false); // a plugin operator
    expect((dealer.uiSchema['ui:order'] as string[]).slice(0, 4)).toEqual(['name', 'credit_code', 'tier', 'status']);
    expect(dealer.uiSchema.parent).toMatchObject({ 'ui:widget': 'lookup', 'ui:options': { target: 'dealer', targetTitleField: 'name' } });
    expect((dealer.schema.properties as Record<string, { title: string }>).name.title).toBe(dealer.fields.find((f) => f.name === 'name')!.label['zh-CN']);
  });

  it('cuts fields by field access: none is absent everywhere, read is read-only', async () => {
    const deploy = await request(admin, 'POST', '/api/meta/deploy', { documents: [{
      kind: 'permissionSet', name: 'ui_test_no_credit', label: { 'zh-CN': '测试', en: 'Test' },
      objects: { dealer: { read: true, update: true } }, fields: { dealer: { credit_code: 'none', name: 'read' } },
    }] });
    expect(deploy.statusCode, deploy.body).toBe(200);
    const { token } = await createUser(app, { username: 'ui.viewer', role: null, permissionSets: ['ui_test_no_credit'] });
    const viewer = { headers: { authorization: `Bearer ${token}` } };
    const dealer = (await get(viewer, '/api/ui/objects/dealer')).json() as UiObject;
    expect(dealer.fields.map((f) => f.name)).not.toContain('credit_code');
    expect(dealer.sections.flatMap((s) => s.fields)).not.toContain('credit_code');
    expect(Object.keys(dealer.schema.properties as object)).not.toContain('credit_code');
    expect(dealer.rules.map((r) => r.name)).not.toContain('dealer_credit_code_check');
    expect(dealer.fields.find((f) => f.name === 'name')!.readOnly).toBe(true);
    expect(dealer.fields.find((f) => f.name === 'address')!.readOnly).toBe(false);
    expect(dealer.rights.create).toBe(false);

    const portal = (await get(users['portal.a'], '/api/ui/objects/dealer')).json() as UiObject;
    expect(portal.fields.find((f) => f.name === 'credit_code')!.readOnly).toBe(true);
    expect(portal.uiSchema.credit_code).toMatchObject({ 'ui:readonly': true });
  });
});

describe('POST /api/records/:object/validate', () => {
  it("answers the credit-code rule's Chinese message, and writes nothing", async () => {
    const before = await dealerCount();
    const values = { name: '校验测试经销商', credit_code: badCreditCode(), tier: 'level_1' };
    const res = await request(users['channel.manager'], 'POST', '/api/records/dealer/validate', { values });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems).toEqual([
      { field: 'credit_code', rule: 'dealer_credit_code_check', message: `统一社会信用代码 ${values.credit_code} 校验位不正确` },
    ]);
    const english = await request(users['channel.manager'], 'POST', '/api/records/dealer/validate', { values }, 'en');
    expect(english.json().problems[0].message).toMatch(/wrong check character/);
    const write = await request(users['channel.manager'], 'POST', '/api/records/dealer', values);
    expect(write.statusCode).toBe(422);
    expect(write.json().errors.map((e: { rule: string }) => e.rule)).toEqual(['dealer_credit_code_check']);
    expect(await dealerCount()).toBe(before);
  });

  it('answers field checks, and nothing for a valid record, still without writing', async () => {
    const before = await dealerCount();
    const missing = await request(users['channel.manager'], 'POST', '/api/records/dealer/validate', { values: { tier: 'nope' } });
    expect(missing.json().problems.map((p: { field: string }) => p.field).sort()).toEqual(['credit_code', 'name', 'tier']);
    const first17 = '91110108MA01ABCD2';
    const good = { name: '合格经销商', credit_code: first17 + creditCodeCheckCharacter(first17), tier: 'level_1' };
    expect((await request(users['channel.manager'], 'POST', '/api/records/dealer/validate', { values: good })).json()).toEqual({ problems: [] });
    expect(await dealerCount()).toBe(before);
  });

  it('checks an update merged with the stored record, refused like the write', async () => {
    const me = (await get(users['portal.a'], '/api/auth/me')).json().user;
    const url = '/api/records/dealer/validate';
    const ok = await request(users['portal.a'], 'POST', url, { id: me.accountId, values: { address: '北京市朝阳区' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ problems: [] });
    expect((await request(users['portal.a'], 'POST', url, { id: me.accountId, values: { name: 'x' } })).statusCode).toBe(403);
    const other = (await get(users['portal.b'], '/api/auth/me')).json().user.accountId;
    expect((await request(users['portal.a'], 'POST', url, { id: other, values: {} })).statusCode).toBe(404);
    expect((await request(users['portal.a'], 'POST', url, { values: { name: 'x' } })).statusCode).toBe(403);
    expect((await request(users['portal.a'], 'POST', '/api/records/sales_target/validate', { values: {} })).statusCode).toBe(404);
  });
});

describe('GET /api/search', () => {
  it('finds a dealer by part of its name, and a portal user only its own dealer', async () => {
    const { data } = (await get(admin, '/api/records/dealer?limit=1&sort=name&fields=name')).json();
    const name = data[0].name as string;
    const part = [...name].slice(1, 4).join('');
    const hits = (await get(users['channel.manager'], `/api/search?q=${encodeURIComponent(part)}`)).json().data as UiSearchHit[];
    const all = (await get(admin, `/api/search?q=${encodeURIComponent(part)}&limit=100`)).json().data as UiSearchHit[];
    expect(all).toContainEqual({ object: 'dealer', id: data[0].id, title: name });
    for (const hit of hits) expect(hit.title.toLowerCase()).toContain(part.toLowerCase());

    const me = (await get(users['portal.a'], '/api/auth/me')).json().user;
    const own = (await get(users['portal.a'], `/api/records/dealer/${me.accountId}`)).json();
    const portalHits = (await get(users['portal.a'], `/api/search?q=${encodeURIComponent([...own.name].slice(0, 2).join(''))}`)).json().data as UiSearchHit[];
    const dealerHits = portalHits.filter((h) => h.object === 'dealer');
    expect(dealerHits).toEqual([{ object: 'dealer', id: me.accountId, title: own.name }]);
    expect(portalHits.map((h) => h.object)).not.toContain('sales_target');
  });

  it('takes % and _ literally, and refuses an empty or overlong text', async () => {
    expect((await get(admin, '/api/search?q=%25')).json().data).toEqual([]);
    expect((await get(admin, '/api/search?q=_')).json().data).toEqual([]);
    expect((await get(admin, '/api/search?q=')).statusCode).toBe(400);
    expect((await get(admin, `/api/search?q=${'a'.repeat(101)}`)).statusCode).toBe(400);
    expect((await get(admin, '/api/search?q=a&limit=0')).statusCode).toBe(400);
  });
});

describe('GET /api/records/:object/export.xlsx', () => {
  it('exports what the list shows, with labelled headers and picklist labels', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'tier' }, 'platform'] }));
    const list = (await get(admin, `/api/records/dealer?filter=${filter}&fields=name,tier&sort=name&limit=500`)).json().data;
    const res = await get(admin, `/api/records/dealer/export.xlsx?filter=${filter}&fields=name,tier&sort=name`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dealer-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E7%BB%8F%E9%94%80%E5%95%86/);
    const rows = await readWorkbook(res.rawPayload);
    const dealer = (await get(admin, '/api/ui/objects/dealer')).json() as UiObject;
    const label = (name: string) => dealer.fields.find((f) => f.name === name)!.label['zh-CN'];
    const platform = dealer.fields.find((f) => f.name === 'tier')!.options!.find((o) => o.value === 'platform')!.label['zh-CN'];
    expect(rows[0]).toEqual([label('name'), label('tier')]);
    expect(rows.slice(1)).toEqual(list.map((r: { name: string }) => [r.name, platform]));
  });

  it("gives a portal user only its dealer's rows", async () => {
    const me = (await get(users['portal.a'], '/api/auth/me')).json().user;
    const own = (await get(users['portal.a'], `/api/records/dealer/${me.accountId}`)).json();
    const res = await get(users['portal.a'], '/api/records/dealer/export.xlsx?fields=name,parent');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    expect(rows.length).toBe(2);
    expect(rows[1][0]).toBe(own.name);
    const quals = await readWorkbook((await get(users['portal.a'], '/api/records/qualification/export.xlsx?fields=dealer')).rawPayload);
    expect(new Set(quals.slice(1).map((r) => r[0]))).toEqual(new Set([own.name]));
    expect((await get(users['portal.a'], '/api/records/sales_target/export.xlsx')).statusCode).toBe(404);
  });

  it('exports to each portal user exactly the rows its list shows, for every object it may read', async () => {
    for (const who of ['portal.a', 'portal.b']) {
      const shell = (await get(users[who], '/api/ui/app')).json() as UiApp;
      for (const { object } of shell.navigation) {
        // A catalogue longer than a page (the hospitals' departments): the export has the total, the first page among it.
        const page = (await get(users[who], `/api/records/${object}?fields=id&limit=500&count=true`)).json();
        const listed = page.data.map((r: { id: string }) => r.id);
        const res = await get(users[who], `/api/records/${object}/export.xlsx?fields=id`);
        expect(res.statusCode, `${who} ${object}`).toBe(200);
        const exported = (await readWorkbook(res.rawPayload)).slice(1).map((r) => r[0]);
        expect(exported.length, `${who} ${object}`).toBe(page.total);
        expect(exported, `${who} ${object}`).toEqual(expect.arrayContaining(listed));
      }
    }
  });

  it('keeps a cell that looks like a formula as text', async () => {
    const first17 = '91110108MA01ABCD3';
    const created = await request(admin, 'POST', '/api/records/dealer', { name: '=HYPERLINK("http://x")', credit_code: first17 + creditCodeCheckCharacter(first17), tier: 'level_1' });
    expect(created.statusCode, created.body).toBe(201);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'id' }, created.json().id] }));
    const rows = await readWorkbook((await get(admin, `/api/records/dealer/export.xlsx?fields=name&filter=${filter}`)).rawPayload);
    expect(rows[1]).toEqual(['\'=HYPERLINK("http://x")']);
  });
});

describe('GET /api/ui/regions', () => {
  it('serves the region tree with a long cache', async () => {
    const res = await get(users['portal.a'], '/api/ui/regions');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/max-age=\d{6}/);
    const beijing = res.json().find((p: { name: string }) => p.name === '北京市');
    expect(beijing).toMatchObject({ code: '11', children: [{ code: '1101', name: '市辖区' }] });
    expect(beijing.children[0].children.map((d: { code: string }) => d.code)).toContain('110101');
    const again = await app.server.inject({ method: 'GET', url: '/api/ui/regions', headers: { 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});

describe('fuzzing /validate and /search', () => {
  it('never answers 500', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(json, fc.record({ values: fc.oneof(json, fc.dictionary(fc.constantFrom('name', 'credit_code', 'tier', 'parent', 'region', 'id', 'owner_id', 'version', 'x'), json)), id: fc.option(fc.oneof(fc.string(), fc.uuid(), json)) }, { requiredKeys: [] }));
    await fc.assert(fc.asyncProperty(body, fc.constantFrom('dealer', 'qualification', 'hospital', 'sales_target', 'nope'), async (payload, object) => {
      const res = await request(users['portal.a'], 'POST', `/api/records/${object}/validate`, payload);
      expect(res.statusCode, res.body).toBeLessThan(500);
      const asAdmin = await request(admin, 'POST', `/api/records/${object}/validate`, payload);
      expect(asAdmin.statusCode, asAdmin.body).toBeLessThan(500);
    }), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 120, unit: 'binary' }), fc.option(fc.string({ maxLength: 5 })), async (q, limit) => {
      const params = new URLSearchParams({ q, ...(limit === null ? {} : { limit }) });
      const res = await get(users['portal.a'], `/api/search?${params}`);
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 80 });
  }, 120_000);
});

describe('GET /api/meta/object/:name/fields/:field/usages (what the studio shows before a field changes)', () => {
  it("lists the pack's rule, layout and permission sets that name dealer.credit_code, each with where", async () => {
    const res = await get(admin, '/api/meta/object/dealer/fields/credit_code/usages');
    expect(res.statusCode, res.body).toBe(200);
    const uses = (res.json() as { data: { kind: string; name: string; where: string }[] }).data;
    expect(uses).toContainEqual({ kind: 'validationRule', name: 'dealer_credit_code_check', where: '/field' });
    expect(uses).toContainEqual({ kind: 'validationRule', name: 'dealer_credit_code_check', where: '/errorWhen/!/credit_code_valid/0/var' });
    expect(uses).toContainEqual({ kind: 'permissionSet', name: 'portal_dealer', where: '/fields/dealer/credit_code' });
    expect(uses).toContainEqual({ kind: 'layout', name: 'dealer_layout', where: '/sections/0/fields/1' });
  });

  it('answers 404 naming an unknown field, and keeps the metadata from portal users', async () => {
    const unknown = await get(admin, '/api/meta/object/dealer/fields/no_such_field/usages');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', errors: [{ field: 'field', rule: 'unknown_field' }] });
    expect((await get(admin, '/api/meta/object/no_such_object/fields/name/usages')).statusCode).toBe(404);
    expect((await get(users['portal.a'], '/api/meta/object/dealer/fields/credit_code/usages')).statusCode).toBe(403);
  });
});

describe('POST /api/rules/try and /api/rules/preview (the studio rule builder\'s "try it" and "how many would it block")', () => {
  const rule = (errorWhen: unknown) => ({
    kind: 'validationRule', name: 'dealer_name_short', object: 'dealer', field: 'name', errorWhen,
    message: { 'zh-CN': '名称 {{name}} 太短', en: 'Name {{name}} is too short' },
  });
  const post = (url: string, payload: unknown, language = 'zh-CN') => request(admin, 'POST', url, payload, language);

  it('runs a rule on values typed in and on a stored record, with its message, writing nothing', async () => {
    const before = await app.db.knex('qd_metadata_documents').count<{ n: string }[]>({ n: '*' });
    const blocked = await post('/api/rules/try', { rule: rule({ '==': [{ var: 'tier' }, 'platform'] }), values: { name: '甲', tier: 'platform' } });
    expect(blocked.statusCode, blocked.body).toBe(200);
    expect(blocked.json()).toEqual({ blocks: true, error: { field: 'name', rule: 'dealer_name_short', message: { 'zh-CN': '名称 甲 太短', en: 'Name 甲 is too short' } } });
    const passes = await post('/api/rules/try', { rule: rule({ '==': [{ var: 'tier' }, 'platform'] }), values: { name: '甲', tier: 'level_2' } });
    expect(passes.json()).toEqual({ blocks: false, error: null });

    const [dealer] = await app.db.knex('data.dealer').whereNull('deleted_at').orderBy('id').limit(1);
    const stored = await post('/api/rules/try', { rule: rule({ '==': [{ var: 'id' }, dealer.id] }), recordId: dealer.id });
    expect(stored.json()).toMatchObject({ blocks: true, error: { message: { 'zh-CN': `名称 ${dealer.name} 太短` } } });
    expect(await app.db.knex('qd_metadata_documents').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  });

  it("runs a rule's saved cases at deploy with the plugins' operators", async () => {
    const creditCodeRule = (await get(admin, '/api/meta/validationRule/dealer_credit_code_check')).json() as Record<string, unknown>;
    const tests = [
      { record: { credit_code: '91350100M000100Y43' }, expect: 'pass' },
      { record: { credit_code: '91350100M000100Y44' }, expect: 'error' },
      { record: { credit_code: null }, expect: 'pass' },
    ];
    const res = await post('/api/meta/deploy', { documents: [{ ...creditCodeRule, tests }], dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const flipped = tests.map((t) => ({ ...t, expect: t.expect === 'pass' ? 'error' : 'pass' }));
    const refused = await post('/api/meta/deploy', { documents: [{ ...creditCodeRule, tests: flipped }], dryRun: true });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { errors: { rule: string }[] }).errors.map((e) => e.rule)).toEqual(['rule_test_failed', 'rule_test_failed', 'rule_test_failed']);
  });

  it('counts the existing records a rule would block, with the first ids, from the same evaluator', async () => {
    const platform = await app.db.knex('data.dealer').whereNull('deleted_at').where({ tier: 'platform' }).orderBy('id').pluck('id');
    const total = Number((await app.db.knex('data.dealer').whereNull('deleted_at').count<{ n: string }[]>({ n: '*' }))[0].n);
    const res = await post('/api/rules/preview', { rule: rule({ '==': [{ var: 'tier' }, 'platform'] }) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ checked: total, blocked: platform.length, sample: platform.slice(0, 10), truncated: false });
    expect(platform.length).toBeGreaterThan(0);
  });

  it('reads the related records a rule reads through a lookup, for every record of the preview', async () => {
    const contactRule = {
      kind: 'validationRule', name: 'contact_of_platform', object: 'dealer_contact', field: 'dealer',
      errorWhen: { '==': [{ var: 'dealer.tier' }, 'platform'] }, message: { 'zh-CN': '平台商联系人', en: 'A platform dealer contact' },
    };
    const expected = await app.db.knex('data.dealer_contact as c').join('data.dealer as d', 'd.id', 'c.dealer')
      .whereNull('c.deleted_at').whereNull('d.deleted_at').where('d.tier', 'platform').orderBy('c.id').pluck('c.id');
    const res = await post('/api/rules/preview', { rule: contactRule });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ blocked: expected.length, sample: expected.slice(0, 10), truncated: false });
    expect(expected.length).toBeGreaterThan(0);
    const one = await post('/api/rules/try', { rule: contactRule, recordId: expected[0] });
    expect(one.json()).toMatchObject({ blocks: true, error: { field: 'dealer', rule: 'contact_of_platform' } });
  });

  it('refuses a rule a deploy would refuse, naming the problem, and a caller without the deploy right', async () => {
    const bad = await post('/api/rules/preview', { rule: rule({ '==': [{ var: 'no_such_field' }, 1] }) }, 'en');
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('no_such_field');
    const wrongCase = await post('/api/rules/preview', { rule: { ...rule({ '==': [{ var: 'tier' }, 'platform'] }), tests: [{ record: { tier: 'level_1' }, expect: 'error' }] } }, 'en');
    expect(wrongCase.statusCode).toBe(422);
    expect(wrongCase.json()).toMatchObject({ errors: [{ field: 'validationRule:dealer_name_short/tests/0', rule: 'rule_test_failed' }] });
    const notARule = await post('/api/rules/try', { rule: { kind: 'layout' }, values: {} });
    expect(notARule.statusCode).toBe(400);
    const noValues = await post('/api/rules/try', { rule: rule({ '==': [1, 1] }) });
    expect(noValues.json()).toMatchObject({ errors: [{ field: 'values' }] });
    const manager = await request(users['channel.manager'], 'POST', '/api/rules/preview', { rule: rule({ '==': [1, 1] }) });
    expect(manager.statusCode).toBe(403);
  });
});

describe('POST /api/meta/:kind/:name/rollback (the studio history\'s one click)', () => {
  const rule = (tiers: string[]) => ({
    kind: 'validationRule', name: 'dealer_tier_closed', object: 'dealer', field: 'tier',
    errorWhen: { in: [{ var: 'tier' }, tiers] }, message: { 'zh-CN': '暂不接收此层级', en: 'This tier is closed for now' },
  });
  const goodCreditCode = '91110108MA01ABCD1' + creditCodeCheckCharacter('91110108MA01ABCD1');
  const rollback = (version: number, extra: object = {}) => request(admin, 'POST', '/api/meta/validationRule/dealer_tier_closed/rollback', { version, ...extra });
  const formRules = async () => ((await get(admin, '/api/ui/objects/dealer')).json() as UiObject).rules.filter((r) => r.name === 'dealer_tier_closed');
  const refuses = async (tier: string) =>
    ((await request(admin, 'POST', '/api/records/dealer/validate', { values: { name: '规则回滚测试', credit_code: goodCreditCode, tier } })).json() as { problems: { rule: string }[] }).problems.some((p) => p.rule === 'dealer_tier_closed');

  it('brings back an earlier version, and version 0 removes a rule the custom layer added, from the form at once', async () => {
    const first = await request(admin, 'PUT', '/api/meta/validationRule/dealer_tier_closed', rule(['platform']));
    expect(first.statusCode, first.body).toBe(200);
    expect((await request(admin, 'PUT', '/api/meta/validationRule/dealer_tier_closed', rule(['platform', 'level_1']))).statusCode).toBe(200);
    expect(await refuses('level_1')).toBe(true);

    const preview = await rollback(1, { dryRun: true });
    expect(preview.json()).toMatchObject({ applied: false });
    expect(await refuses('level_1')).toBe(true);
    expect((await rollback(1)).json()).toMatchObject({ applied: true });
    expect(await refuses('level_1')).toBe(false);
    expect(await refuses('platform')).toBe(true);

    expect((await rollback(0)).statusCode).toBe(200);
    expect(await formRules()).toEqual([]);
    expect(await refuses('platform')).toBe(false);
    const versions = ((await get(admin, '/api/meta/validationRule/dealer_tier_closed/history')).json() as { data: { version: number; deleted: boolean }[] }).data;
    expect(versions.map((v) => [v.version, v.deleted])).toEqual([[4, true], [3, false], [2, false], [1, false]]);
  });

  it('refuses a version that never was, naming it', async () => {
    const res = await request(admin, 'POST', '/api/meta/object/dealer/rollback', { version: 99 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errors: [{ field: 'version', rule: 'unknown_version' }] });
    expect((await request(admin, 'POST', '/api/meta/object/dealer/rollback', { version: 'one' })).statusCode).toBe(400);
  });
});
