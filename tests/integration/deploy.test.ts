import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITAL_3A_BEDS_RULE, HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
const knex = () => app.db.knex;

type Field = { name: string; type: string; [key: string]: unknown };
const PHONE: Field = { name: 'phone', type: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } };
const clinic = (fields: Field[] = [], extra: object = {}) => ({
  kind: 'object',
  name: 'clinic',
  label: { 'zh-CN': '诊所', en: 'Clinic' },
  fields: [
    { name: 'name', type: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true },
    { name: 'staff', type: 'integer', label: { 'zh-CN': '人数', en: 'Staff' } },
    ...fields,
  ],
  ...extra,
});

async function snapshot() {
  const documents = await knex()('qd_metadata_documents').select('kind', 'name', 'layer', 'version').orderBy('id');
  const fields = await knex()('qd_schema_fields').select('*').orderBy(['object', 'field']);
  const columns = await knex()('information_schema.columns')
    .select('table_name', 'column_name', 'data_type')
    .where('table_schema', 'data')
    .orderBy(['table_name', 'column_name']);
  const indexes = await knex()('pg_indexes').select('indexname').where('schemaname', 'data').orderBy('indexname');
  return { documents, fields, columns, indexes };
}

const columnType = async (table: string, column: string) =>
  (await knex()('information_schema.columns').where({ table_schema: 'data', table_name: table, column_name: column }).first())?.data_type;
const relfilenode = async (table: string) =>
  (await knex().raw(`SELECT relfilenode FROM pg_class WHERE oid = 'data.${table}'::regclass`)).rows[0].relfilenode;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.dispose());

