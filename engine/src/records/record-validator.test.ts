import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDoc, ValidationRuleDoc } from '../../../metadata/src/types.ts';
import { hospitalObject as hospital, hospital3aBedsRule as hospital3aBeds } from '../../../metadata/src/fixtures/contract-examples.ts';
import { buildRecordValidator } from './record-validator.ts';

const validator = buildRecordValidator(hospital, [hospital3aBeds]);
const UUID = '0190b7a4-9e3c-7d2a-8f1e-2b3c4d5e6f70';
const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const rulesOf = (result: { errors: { field: string; rule: string }[] }) => result.errors.map((e) => `${e.field}:${e.rule}`);

const kitchenSink: ObjectDoc = {
  kind: 'object', name: 'dealer', label: label('Dealer', '经销商'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称'), minLength: 2, pattern: '^[^!]*$' },
    { name: 'amount', type: 'money', label: label('Amount', '金额') },
    { name: 'active', type: 'boolean', label: label('Active', '启用'), default: true },
    { name: 'tags', type: 'multi_picklist', label: label('Tags', '标签'), default: ['a'], options: [
      { value: 'a', label: label('A') }, { value: 'b', label: label('B') }, { value: 'old', label: label('Old'), active: false }] },
    { name: 'tier', type: 'picklist', label: label('Tier', '级别'), default: 'gold', options: [
      { value: 'gold', label: label('Gold', '金') }, { value: 'retired', label: label('Retired', '停用'), active: false }] },
    { name: 'email', type: 'email', label: label('Email', '邮箱') },
    { name: 'site', type: 'url', label: label('Site', '网址') },
    { name: 'phone', type: 'phone', label: label('Phone', '电话') },
    { name: 'where', type: 'geo_point', label: label('Location', '位置') },
    { name: 'seen_at', type: 'datetime', label: label('Seen at', '访问时间') },
    { name: 'share', type: 'percent', label: label('Share', '占比'), max: 100 },
    { name: 'logo', type: 'image', label: label('Logo', '标志') },
    { name: 'no', type: 'autonumber', label: label('No.', '编号'), format: 'D-{0000}' },
    { name: 'total', type: 'formula', label: label('Total', '合计'), returns: 'money', expression: { var: 'amount' } },
    { name: 'lines', type: 'rollup', label: label('Lines', '行数'), returns: 'integer', of: 'line', via: 'dealer', aggregate: 'count' },
    { name: 'fax', type: 'phone', label: label('Fax', '传真'), removed: true },
    { name: 'expr_default', type: 'text', label: label('Expr'), default: { cat: ['x'] } },
  ],
};
const sink = buildRecordValidator(kitchenSink, []);

describe('the request body', () => {
  it.each([null, [], 'x', 3])('refuses %j as not an object', (body) => {
    expect(rulesOf(validator.validateCreate(body))).toEqual([':not_an_object']);
    expect(rulesOf(validator.validateUpdate(body, {}))).toEqual([':not_an_object']);
  });

  it('names unknown, removed, system and computed keys instead of dropping them', () => {
    const result = sink.validateCreate({ name: 'ok', nope: 1, fax: '123456', id: UUID, version: 2, no: 'D-1', total: 1, lines: 2 });
    expect(rulesOf(result)).toEqual([
      'nope:unknown_field', 'fax:unknown_field', 'id:read_only', 'version:read_only', 'no:read_only', 'total:read_only', 'lines:read_only',
    ]);
    expect(result.errors[5].message).toEqual({ 'zh-CN': '「合计」为只读字段，不能写入', en: 'Total is read-only' });
  });

  it('treats an own "__proto__" key as an unknown field', () => {
    expect(rulesOf(validator.validateCreate(JSON.parse('{"name": "A", "__proto__": {"x": 1}}')))).toEqual(['__proto__:unknown_field']);
  });
});

