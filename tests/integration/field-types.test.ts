import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../metadata/src/types.ts';
import { HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const options = [{ value: 'a', label: label('A') }, { value: 'b', label: label('B') }];

/** One field of every type the metadata language has. */
const EVERY_TYPE = {
  kind: 'object',
  name: 'specimen',
  label: label('Specimen', '样例'),
  fields: [
    { name: 'title', type: 'text', label: label('Title'), required: true },
    { name: 'notes', type: 'long_text', label: label('Notes') },
    { name: 'body', type: 'rich_text', label: label('Body') },
    { name: 'weight', type: 'number', label: label('Weight') },
    { name: 'count', type: 'integer', label: label('Count') },
    { name: 'price', type: 'money', label: label('Price') },
    { name: 'share', type: 'percent', label: label('Share') },
    { name: 'active', type: 'boolean', label: label('Active') },
    { name: 'day', type: 'date', label: label('Day') },
    { name: 'moment', type: 'datetime', label: label('Moment') },
    { name: 'grade', type: 'picklist', label: label('Grade'), options },
    { name: 'tags', type: 'multi_picklist', label: label('Tags'), options },
    { name: 'hospital', type: 'lookup', target: 'hospital', label: label('Hospital') },
    { name: 'owner_hospital', type: 'master_detail', target: 'hospital', label: label('Owner hospital') },
    { name: 'email', type: 'email', label: label('Email') },
    { name: 'phone', type: 'phone', label: label('Phone') },
    { name: 'site', type: 'url', label: label('Site') },
    { name: 'region', type: 'region', label: label('Region') },
    { name: 'location', type: 'geo_point', label: label('Location') },
    { name: 'scan', type: 'file', label: label('Scan') },
    { name: 'photo', type: 'image', label: label('Photo') },
    { name: 'serial', type: 'autonumber', format: 'SP-{0000}', label: label('Serial') },
    { name: 'total', type: 'formula', returns: 'money', expression: { '*': [{ var: 'price' }, { var: 'count' }] }, label: label('Total') },
    { name: 'children', type: 'rollup', returns: 'integer', of: 'specimen', via: 'parent', aggregate: 'count', label: label('Children') },
    { name: 'parent', type: 'lookup', target: 'specimen', label: label('Parent') },
  ],
};

let app: TestApp;
let hospitalId: string;

beforeAll(async () => {
  app = await startTestApp();
  const res = await deploy(app, [HOSPITAL_OBJECT, EVERY_TYPE]);
  expect(res.statusCode, res.body).toBe(200);
  hospitalId = (await app.server.inject({ method: 'POST', url: '/api/records/hospital', payload: { name: '协和' } })).json().id;
});
afterAll(async () => app?.dispose());

async function upload(name: string, mime: string, bytes: Buffer): Promise<string> {
  const boundary = 'field-types-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await app.server.inject({ method: 'POST', url: '/api/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('every field type, end to end', () => {
  it('covers every type the metadata language lists', () => {
    expect(new Set(EVERY_TYPE.fields.map((f) => f.type))).toEqual(new Set(FIELD_TYPES));
  });

  it('stores each writable type in a typed column and gives back what was written', async () => {
    const input = {
      title: '样例 1', notes: 'line 1\nline 2', body: '<p>富文本</p>', weight: 12.5, count: 3, price: '1999.90', share: 0.35,
      active: true, day: '2024-02-29', moment: '2024-03-01T08:30:00+08:00', grade: 'b', tags: ['a', 'b'],
      hospital: hospitalId, owner_hospital: hospitalId, email: 'buyer@example.cn', phone: '+86 138 0013 8000',
      site: 'https://example.cn/a?b=1', region: '310104', location: { lat: 31.2304, lng: 121.4737 },
      // A file or image field takes the id of an upload of the writer's (README "Files").
      scan: await upload('scan.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n')),
      photo: await upload('photo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    };
    const res = await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: input });
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json();
    expect(record).toMatchObject({ ...input, moment: '2024-03-01T00:30:00.000Z', serial: 'SP-0001', total: '5999.70', children: 0 });
    expect((await app.server.inject({ method: 'GET', url: `/api/records/specimen/${record.id}` })).json()).toEqual(record);

    const columns = await app.db.knex('information_schema.columns')
      .where({ table_schema: 'data', table_name: 'specimen' })
      .pluck('data_type');
    expect(columns).toEqual(expect.arrayContaining(['numeric', 'double precision', 'integer', 'boolean', 'date', 'ARRAY', 'uuid', 'point']));
  });

  it('computes a stored formula on every write, rounded to its type, and records the change in the history', async () => {
    const created = (await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: { title: '公式', price: '0.10', count: 3 } })).json();
    expect(created.total).toBe('0.30');
    const updated = await app.server.inject({ method: 'PATCH', url: `/api/records/specimen/${created.id}`, payload: { count: 7 } });
    expect(updated.json().total).toBe('0.70');
    const history = (await app.server.inject({ method: 'GET', url: `/api/records/specimen/${created.id}/history` })).json().data;
    expect(history[1].changes.total).toEqual({ old: '0.30', new: '0.70' });
    const cleared = await app.server.inject({ method: 'PATCH', url: `/api/records/specimen/${created.id}`, payload: { price: null } });
    expect(cleared.json().total).toBeNull(); // an unknown price makes an unknown total, as in SQL
  });

  it('counts a record\'s children in its own rollup (a lookup to its own object)', async () => {
    const parent = (await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: { title: '父' } })).json();
    await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: { title: '子', parent: parent.id } });
    expect((await app.server.inject({ method: 'GET', url: `/api/records/specimen/${parent.id}` })).json().children).toBe(1);
  });

  it('numbers autonumbers in order and refuses writes to computed fields', async () => {
    const second = await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: { title: '样例 2' } });
    expect(second.json().serial).toBe('SP-0005');
    const refused = await app.server.inject({ method: 'POST', url: '/api/records/specimen', payload: { title: 'x', serial: 'X', total: '1', children: 2 } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
      ['serial', 'read_only'], ['total', 'read_only'], ['children', 'read_only'],
    ]);
  });

  it('filters on typed columns: money, multi-picklist membership, dates and booleans', async () => {
    const filter = { and: [{ '>': [{ var: 'price' }, '1000'] }, { in: ['a', { var: 'tags' }] }, { '==': [{ var: 'active' }, true] }, { '>=': [{ var: 'day' }, '2024-01-01'] }] };
    const res = await app.server.inject({ method: 'GET', url: `/api/records/specimen?filter=${encodeURIComponent(JSON.stringify(filter))}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.map((r: { title: string }) => r.title)).toEqual(['样例 1']);
  });
});

describe('a formula computed on read', () => {
  const gadget = (computeOn: 'read' | 'write') => ({
    kind: 'object', name: 'gadget', label: label('Gadget', '器件'),
    fields: [
      { name: 'price', type: 'money', label: label('Price') },
      { name: 'count', type: 'integer', label: label('Count') },
      { name: 'total', type: 'formula', returns: 'money', computeOn, expression: { '*': [{ var: 'price' }, { var: 'count' }] }, label: label('Total') },
    ],
  });

  it('has no column, is computed on every read, and can\'t be filtered on', async () => {
    expect((await deploy(app, [gadget('read')])).statusCode).toBe(200);
    const columns = await app.db.knex('information_schema.columns').where({ table_schema: 'data', table_name: 'gadget' }).pluck('column_name');
    expect(columns).not.toContain('total');
    const created = (await app.server.inject({ method: 'POST', url: '/api/records/gadget', payload: { price: '2.50', count: 4 } })).json();
    expect(created.total).toBe('10.00');
    const listed = (await app.server.inject({ method: 'GET', url: '/api/records/gadget?fields=total' })).json().data[0];
    expect(listed).toEqual({ id: created.id, version: 1, total: '10.00' });
    const filtered = await app.server.inject({ method: 'GET', url: `/api/records/gadget?filter=${encodeURIComponent('{">":[{"var":"total"},1]}')}` });
    expect(filtered.json().errors[0]).toMatchObject({ field: '/>/0/var', rule: 'not_filterable' });
  });

  it('becomes a stored column when switched to computeOn write', async () => {
    const res = await deploy(app, [gadget('write')]);
    expect(res.json().steps.map((s: { kind: string }) => s.kind)).toContain('add_column');
    const created = (await app.server.inject({ method: 'POST', url: '/api/records/gadget', payload: { price: '1.00', count: 3 } })).json();
    expect(created.total).toBe('3.00');
  });
});
