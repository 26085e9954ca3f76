import { describe, it, expect } from 'vitest';
import type { LayoutDoc, ObjectDoc } from '../../../metadata/src/types.ts';
import { hospitalObject } from '../../../metadata/src/fixtures/contract-examples.ts';
import { openApiErrors } from '../../../tests/helpers/openapi-lint.ts';
import { buildOpenApi } from './openapi.ts';
import { MONEY_PATTERN } from './openapi-schemas.ts';

const hospital = hospitalObject;

const label = (en: string) => ({ 'zh-CN': en, en });
const options = [
  { value: 'a', label: label('A') },
  { value: 'b', label: label('B'), active: false },
];

const dealerContact: ObjectDoc = {
  kind: 'object', name: 'dealer_contact', label: { 'zh-CN': '经销商联系人', en: 'Dealer contact' },
  description: { en: 'A person at a dealer' },
  fields: [
    { name: 'full_name', type: 'text', label: label('Full name'), required: true, minLength: 1, pattern: '^\\S' },
    { name: 'notes', type: 'long_text', label: label('Notes') },
    { name: 'bio', type: 'rich_text', label: label('Bio') },
    { name: 'score', type: 'number', label: label('Score'), min: 0, max: 10 },
    { name: 'age', type: 'integer', label: label('Age') },
    { name: 'credit', type: 'money', label: label('Credit'), required: true },
    { name: 'share', type: 'percent', label: label('Share') },
    { name: 'active', type: 'boolean', label: label('Active'), default: true },
    { name: 'born_on', type: 'date', label: label('Born on') },
    { name: 'seen_at', type: 'datetime', label: label('Seen at') },
    { name: 'grade', type: 'picklist', label: label('Grade'), options },
    { name: 'tags', type: 'multi_picklist', label: label('Tags'), options },
    { name: 'hospital', type: 'lookup', target: 'hospital', label: label('Hospital') },
    { name: 'dealer', type: 'master_detail', target: 'dealer', label: label('Dealer'), required: true },
    { name: 'email', type: 'email', label: label('Email') },
    { name: 'phone', type: 'phone', label: label('Phone') },
    { name: 'site', type: 'url', label: label('Site') },
    { name: 'region', type: 'region', label: label('Region') },
    { name: 'location', type: 'geo_point', label: label('Location') },
    { name: 'photo', type: 'image', label: label('Photo') },
    { name: 'contract', type: 'file', label: label('Contract') },
    { name: 'number', type: 'autonumber', label: label('Number'), format: 'DC-{000000}' },
    { name: 'double_credit', type: 'formula', returns: 'money', expression: { '*': [{ var: 'credit' }, 2] }, label: label('Double') },
    { name: 'visits', type: 'rollup', returns: 'integer', of: 'visit', via: 'contact', aggregate: 'count', label: label('Visits') },
    { name: 'fax', type: 'phone', label: label('Fax'), removed: true },
  ],
};

const hospitalLayout: LayoutDoc = {
  kind: 'layout', name: 'hospital_layout', label: label('Hospital layout'), object: 'hospital',
  listViews: [{ name: 'large', label: label('Large'), columns: ['name'], filter: { '>=': [{ var: 'beds' }, 1000] } }],
};

const doc = buildOpenApi([hospital, dealerContact], { version: '1.2.3', serverUrl: 'https://crm.example.cn', layouts: [hospitalLayout] });
type Schema = { type?: unknown; enum?: unknown[]; pattern?: string; format?: string; required?: string[]; readOnly?: boolean; properties: Record<string, Schema>; items?: Schema };
const schemas = (doc.components as { schemas: Record<string, Schema> }).schemas;
const paths = doc.paths as Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, unknown> }> }>>;