describe('hospital: the DESIGN.md contract', () => {
  it('accepts a valid record and coerces form strings', () => {
    const result = validator.validateCreate({ name: '北京协和医院', level: '3A', beds: '2000', region: '110101', opened_on: '1921-09-16', parent: UUID, code: '' });
    expect(result).toEqual({
      values: { name: '北京协和医院', level: '3A', beds: 2000, region: '110101', opened_on: '1921-09-16', parent: UUID, code: '' },
      errors: [],
    });
  });

  it('reports every failing field at once, named by its label', () => {
    const result = validator.validateCreate({ name: 'x'.repeat(201), level: '3C', beds: -1, region: '1101', opened_on: '2024-02-30', parent: 'p-1' });
    expect(rulesOf(result)).toEqual([
      'opened_on:format', 'name:max_length', 'level:picklist', 'region:format', 'beds:min', 'parent:format',
    ]);
    const byField = Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
    expect(byField.beds).toEqual({ 'zh-CN': '「床位数」不能小于 0', en: 'Beds must be at least 0' });
    expect(byField.name).toEqual({ 'zh-CN': '「医院名称」不能超过 200 个字符', en: 'Name must be at most 200 characters' });
    expect(byField.level).toEqual({ 'zh-CN': '「等级」的值必须是以下之一：三甲（3A）、三乙（3B）', en: 'Level must be one of: 3A, 3B' });
  });

  it('requires name on create: missing, null or empty', () => {
    for (const body of [{}, { name: null }, { name: '' }]) {
      const result = validator.validateCreate(body);
      expect(result.errors).toEqual([{ field: 'name', rule: 'required', message: { 'zh-CN': '「医院名称」为必填项', en: 'Name is required' } }]);
    }
  });

  it('requires name on update only when the patch clears it', () => {
    const current = { id: UUID, name: 'A', level: '3B', beds: 10, version: 3 };
    expect(validator.validateUpdate({ beds: 20 }, current)).toEqual({ values: { beds: 20 }, errors: [] });
    expect(rulesOf(validator.validateUpdate({ name: null }, current))).toEqual(['name:required']);
  });

  it('checks integers: whole, int4, from strings', () => {
    expect(rulesOf(validator.validateCreate({ name: 'A', beds: 1.5 }))).toEqual(['beds:type']);
    expect(rulesOf(validator.validateCreate({ name: 'A', beds: 3_000_000_000 }))).toEqual(['beds:type']);
    expect(validator.validateCreate({ name: 'A', beds: '' }).values.beds).toBeNull();
  });

  it('runs hospital_3a_beds with its message', () => {
    const result = validator.validateCreate({ name: 'A', level: '3A', beds: 100 });
    expect(result.errors).toEqual([{
      field: 'beds', rule: 'hospital_3a_beds',
      message: { 'zh-CN': '三甲医院床位数不少于 500 张', en: 'A grade 3A hospital has at least 500 beds' },
    }]);
    expect(validator.validateCreate({ name: 'A', level: '3B', beds: 100 }).errors).toEqual([]);
  });

  it('runs rules on update against the stored row merged with the patch', () => {
    const current = { name: 'A', level: '3B', beds: 100 };
    expect(rulesOf(validator.validateUpdate({ level: '3A' }, current))).toEqual(['beds:hospital_3a_beds']);
    expect(rulesOf(validator.validateUpdate({ level: '3A', beds: 600 }, current))).toEqual([]);
  });

  it('runs no rule while a field is invalid', () => {
    expect(rulesOf(validator.validateCreate({ name: 'A', level: '3A', beds: 'many' }))).toEqual(['beds:type']);
  });
});

