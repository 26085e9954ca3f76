/** Layouts: list views whose filters must run in the database, refused at deploy otherwise, and used through `?view=`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, language = 'en') =>
  app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': language } });
const list = (query: Record<string, string>) => call('GET', `/api/records/outlet?${new URLSearchParams(query)}`);

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const text = (name: string) => ({ name, type: 'text', label: label(name) });

const distributor = {
  kind: 'object', name: 'distributor', label: label('Distributor', '经销商'),
  fields: [
    text('name'),
    { name: 'status', type: 'picklist', label: label('Status'), options: [{ value: 'active', label: label('Active') }, { value: 'ended', label: label('Ended') }] },
  ],
};

type Field = { name: string; [key: string]: unknown };
const outlet = (extra: Field[] = []) => ({
  kind: 'object', name: 'outlet', label: label('Outlet', '网点'),
  fields: [
    text('name'),
    { name: 'beds', type: 'integer', label: label('Beds') },
    { name: 'distributor', type: 'lookup', target: 'distributor', label: label('Distributor') },
    { name: 'beds_label', type: 'formula', returns: 'text', computeOn: 'read', expression: { cat: [{ var: 'beds' }, ' beds'] }, label: label('Beds label') },
    ...extra,
  ],
});
const CITY = { name: 'city', type: 'text', label: label('City') };

const view = (name: string, filter: unknown, rest: object = {}) => ({ name, label: label(name), filter, columns: ['name', 'beds'], ...rest });
const layout = (...listViews: object[]) => ({
  kind: 'layout', name: 'outlet_layout', label: label('Outlet layout', '网点布局'), object: 'outlet',
  sections: [{ name: 'main', label: label('Main'), columns: 2, fields: ['name', 'beds', 'distributor'] }],
  listViews,
});

const activeLarge = view('active_large', {
  and: [{ '>=': [{ var: 'beds' }, 100] }, { '==': [{ var: 'distributor.status' }, 'active'] }, { '==': [{ var: 'city' }, 'Chengdu'] }],
}, { sort: ['-beds'], pageSize: 2 });

const storedDocuments = () => app.db.knex('qd_metadata_documents').select('kind', 'name', 'layer', 'version').orderBy('id');
const dataTables = () => app.db.knex('information_schema.tables').where('table_schema', 'data').pluck('table_name');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.dispose());

describe('a list view whose filter cannot run in the database', () => {
  const refused = layout(
    view('by_pattern', { and: [{ '>': [{ var: 'beds' }, 10] }, { matches: [{ var: 'name' }, '^A'] }] }),
    view('by_magic', { frobnicate: [{ var: 'name' }] }),
    view('by_read_formula', { '==': [{ var: 'beds_label' }, '3 beds'] }),
  );

  it('is refused at deploy with the path of the part and a message in both languages, and nothing is written', async () => {
    const before = { documents: await storedDocuments(), tables: await dataTables() };
    const documents = [distributor, outlet(), refused];
    const [en, zh] = await Promise.all([
      call('POST', '/api/meta/deploy', { documents }),
      call('POST', '/api/meta/deploy', { documents }, 'zh-CN'),
    ]);
    expect(en.statusCode).toBe(422);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json().code).toBe('METADATA_INVALID');
    expect(en.json().errors).toEqual([
      { field: 'layout:outlet_layout/listViews/0/filter/and/1/matches', rule: 'unknown_operator', message: 'the operator "matches" cannot run in the database' },
      { field: 'layout:outlet_layout/listViews/1/filter/frobnicate', rule: 'unknown_operator', message: 'the operator "frobnicate" cannot run in the database' },
      { field: 'layout:outlet_layout/listViews/2/filter/==/0/var', rule: 'not_filterable', message: 'the field "beds_label" cannot be filtered in the database' },
    ]);
    expect(zh.json().errors.map((e: { message: string }) => e.message)).toEqual([
      '运算符 "matches" 不能在数据库中执行', '运算符 "frobnicate" 不能在数据库中执行', '字段 "beds_label" 不能在数据库中筛选',
    ]);
    expect({ documents: await storedDocuments(), tables: await dataTables() }).toEqual(before);
  });

  it('is reported the same by a dry run', async () => {
    const dry = await call('POST', '/api/meta/deploy', { documents: [distributor, outlet(), refused], dryRun: true });
    expect(dry.statusCode).toBe(422);
    expect(dry.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'layout:outlet_layout/listViews/0/filter/and/1/matches',
      'layout:outlet_layout/listViews/1/filter/frobnicate',
      'layout:outlet_layout/listViews/2/filter/==/0/var',
    ]);
  });
});

describe('a list view used through ?view=', () => {
  beforeAll(async () => {
    expect((await deploy(app, [distributor, outlet()])).statusCode).toBe(200);
    // The view filters on `city`, a field added to outlet in the same deploy: the candidate metadata counts.
    const res = await deploy(app, [outlet([CITY]), layout(activeLarge)]);
    expect(res.statusCode, res.body).toBe(200);
    const make = async (object: string, body: object) => (await call('POST', `/api/records/${object}`, body)).json().id as string;
    const active = await make('distributor', { name: 'Active', status: 'active' });
    const ended = await make('distributor', { name: 'Ended', status: 'ended' });
    for (const [name, beds, owner, city] of [
      ['A', 300, active, 'Chengdu'], ['B', 200, active, 'Chengdu'], ['C', 150, active, 'Chengdu'],
      ['D', 50, active, 'Chengdu'], ['E', 500, ended, 'Chengdu'], ['F', 400, active, 'Beijing'],
    ] as const) {
      await make('outlet', { name, beds, distributor: owner, city });
    }
  });

  it('is served by the generic meta routes', async () => {
    const doc = (await call('GET', '/api/meta/layout/outlet_layout')).json();
    expect(doc.listViews.map((v: { name: string }) => v.name)).toEqual(['active_large']);
    expect((await call('GET', '/api/meta/layout')).json().data.map((d: { name: string }) => d.name)).toEqual(['outlet_layout']);
  });

  it('applies the view\'s filter (through the lookup), sort, page size and columns', async () => {
    const res = await list({ view: 'outlet_layout.active_large' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.map((r: { name: string; beds: number }) => [r.name, r.beds])).toEqual([['A', 300], ['B', 200]]);
    expect(Object.keys(res.json().data[0]).sort()).toEqual(['beds', 'id', 'name', 'version']);
    const next = await list({ view: 'outlet_layout.active_large', cursor: res.json().nextCursor });
    expect(next.json().data.map((r: { name: string }) => r.name)).toEqual(['C']);
  });

  it('ANDs the request\'s filter, and lets the request\'s sort, limit and fields win', async () => {
    const res = await list({
      view: 'outlet_layout.active_large', filter: JSON.stringify({ '<': [{ var: 'beds' }, 250] }),
      sort: 'name', limit: '10', fields: 'name,city',
    });
    expect(res.json().data.map((r: { name: string; city: string }) => [r.name, r.city])).toEqual([['B', 'Chengdu'], ['C', 'Chengdu']]);
    expect(res.json().data[0].beds).toBeUndefined();
  });

  it('keeps a bad request filter\'s error path the request\'s own', async () => {
    const res = await list({ view: 'outlet_layout.active_large', filter: JSON.stringify({ matches: [{ var: 'name' }, 'A'] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: '/matches', rule: 'unknown_operator' });
  });

  it('answers 400 in both languages for an unknown view, or one of another object', async () => {
    const [en, zh] = await Promise.all([
      list({ view: 'outlet_layout.nope' }),
      call('GET', '/api/records/distributor?view=outlet_layout.active_large', undefined, 'zh-CN'),
    ]);
    expect(en.statusCode).toBe(400);
    expect(en.json().errors).toEqual([{ field: 'view', rule: 'unknown_view', message: 'the object outlet has no list view outlet_layout.nope' }]);
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors[0].message).toBe('对象 distributor 没有列表视图 outlet_layout.active_large');
    expect((await list({ view: 'active_large' })).json().errors[0].rule).toBe('format');
  });

  it('describes the object\'s views in the OpenAPI document', async () => {
    const openapi = (await call('GET', '/api/openapi.json')).json();
    const param = (path: string) => openapi.paths[path].get.parameters.find((p: { name?: string }) => p.name === 'view');
    expect(param('/api/records/outlet').schema.enum).toEqual(['outlet_layout.active_large']);
    expect(openapi.paths['/api/records/distributor'].get.parameters).toContainEqual({ $ref: '#/components/parameters/view' });
  });

  it('refuses removing a field the view uses, at the view\'s paths', async () => {
    const before = await storedDocuments();
    const res = await deploy(app, [outlet()]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'layout:outlet_layout/listViews/0/filter/and/2/==/0/var', rule: 'unknown_field' }),
    ]);
    const withoutBeds = { ...outlet([CITY]), fields: outlet([CITY]).fields.map((f) => f.name === 'beds' ? { ...f, removed: true } : f) };
    const beds = await deploy(app, [withoutBeds], { dryRun: true });
    expect(beds.json().errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'layout:outlet_layout/listViews/0/columns/1',
      'layout:outlet_layout/listViews/0/filter/and/0/>=/0/var',
      'layout:outlet_layout/listViews/0/sort/0',
      'layout:outlet_layout/sections/0/fields/1',
      'object:outlet/fields/3/expression/cat/0/var',
    ]);
    expect(await storedDocuments()).toEqual(before);
  });
});