describe('buildOpenApi', () => {
  it('is a valid OpenAPI 3.1 document with no lint errors', async () => {
    const errors = await openApiErrors(doc);
    expect(errors.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('fails the lint when the document is structurally broken', async () => {
    const broken = { ...doc, paths: { '/x': { get: { responses: { '200': { content: {} } } } } } };
    const errors = await openApiErrors(broken);
    expect(errors.some((p) => p.ruleId === 'struct')).toBe(true);
  });

  it('has the header a client reads first', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Qudao API', version: '1.2.3' });
    expect(doc.servers).toEqual([{ url: 'https://crm.example.cn' }]);
    expect(buildOpenApi([], { version: '1' }).servers).toBeUndefined();
    expect((doc.tags as { name: string }[]).map((t) => t.name)).toEqual(['dealer_contact', 'hospital', 'Health', 'Metadata', 'Plugins', 'Files', 'Letters', 'UI']);
  });

  it('names every operation', () => {
    const ids = Object.values(paths).flatMap((item) => Object.values(item).map((op) => op.operationId)).filter(Boolean);
    for (const verb of ['list', 'create', 'get', 'update', 'delete', 'restore', 'history']) {
      expect(ids).toContain(`${verb}Hospital`);
      expect(ids).toContain(`${verb}DealerContact`);
    }
    for (const id of ['listMetadata', 'getMetadata', 'putMetadata', 'deleteMetadata', 'deployMetadata', 'health', 'ready']) {
      expect(ids).toContain(id);
    }
    expect(paths['/api/records/hospital/{id}'].patch.operationId).toBe('updateHospital');
  });

  it('offers an object\'s list views as the values of its `view` parameter', () => {
    const view = (object: string) => (paths[`/api/records/${object}`].get as { parameters: { name?: string; $ref?: string; schema?: Schema }[] })
      .parameters.find((p) => p.name === 'view' || p.$ref === '#/components/parameters/view');
    expect(view('hospital')?.schema?.enum).toEqual(['hospital_layout.large']);
    expect(view('dealer_contact')).toEqual({ $ref: '#/components/parameters/view' });
  });

  it('answers errors as problem+json and successes as json', () => {
    const responses = Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => Object.entries(op.responses ?? {})));
    for (const [status, response] of responses) {
      if (!response.content) continue;
      expect(Object.keys(response.content)).toEqual([Number(status) >= 400 ? 'application/problem+json' : 'application/json']);
    }
    expect(paths['/api/records/hospital'].post.responses?.['201']).toBeDefined();
  });

  it('describes the hospital as DESIGN.md defines it', () => {
    expect(schemas.HospitalInput.required).toEqual(['name']);
    expect(schemas.Hospital.properties.level.enum).toEqual(['3A', '3B', null]);
    expect(schemas.HospitalInput.properties.name).toMatchObject({ type: 'string', maxLength: 200, title: 'Name' });
    expect(schemas.HospitalInput.properties.level).toMatchObject({ type: ['string', 'null'], enum: ['3A', '3B', null] });
    expect(schemas.HospitalInput.properties.region.pattern).toBe('^\\d{6}$');
    expect(schemas.HospitalInput.properties.parent).toMatchObject({ type: ['string', 'null'], format: 'uuid' });
    expect(schemas.Hospital.properties.deleted_at.type).toEqual(['string', 'null']);
    expect(schemas.HospitalPatch.required).toBeUndefined();
    expect(schemas.HospitalPatch.properties.version.type).toBe('integer');
  });

  it('maps every field type', () => {
    const record = schemas.DealerContact.properties;
    const input = schemas.DealerContactInput.properties;
    expect(input.credit).toMatchObject({ type: 'string', pattern: MONEY_PATTERN });
    expect(new RegExp(MONEY_PATTERN).test('1234.50') && !new RegExp(MONEY_PATTERN).test('1e3')).toBe(true);
    expect(record.double_credit).toMatchObject({ type: ['string', 'null'], pattern: MONEY_PATTERN, readOnly: true });
    expect(record.visits).toMatchObject({ type: ['integer', 'null'], readOnly: true });
    expect(record.number).toMatchObject({ type: 'string', readOnly: true });
    expect(input.email.format).toBe('email');
    expect(input.site.format).toBe('uri');
    expect(input.location.properties.lat.type).toBe('number');
    expect(input.tags.items?.enum).toEqual(['a']);
    expect(record.tags.items?.enum).toEqual(['a', 'b']);
    expect(input.photo.format).toBe('uuid');
    expect(schemas.DealerContactInput.required).toEqual(['full_name', 'credit', 'dealer']);
  });

  it('keeps the platform schemas when an object name would clash with one', () => {
    const problem: ObjectDoc = { kind: 'object', name: 'problem', label: label('Problem'), fields: [] };
    const clashing = buildOpenApi([problem], { version: '1' });
    const names = Object.keys((clashing.components as { schemas: object }).schemas);
    expect(names).toEqual(expect.arrayContaining(['Problem', 'ProblemRecord', 'ProblemRecordInput']));
    expect((clashing.components as { schemas: Record<string, Schema> }).schemas.Problem.properties.code).toBeDefined();
  });

  it('leaves out removed and computed fields where they do not belong', () => {
    expect(schemas.DealerContact.properties.fax).toBeUndefined();
    expect(schemas.DealerContactInput.properties.fax).toBeUndefined();
    for (const computed of ['number', 'double_credit', 'visits']) {
      expect(schemas.DealerContactInput.properties[computed]).toBeUndefined();
      expect(schemas.DealerContactPatch.properties[computed]).toBeUndefined();
    }
  });
});