describe('deploying metadata', () => {
  it('deploys the DESIGN.md contract examples exactly as written, after a dry run that shows the SQL', async () => {
    const before = await snapshot();
    const dry = await deploy(app, [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE], { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().applied).toBe(false);
    const kinds = dry.json().steps.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(['create_table', 'add_foreign_key', 'add_index', 'add_index', 'add_index', 'add_index', 'save_document', 'save_document']);
    expect(dry.json().steps[0].sql[0]).toMatch(/^CREATE TABLE "data"\."hospital" \(.*"beds" integer/);
    expect(await snapshot()).toEqual(before);

    const real = await deploy(app, [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE]);
    expect(real.statusCode).toBe(200);
    expect(real.json().applied).toBe(true);
    expect(await columnType('hospital', 'opened_on')).toBe('date');
    const indexes = (await snapshot()).indexes.map((i) => i.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['hospital__code__uniq', 'hospital__region__level__idx', 'hospital__parent__idx']));
    const served = await app.server.inject({ method: 'GET', url: '/api/meta/object/hospital' });
    expect(served.json()).toEqual(HOSPITAL_OBJECT);
  });

  it('re-deploying the same documents is a no-op with no new versions', async () => {
    const res = await deploy(app, [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE]);
    expect(res.json().steps).toEqual([]);
  });

  it('changes only labels without DDL, and keeps every version of the document', async () => {
    const relabelled = { ...HOSPITAL_OBJECT, label: { 'zh-CN': '医疗机构', en: 'Healthcare facility' } };
    const res = await deploy(app, [relabelled]);
    const steps = res.json().steps;
    expect(steps.map((s: { kind: string }) => s.kind)).toEqual(['metadata_only', 'save_document']);
    expect(steps[0].description.en).toMatch(/^Label-only change/);
    expect(steps.flatMap((s: { sql: string[] }) => s.sql)).toEqual([]);
    const history = await app.server.inject({ method: 'GET', url: '/api/meta/object/hospital/history' });
    expect(history.json().data.map((v: { version: number; layer: string }) => [v.layer, v.version])).toEqual([['custom', 2], ['custom', 1]]);
    expect(history.json().data[1].body.label.en).toBe('Hospital');
  });

  it('adds a column to an existing table without rewriting it', async () => {
    expect((await deploy(app, [clinic()])).statusCode).toBe(200);
    await knex().raw(`INSERT INTO data.clinic (id, name, staff) SELECT gen_random_uuid(), 'c' || g, g FROM generate_series(1, 1000) g`);
    const before = await relfilenode('clinic');
    const res = await deploy(app, [clinic([PHONE])]);
    expect(res.json().steps.map((s: { kind: string }) => s.kind)).toEqual(['add_column', 'save_document']);
    expect(await columnType('clinic', 'phone')).toBe('text');
    expect(await relfilenode('clinic')).toBe(before);
  });

  it('marks the steps that scan or rewrite a large table as slow, with its estimated rows, and not on a small one', async () => {
    const ledger = (staffType: string, extra: object = {}) => ({
      ...clinic([], extra), name: 'ledger', fields: clinic().fields.map((f) => (f.name === 'staff' ? { ...f, type: staffType } : f)),
    });
    expect((await deploy(app, [ledger('integer')])).statusCode).toBe(200);
    const change = [ledger('number', { indexes: [{ fields: ['staff'] }] })];
    const small = await deploy(app, change, { dryRun: true });
    expect(small.json().steps.filter((s: { risk?: unknown }) => s.risk)).toEqual([]);

    await knex().raw(`INSERT INTO data.ledger (id, name, staff) SELECT gen_random_uuid(), 'l' || g, g FROM generate_series(1, 120000) g`);
    await knex().raw('ANALYZE data.ledger');
    const large = await deploy(app, change, { dryRun: true });
    const risky = large.json().steps.filter((s: { risk?: unknown }) => s.risk) as { kind: string; risk: { level: string; rows: number; reason: { en: string } } }[];
    expect(risky.map((s) => [s.kind, s.risk.level])).toEqual([['alter_type', 'slow'], ['add_index', 'slow']]);
    expect(risky[0].risk.rows).toBeGreaterThan(100_000);
    expect(risky[0].risk.reason.en).toContain('rewrites the whole table');
  });

  it('adds the first field to an object deployed with none', async () => {
    const empty = { ...clinic(), name: 'bare', fields: [] };
    expect((await deploy(app, [empty])).statusCode).toBe(200);
    const res = await deploy(app, [{ ...empty, fields: [PHONE] }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps.map((s: { kind: string }) => s.kind)).toEqual(['add_column', 'save_document']);
    expect(await columnType('bare', 'phone')).toBe('text');
  });

  it('widens a type with a USING cast, and refuses a lossy change unless forced', async () => {
    const withPhone = clinic([PHONE]);
    const staffAsNumber = { ...withPhone, fields: withPhone.fields.map((f) => (f.name === 'staff' ? { ...f, type: 'number' } : f)) };
    const widened = await deploy(app, [staffAsNumber]);
    expect(widened.statusCode).toBe(200);
    expect(widened.json().steps[0].sql[0]).toContain('TYPE double precision USING "staff"::double precision');
    expect(await columnType('clinic', 'staff')).toBe('double precision');

    const narrowing = clinic([PHONE]);
    const before = await snapshot();
    const refused = await deploy(app, [narrowing]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('LOSSY_CHANGE');
    expect(refused.json().errors[0]).toMatchObject({ field: 'object:clinic/fields/staff', rule: 'lossy_change' });
    expect(await snapshot()).toEqual(before);

    const forced = await deploy(app, [narrowing], { force: true });
    expect(forced.statusCode).toBe(200);
    expect(await columnType('clinic', 'staff')).toBe('integer');
  });

  it('soft-removes a field (column and data kept, field hidden) and restores it by deploying it again', async () => {
    const withPhone = clinic([PHONE]);
    const created = await app.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name: '社区诊所', phone: '13800138000' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    const removal = await deploy(app, [clinic()]);
    expect(removal.json().steps.map((s: { kind: string }) => s.kind)).toEqual(['soft_remove_field', 'save_document']);
    expect(await columnType('clinic', 'phone')).toBe('text');
    const hidden = await app.server.inject({ method: 'GET', url: `/api/records/clinic/${id}` });
    expect(hidden.json()).not.toHaveProperty('phone');
    const refused = await app.server.inject({ method: 'PATCH', url: `/api/records/clinic/${id}`, payload: { phone: '1' } });
    expect(refused.json().errors[0]).toMatchObject({ field: 'phone', rule: 'unknown_field' });

    const restore = await deploy(app, [withPhone]);
    expect(restore.json().steps.map((s: { kind: string }) => s.kind)).toEqual(['restore_field', 'save_document']);
    const back = await app.server.inject({ method: 'GET', url: `/api/records/clinic/${id}` });
    expect(back.json().phone).toBe('13800138000');
  });

  it('renames a column when the field says renamedFrom, keeping the data', async () => {
    const renamed = clinic([{ ...PHONE, name: 'telephone', renamedFrom: 'phone' }]);
    const res = await deploy(app, [renamed]);
    expect(res.json().steps[0]).toMatchObject({ kind: 'rename_column', sql: ['ALTER TABLE "data"."clinic" RENAME COLUMN "phone" TO "telephone"'] });
    const rows = await app.server.inject({ method: 'GET', url: '/api/records/clinic?filter=' + encodeURIComponent('{"==":[{"var":"telephone"},"13800138000"]}') });
    expect(rows.json().data).toHaveLength(1);
  });

  it('refuses bad metadata with every problem named, in the language asked for, and changes nothing', async () => {
    const before = await snapshot();
    const bad = {
      kind: 'object',
      name: 'Bad-Name',
      label: { 'zh-CN': '坏', en: 'Bad' },
      fields: [{ name: 'x', type: 'lookup', target: 'nowhere', label: { 'zh-CN': 'x', en: 'x' } }],
    };
    const res = await app.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents: [bad] }, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('METADATA_INVALID');
    expect(res.json().errors[0]).toMatchObject({ field: '/documents/0/name', rule: 'bad_name' });
    expect(res.json().errors[0].message).toBe('name must start with a lowercase letter and contain only a-z, 0-9 and _, at most 48 characters');

    const semantic = await deploy(app, [{ ...bad, name: 'bad_lookup', indexes: [{ fields: ['ghost'] }] }]);
    const fields = semantic.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['object:bad_lookup/fields/0/target', 'object:bad_lookup/indexes/0/fields/0']));
    const picklist = await deploy(app, [clinic([{ name: 'kind', type: 'picklist', label: { 'zh-CN': '类', en: 'Kind' } }])]);
    expect(picklist.json().errors[0]).toMatchObject({ field: 'object:clinic/fields/2/options', rule: 'missing_options' });
    expect(await snapshot()).toEqual(before);
  });

  it('rolls the whole deploy back when a statement fails (a unique index over duplicate data)', async () => {
    await knex().raw(`UPDATE data.clinic SET name = 'same'`);
    const before = await snapshot();
    const uniqueName = clinic().fields.map((f) => (f.name === 'name' ? { ...f, unique: true } : f));
    const res = await deploy(app, [{ ...clinic(), fields: [...uniqueName, { name: 'note', type: 'text', label: { 'zh-CN': '备注', en: 'Note' } }] }]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DEPLOY_FAILED');
    expect(res.json().detail).toMatch(/clinic__name__uniq/);
    expect(await snapshot()).toEqual(before);
  });

  it('deletes a document from the custom layer while keeping its table and data', async () => {
    const res = await app.server.inject({ method: 'DELETE', url: '/api/meta/validationRule/hospital_3a_beds' });
    expect(res.statusCode).toBe(200);
    expect(res.json().steps.map((s: { kind: string }) => s.kind)).toEqual(['save_document']);
    const rules = await app.server.inject({ method: 'GET', url: '/api/meta/validationRule' });
    expect(rules.json().data).toEqual([]);
    const missing = await app.server.inject({ method: 'DELETE', url: '/api/meta/validationRule/hospital_3a_beds' });
    expect(missing.statusCode).toBe(404);
  });
});