describe('field types', () => {
  it('coerces and checks money, booleans, multi-picklists, points and datetimes', () => {
    const result = sink.validateCreate({
      name: 'Acme', amount: '1200.5', active: '否', tags: 'a;b', where: '31.23,121.47', seen_at: '2024-03-01T08:00:00+08:00', share: '40',
    });
    expect(result).toEqual({
      values: {
        name: 'Acme', amount: '1200.50', active: false, tags: ['a', 'b'], where: { lat: 31.23, lng: 121.47 },
        seen_at: '2024-03-01T00:00:00.000Z', share: 40, tier: 'gold',
      },
      errors: [],
    });
  });

  it('maps each type problem to its rule', () => {
    const result = sink.validateCreate({
      name: 'A', amount: '1.234', active: 'maybe', tags: ['a', 'zzz'], email: 'not-an-email', site: 'javascript:alert(1)',
      where: '100,0', seen_at: '2024-03-01', share: 101, logo: 'logo.png',
    });
    expect(rulesOf(result)).toEqual([
      'amount:scale', 'active:type', 'where:format', 'seen_at:format',
      'name:min_length', 'tags:picklist', 'email:format', 'site:format', 'share:max', 'logo:format',
    ]);
    expect(result.errors.find((e) => e.field === 'amount')?.message.en).toBe('Amount allows at most 2 decimal places');
  });

  it('checks the text pattern', () => {
    expect(rulesOf(sink.validateCreate({ name: 'Hi!' }))).toEqual(['name:pattern']);
  });

  it.each([
    ['13800138000', true], ['138 0013 8000', true], ['+86 138-0013-8000', true], ['010-6529 5114', true],
    ['(021) 6466 2000', true], ['+1 (415) 555-0100', true], ['1380013800', false], ['+86 1380013800', false],
    ['1234', false], ['call me', false], ['12345678901234567890123', false],
  ])('checks the phone %s', (phone, ok) => {
    expect(rulesOf(sink.validateCreate({ phone }))).toEqual(ok ? [] : ['phone:format']);
  });

  it('fills static defaults on create only, and never expression defaults', () => {
    expect(sink.validateCreate({}).values).toEqual({ active: true, tags: ['a'], tier: 'gold' });
    expect(sink.validateCreate({ tier: null, active: false }).values).toEqual({ tier: null, active: false, tags: ['a'] });
    expect(sink.validateUpdate({ name: 'Zed' }, {}).values).toEqual({ name: 'Zed' });
  });

  it('gives each create its own copy of an array default', () => {
    (sink.validateCreate({}).values.tags as string[]).push('b');
    expect(sink.validateCreate({}).values.tags).toEqual(['a']);
  });

  it('refuses an inactive option on a new value but keeps it when unchanged', () => {
    expect(rulesOf(sink.validateCreate({ tier: 'retired' }))).toEqual(['tier:picklist']);
    expect(rulesOf(sink.validateCreate({ tags: ['old'] }))).toEqual(['tags:picklist']);
    const current = { tier: 'retired', tags: ['old', 'a'] };
    expect(sink.validateUpdate({ tier: 'retired', tags: ['old', 'b'] }, current).errors).toEqual([]);
    expect(rulesOf(sink.validateUpdate({ tier: 'retired' }, { tier: 'gold' }))).toEqual(['tier:picklist']);
    const message = sink.validateCreate({ tier: 'retired' }).errors[0].message;
    expect(message).toEqual({ 'zh-CN': '「级别」的值必须是以下之一：金（gold）', en: 'Tier must be one of: gold' });
  });
});

describe('validation rules', () => {
  const rule = (name: string, errorWhen: unknown, extra: Partial<ValidationRuleDoc> = {}): ValidationRuleDoc => ({
    kind: 'validationRule', name, object: 'hospital', errorWhen, message: label('{{name}} has {{beds}} beds', '{{name}} 只有 {{beds}} 张床'), ...extra,
  });

  it('renders the message with the candidate record and defaults the field to _record', () => {
    const v = buildRecordValidator(hospital, [rule('few_beds', { '<': [{ var: 'beds' }, 10] })]);
    expect(v.validateCreate({ name: 'A', beds: '5' }).errors).toEqual([
      { field: '_record', rule: 'few_beds', message: { 'zh-CN': 'A 只有 5 张床', en: 'A has 5 beds' } },
    ]);
  });

  it('skips inactive rules', () => {
    const v = buildRecordValidator(hospital, [rule('off', true, { active: false })]);
    expect(v.validateCreate({ name: 'A' }).errors).toEqual([]);
  });

  it('turns a rule that throws into rule_failed', () => {
    const v = buildRecordValidator(hospital, [rule('broken', { no_such_op: [1] }, { field: 'beds' }), rule('fine', false)]);
    expect(rulesOf(v.validateCreate({ name: 'A' }))).toEqual(['beds:rule_failed']);
  });

  it('cannot reach the prototype chain from a rule', () => {
    const v = buildRecordValidator(hospital, [rule('proto', { '!=': [{ var: 'name.constructor.constructor' }, null] })]);
    expect(v.validateCreate({ name: 'A' }).errors).toEqual([]);
  });
});

describe('any payload', () => {
  const fieldNames = [...hospital.fields, ...kitchenSink.fields].map((f: FieldDef) => f.name);
  const key = fc.oneof(fc.constantFrom(...fieldNames, 'id', 'version', '__proto__', 'constructor'), fc.string());
  const payload = fc.oneof(fc.dictionary(key, fc.jsonValue(), { maxKeys: 12 }), fc.jsonValue());

  it('never throws and answers with values or errors naming fields', () => {
    fc.assert(fc.property(payload, fc.dictionary(key, fc.jsonValue()), (body, current) => {
      for (const v of [validator, sink]) {
        for (const result of [v.validateCreate(body), v.validateUpdate(body, current)]) {
          expect(typeof result.values).toBe('object');
          for (const e of result.errors) {
            expect(typeof e.field).toBe('string');
            expect(typeof e.rule).toBe('string');
            expect(typeof e.message['zh-CN']).toBe('string');
            expect(typeof e.message.en).toBe('string');
          }
          if (result.errors.length === 0) expect(Object.keys(result.values).every((k) => fieldNames.includes(k))).toBe(true);
        }
      }
    }), { numRuns: 500 });
  });
});
