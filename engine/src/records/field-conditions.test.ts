import { describe, expect, it } from 'vitest';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { buildRecordValidator } from './record-validator.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const order: ObjectDoc = {
  kind: 'object',
  name: 'sales_order',
  label: label('Order', '订单'),
  fields: [
    { name: 'status', type: 'picklist', label: label('Status', '状态'), options: [{ value: 'draft', label: label('Draft') }, { value: 'confirmed', label: label('Confirmed') }] },
    { name: 'amount', type: 'money', label: label('Amount', '金额') },
    { name: 'tender_no', type: 'text', label: label('Tender number', '招标编号'), requiredWhen: { '>=': [{ var: 'amount' }, 100000] } },
    { name: 'discount', type: 'percent', label: label('Discount', '折扣'), readOnlyWhen: { '==': [{ var: 'status' }, 'confirmed'] } },
    { name: 'reference', type: 'text', label: label('Reference', '参考号'), defaultExpression: { cat: ['ORD-', { var: 'status' }] } },
  ],
};
const validator = buildRecordValidator(order, []);
const rules = (result: { errors: { field: string; rule: string }[] }) => result.errors.map((e) => `${e.field}:${e.rule}`);

describe('conditional field rules', () => {
  it('requires a field only while its condition holds', () => {
    expect(rules(validator.validateCreate({ status: 'draft', amount: '99999' }))).toEqual([]);
    const big = validator.validateCreate({ status: 'draft', amount: '150000' });
    expect(rules(big)).toEqual(['tender_no:required']);
    expect(big.errors[0].message['zh-CN']).toBe('「招标编号」为必填项');
    expect(rules(validator.validateUpdate({ amount: '200000' }, { status: 'draft', amount: '10.00', tender_no: null }))).toEqual(['tender_no:required']);
  });

  it('refuses a change to a field while it is read-only, but accepts the same value', () => {
    const confirmed = { status: 'confirmed', amount: '10.00', discount: 5 };
    expect(rules(validator.validateUpdate({ discount: 10 }, confirmed))).toEqual(['discount:read_only']);
    expect(rules(validator.validateUpdate({ discount: 5 }, confirmed))).toEqual([]);
    expect(rules(validator.validateUpdate({ discount: 10 }, { ...confirmed, status: 'draft' }))).toEqual([]);
  });

  it('computes a default from the other fields of a new record, unless one is given', () => {
    expect(validator.validateCreate({ status: 'draft' }).values.reference).toBe('ORD-draft');
    expect(validator.validateCreate({ status: 'draft', reference: 'MINE' }).values.reference).toBe('MINE');
  });
});

describe('rules that compare with the record before the write', () => {
  it('see the prior value through `prior` and `changed`', () => {
    const guarded = buildRecordValidator(order, [{
      kind: 'validationRule', name: 'confirmed_amount_frozen', object: 'sales_order', field: 'amount',
      errorWhen: { and: [{ '==': [{ prior: ['status'] }, 'confirmed'] }, { changed: ['amount'] }] },
      message: label('A confirmed order keeps its amount', '已确认订单的金额不能修改'),
    }]);
    const confirmed = { status: 'confirmed', amount: '10.00' };
    expect(rules(guarded.validateUpdate({ amount: '12.00' }, confirmed))).toEqual(['amount:confirmed_amount_frozen']);
    expect(rules(guarded.validateUpdate({ amount: '10.00' }, confirmed))).toEqual([]);
    expect(rules(guarded.validateUpdate({ amount: '12.00' }, { ...confirmed, status: 'draft' }))).toEqual([]);
  });
});
