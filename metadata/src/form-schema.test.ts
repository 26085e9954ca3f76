import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildFormSchema } from './form-schema.ts';
import type { UiField, UiSection } from './ui-contract.ts';

const field = (name: string, type: UiField['type'], extra: Partial<UiField> = {}): UiField => ({
  name, type, label: { 'zh-CN': `${name}（中）`, en: `${name} (en)` }, required: false, readOnly: false, filterable: true, ...extra,
});

const FIELDS: UiField[] = [
  field('name', 'text', { required: true, maxLength: 200, minLength: 2, description: { 'zh-CN': '全称', en: 'Full name' } }),
  field('credit_code', 'text', { required: true, pattern: '^[0-9A-Z]{18}$' }),
  field('notes', 'long_text'),
  field('beds', 'integer', { min: 0, max: 5000 }),
  field('level', 'picklist', { options: [
    { value: '3A', label: { 'zh-CN': '三甲', en: 'Grade 3A' } },
    { value: '2A', label: { 'zh-CN': '二甲', en: 'Grade 2A' }, active: false },
  ] }),
  field('scopes', 'multi_picklist', { options: [{ value: 'I', label: { 'zh-CN': '一类', en: 'Class I' } }] }),
  field('parent', 'lookup', { target: 'hospital', targetTitleField: 'name' }),
  field('code', 'autonumber', { readOnly: true }),
  field('total', 'formula', { readOnly: true, returns: 'money' }),
  field('manager', 'text', { readOnly: true }),
  field('active', 'boolean'),
  field('opened_on', 'date'),
  field('region', 'region'),
  field('site', 'geo_point'),
];
const SECTIONS: UiSection[] = [
  { name: 'a', label: { 'zh-CN': '甲', en: 'A' }, columns: 2, fields: ['credit_code', 'name'] },
  { name: 'b', label: { 'zh-CN': '乙', en: 'B' }, columns: 1, fields: ['level', 'gone'] },
];

function compile(schema: object) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

describe('buildFormSchema', () => {
  const { schema, uiSchema } = buildFormSchema(FIELDS, SECTIONS, 'zh-CN');
  const props = schema.properties as Record<string, Record<string, unknown>>;

  it('derives a draft-07 schema ajv compiles, with titles in the locale and the required list', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['name', 'credit_code']);
    expect(props.name).toMatchObject({ title: 'name（中）', type: 'string', maxLength: 200, minLength: 2 });
    expect(buildFormSchema(FIELDS, SECTIONS, 'en').schema.properties).toMatchObject({ name: { title: 'name (en)' } });
    const validate = compile(schema);
    expect(validate({ name: '协和医院', credit_code: '91110000100000000A', beds: null, level: null })).toBe(true);
    expect(validate({ name: '协', credit_code: 'x', beds: -1, level: '2A', region: '11' })).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath).sort()).toEqual(['/beds', '/credit_code', '/level', '/name', '/region']);
  });

  it('lets an optional value be null and a required one not', () => {
    expect(props.beds.type).toEqual(['integer', 'null']);
    expect(props.beds).toMatchObject({ minimum: 0, maximum: 5000 });
    expect(props.name.type).toBe('string');
    expect(props.level.enum).toEqual(['3A', null]);
    expect(compile(schema)({ name: 'ab', credit_code: '91110000100000000A', site: null, opened_on: null })).toBe(true);
  });

  it('offers active picklist options with their labels; a read-only field keeps inactive ones', () => {
    expect(uiSchema.level).toEqual({ 'ui:widget': 'select', 'ui:enumNames': ['三甲', ''] });
    expect(props.scopes).toMatchObject({ type: ['array', 'null'], items: { enum: ['I'] } });
    const readOnly = buildFormSchema([{ ...FIELDS[4], readOnly: true }], [], 'en');
    expect((readOnly.schema.properties as any).level.enum).toEqual(['3A', '2A', null]);
  });

  it('orders fields by the layout, then the rest, and names a widget per type', () => {
    expect(uiSchema['ui:order']).toEqual([
      'credit_code', 'name', 'level', 'notes', 'beds', 'scopes', 'parent', 'code', 'total', 'manager', 'active', 'opened_on', 'region', 'site', '*',
    ]);
    const widgets = Object.fromEntries(FIELDS.map((f) => [f.name, (uiSchema[f.name] as any)['ui:widget']]));
    expect(widgets).toEqual({
      name: 'text', credit_code: 'text', notes: 'textarea', beds: 'integer', level: 'select', scopes: 'multiselect', parent: 'lookup',
      code: 'readonly', total: 'readonly', manager: 'text', active: 'checkbox', opened_on: 'date', region: 'region', site: 'geo',
    });
    expect(uiSchema.parent).toMatchObject({ 'ui:options': { target: 'hospital', targetTitleField: 'name' } });
    expect(uiSchema.name).toMatchObject({ 'ui:help': '全称' });
  });

  it('marks read-only fields, computed ones typed by what they return', () => {
    expect(uiSchema.manager).toMatchObject({ 'ui:readonly': true });
    expect(props.manager.readOnly).toBe(true);
    expect(uiSchema.total).toMatchObject({ 'ui:readonly': true, 'ui:options': { returns: 'money' } });
    expect(props.total.type).toEqual(['string', 'number', 'null']);
    expect(props.code.type).toEqual(['string', 'null']);
    expect(schema.required).not.toContain('code');
  });
});
