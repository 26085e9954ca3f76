import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PACK = path.join(ROOT, 'plugins/medical_dms');
const OBJECTS = ['authorization_exclusion', 'dealer', 'dealer_authorization', 'dealer_contact', 'dealer_credit', 'department', 'hospital', 'product', 'product_line', 'qualification'];

let app: TestApp;
const ctx = () => systemContext(app.adminId, 'test');
const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) =>
  app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'zh-CN' } });
const count = async (object: string) => (await call('GET', `/api/records/${object}?count=true&limit=1`)).json().total as number;

beforeAll(async () => {
  app = await startTestApp();
}, 120_000);
afterAll(async () => app?.dispose());

describe('the medical-device pack', () => {
  it('shows its plan in a dry run, then installs every table with its demo data', async () => {
    const dry = await app.plugins.install(PACK, { dryRun: true, ctx: ctx() });
    expect(dry.applied).toBe(false);
    expect(dry.steps.filter((s) => s.kind === 'create_table').map((s) => s.object).sort()).toEqual(OBJECTS);
    expect(await app.db.knex('information_schema.tables').where('table_schema', 'data').count<{ n: string }[]>({ n: '*' })).toEqual([{ n: '0' }]);

    // What `npm start` does on a fresh database.
    const lines: string[] = [];
    const config = { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true };
    expect(await installBundledPlugins(app, config, (line) => lines.push(line))).toEqual(['medical_dms']);
    expect(lines.join('\n')).toMatch(/medical_dms 0\.1\.0: \d+ steps, \d+ records/);
    expect(await installBundledPlugins(app, config, () => undefined)).toEqual([]);
    expect((await app.plugins.list()).map((p) => [p.name, p.version])).toEqual([['medical_dms', '0.1.0']]);
    expect(await count('product_line')).toBe(3);
    expect(await count('product')).toBe(40);
    expect(await count('hospital')).toBe(300);
    expect(await count('dealer')).toBe(60);
    expect(await count('qualification')).toBeGreaterThanOrEqual(120);
  }, 300_000);

  it('comes with the demo logins, each seeing what its role lets it see', async () => {
    expect(app.demoLogins.created).toEqual(expect.arrayContaining(['channel.manager', 'compliance', 'finance', 'engineer', 'portal.a', 'portal.b']));
    const as = async (username: string) => {
      const login = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      return async (url: string) => (await app.server.inject({ method: 'GET', url, headers: { cookie } })).json();
    };
    const dealersOf = async (username: string) => (await (await as(username))('/api/records/dealer?limit=500&fields=name,channel_manager')).data as { channel_manager: string }[];
    const managers = (rows: { channel_manager: string }[]) => [...new Set(rows.map((r) => r.channel_manager))].sort();
    // A channel manager sees its own dealers and its reports', not its peer's.
    expect(managers(await dealersOf('channel.manager'))).toEqual(['channel.manager', 'channel.rep']);
    expect(managers(await dealersOf('channel.manager.north'))).toEqual(['channel.manager.north', 'channel.rep']);
    expect(managers(await dealersOf('channel.rep'))).toEqual(['channel.rep']);
    expect(await dealersOf('compliance')).toHaveLength(60);
    // Each portal user sees its own dealer only, and its qualifications.
    const [a, b] = [await dealersOf('portal.a'), await dealersOf('portal.b')];
    expect([a.length, b.length]).toEqual([1, 1]);
    expect(a[0]).not.toEqual(b[0]);
    const qualifications = (await (await as('portal.a'))('/api/records/qualification?limit=500&expand=dealer')).data as { dealer: { id: string } }[];
    expect(qualifications.length).toBeGreaterThan(0);
    expect(new Set(qualifications.map((q) => q.dealer.id)).size).toBe(1);
    // Hospitals and departments are a catalogue every dealer owner reads: its grants and applications name them.
    expect((await (await as('portal.a'))('/api/records/hospital?count=true&limit=1')).total).toBe(300);
  });

  it('lists through its layouts\' views, one of them filtering through a lookup', async () => {
    const total = async (url: string) => (await call('GET', url)).json().total as number;
    const active = { '==': [{ var: 'status' }, 'active'] };
    expect(await total('/api/records/dealer?view=dealer_layout.active&count=true'))
      .toBe(await total(`/api/records/dealer?count=true&filter=${encodeURIComponent(JSON.stringify(active))}`));
    const res = await call('GET', '/api/records/qualification?view=qualification_layout.class3_licences_of_active_dealers&expand=dealer');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.length).toBeGreaterThan(0);
    for (const row of res.json().data) {
      expect(row.scope_classes).toContain('III');
      expect(row.dealer.status).toBe('active');
    }
  });

  it('refuses a dealer whose credit code has a wrong check character, in Chinese, naming the field', async () => {
    const res = await call('POST', '/api/records/dealer', { name: '测试医疗器械有限公司', credit_code: '91350100M000100Y44', tier: 'platform' });
    expect(res.statusCode).toBe(422);
    const [error] = res.json().errors;
    expect(error.field).toBe('credit_code');
    expect(error.message).toMatch(/统一社会信用代码/);
    const valid = await call('POST', '/api/records/dealer', { name: '测试医疗器械有限公司', credit_code: '91350100M000100Y43', tier: 'platform' });
    expect(valid.statusCode, valid.body).toBe(201);
    expect(valid.json().status).toBe('prospect');
  });

  it('refuses a product whose GTIN has a wrong check digit', async () => {
    const line = (await call('GET', '/api/records/product_line?limit=1')).json().data[0];
    const res = await call('POST', '/api/records/product', { name: '测试试剂盒', product_line: line.id, gtin: '06901234567891', device_class: 'II' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'gtin' });
    expect(res.json().errors[0].message).toMatch(/GTIN|校验/);
  });

  it('refuses a qualification whose validity ends before it starts', async () => {
    const dealer = (await call('GET', '/api/records/dealer?limit=1')).json().data[0];
    const res = await call('POST', '/api/records/qualification', {
      dealer: dealer.id, type: 'business_licence', number: dealer.credit_code, valid_from: '2025-06-01', valid_to: '2025-05-31',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('valid_to');
    expect(res.json().errors[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('treats hospital names that differ only in width, spaces or brackets as the same hospital', async () => {
    const first = await call('POST', '/api/records/hospital', { name: '测试市第一人民医院（东院）', level: '2A' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call('POST', '/api/records/hospital', { name: '测试市第一人民医院 (东院)', level: '2A' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toMatchObject({ field: 'name_normalized', rule: 'unique' });
    const other = await call('POST', '/api/records/hospital', { name: '测试市第一人民医院（西院）' });
    expect(other.statusCode).toBe(201);
  });

  it('keeps an admin\'s custom field on dealer across an upgrade that relabels and adds a field', async () => {
    const custom = { kind: 'object', name: 'dealer', fields: [{ name: 'wechat', type: 'text', label: { 'zh-CN': '微信号', en: 'WeChat' } }] };
    expect((await call('PUT', '/api/meta/object/dealer', custom)).statusCode).toBe(200);

    const next = path.join(ROOT, 'plugins', `.medical_dms_next_${process.pid}`);
    try {
      fs.cpSync(PACK, next, { recursive: true });
      const manifest = JSON.parse(fs.readFileSync(path.join(next, 'plugin.json'), 'utf8'));
      fs.writeFileSync(path.join(next, 'plugin.json'), JSON.stringify({ ...manifest, version: '0.2.0' }));
      const dealerFile = path.join(next, 'objects/dealer.object.json');
      const dealer = JSON.parse(fs.readFileSync(dealerFile, 'utf8'));
      dealer.label = { 'zh-CN': '渠道商', en: 'Channel partner' };
      dealer.fields.push({ name: 'website', type: 'url', label: { 'zh-CN': '网站', en: 'Website' } });
      fs.writeFileSync(dealerFile, JSON.stringify(dealer));
      const upgraded = await app.plugins.upgrade(next, { ctx: ctx() });
      expect(upgraded.applied).toBe(true);
    } finally {
      fs.rmSync(next, { recursive: true, force: true });
    }
    const effective = (await call('GET', '/api/meta/object/dealer')).json();
    expect(effective.label['zh-CN']).toBe('渠道商');
    expect(effective.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['website', 'wechat', 'credit_code']));
    const dealer = (await call('GET', '/api/records/dealer?limit=1')).json().data[0];
    const res = await call('PATCH', `/api/records/dealer/${dealer.id}`, { wechat: 'qudao_demo', website: 'https://qudao.example.cn' });
    expect(res.statusCode, res.body).toBe(200);
  });
});
