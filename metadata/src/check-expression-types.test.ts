import { describe, expect, it } from 'vitest';
import { checkExpressionTypes } from './check-expression-types.ts';
import type { ObjectDoc } from './types.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const dealer: ObjectDoc = {
  kind: 'object', name: 'dealer', label: label('Dealer'),
  fields: [{ name: 'tier', type: 'picklist', label: label('Tier', '层级'), options: [{ value: 'platform', label: label('Platform') }, { value: 'level_2', label: label('Level 2') }] }],
};
const order: ObjectDoc = {
  kind: 'object', name: 'sales_order', label: label('Order'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称') },
    { name: 'amount', type: 'money', label: label('Amount', '金额') },
    { name: 'signed_on', type: 'date', label: label('Signed on', '签约日期') },
    { name: 'dealer', type: 'lookup', target: 'dealer', label: label('Dealer', '经销商') },
  ],
};
const objects = new Map([['dealer', dealer], ['sales_order', order]]);
const check = (expr: unknown) => checkExpressionTypes(expr, '/errorWhen', order, objects).map((p) => [p.path, p.code]);

describe('static type checks of expressions', () => {
  it('accept what fits the fields', () => {
    expect(check({ and: [
      { '>': [{ var: 'amount' }, '1000'] },
      { '<=': ['2026-01-01', { var: 'signed_on' }, '2026-12-31'] },
      { '==': [{ var: 'dealer.tier' }, 'platform'] },
      { in: [{ var: 'dealer.tier' }, ['platform', 'level_2']] },
      { '*': [{ var: 'amount' }, 0.13] },
    ] })).toEqual([]);
  });

  it('name the literal that does not fit, the field that can\'t be computed with, and the unknown option, by path', () => {
    expect(check({ or: [
      { '>': [{ var: 'amount' }, 'lots'] },
      { '<': [{ var: 'signed_on' }, 'yesterday'] },
      { '+': [{ var: 'name' }, 1] },
      { '==': [{ var: 'dealer.tier' }, 'Platform'] },
      { in: [{ var: 'dealer.tier' }, ['platform', 'level_3']] },
    ] })).toEqual([
      ['/errorWhen/or/0/>/1', 'type_mismatch'],
      ['/errorWhen/or/1/</1', 'type_mismatch'],
      ['/errorWhen/or/2/+/0', 'type_mismatch'],
      ['/errorWhen/or/3/==/1', 'unknown_option'],
      ['/errorWhen/or/4/in/1/1', 'unknown_option'],
    ]);
  });

  it('leave what is not an operation to the operator check', () => {
    expect(check({})).toEqual([]);
    expect(check({ a: 1, b: 2 })).toEqual([]);
  });
});
