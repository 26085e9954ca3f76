import { describe, expect, it } from 'vitest';
import { fieldUsages } from './field-usages.ts';
import onboarding from './fixtures/dealer-onboarding.workflow.json' with { type: 'json' };
import { field, object } from './fixtures/builders.ts';
import type { MetadataDoc } from './types.ts';

const dealer = object('dealer', [
  field('name', 'text'),
  field('credit_limit', 'money'),
  field('channel_manager', 'text'),
  field('discount', 'percent', { visibleWhen: { '>': [{ var: 'credit_limit' }, 0] } }),
  field('status', 'picklist', { options: [{ value: 'active', label: { 'zh-CN': '合作中', en: 'Active' } }] }),
  field('address', 'text'),
], { indexes: [{ fields: ['status', 'credit_limit'] }] });

const order = object('order', [field('dealer', 'lookup', { target: 'dealer' }), field('amount', 'money')]);
const dealerWithRollup = object('dealer_summary', [field('orders_total', 'rollup', { of: 'order', via: 'dealer', aggregate: 'sum', field: 'amount' })]);

const documents = [
  dealer,
  order,
  dealerWithRollup,
  { kind: 'validationRule', name: 'credit_cap', object: 'dealer', errorWhen: { '>': [{ var: 'credit_limit' }, 9e6] },
    message: { 'zh-CN': '额度 {{credit_limit}} 过高', en: 'Limit {{credit_limit}} is too high' } },
  { kind: 'validationRule', name: 'other_object', object: 'order', errorWhen: { '>': [{ var: 'credit_limit' }, 1] }, message: { 'zh-CN': 'x', en: 'x' } },
  { kind: 'layout', name: 'dealer_default', label: { 'zh-CN': '默认', en: 'Default' }, object: 'dealer',
    sections: [{ name: 'main', label: { 'zh-CN': '基本', en: 'Main' }, fields: ['name', 'credit_limit'] }],
    listViews: [{ name: 'big', label: { 'zh-CN': '大户', en: 'Big' }, columns: ['name'], sort: ['-credit_limit'] }] },
  { kind: 'permissionSet', name: 'finance', label: { 'zh-CN': '财务', en: 'Finance' }, fields: { dealer: { credit_limit: 'edit' } } },
  { kind: 'sharingRule', name: 'big_dealers', label: { 'zh-CN': '大户', en: 'Big' }, object: 'dealer', roles: ['finance'], access: 'read',
    criteria: { '>=': [{ var: 'credit_limit' }, 1e6] } },
  onboarding,
  { kind: 'automation', name: 'limit_changed', label: { 'zh-CN': '额度变更', en: 'Limit changed' }, object: 'dealer',
    trigger: { on: 'fieldChange', fields: ['credit_limit'] }, actions: [{ update: { discount: { '/': [{ var: 'credit_limit' }, 1e7] } } }] },
] as MetadataDoc[];

describe('fieldUsages', () => {
  it('finds every document that names a field, with a pointer to where', () => {
    expect(fieldUsages(documents, 'dealer', 'credit_limit')).toEqual([
      { kind: 'object', name: 'dealer', where: '/fields/3/visibleWhen/>/0/var' },
      { kind: 'object', name: 'dealer', where: '/indexes/0/fields/1' },
      { kind: 'validationRule', name: 'credit_cap', where: '/errorWhen/>/0/var' },
      { kind: 'validationRule', name: 'credit_cap', where: '/message/zh-CN' },
      { kind: 'validationRule', name: 'credit_cap', where: '/message/en' },
      { kind: 'layout', name: 'dealer_default', where: '/sections/0/fields/1' },
      { kind: 'layout', name: 'dealer_default', where: '/listViews/0/sort/0' },
      { kind: 'permissionSet', name: 'finance', where: '/fields/dealer/credit_limit' },
      { kind: 'sharingRule', name: 'big_dealers', where: '/criteria/>=/0/var' },
      { kind: 'workflow', name: 'dealer_onboarding', where: '/edges/3/when/>/0/var' },
      { kind: 'automation', name: 'limit_changed', where: '/trigger/fields/0' },
      { kind: 'automation', name: 'limit_changed', where: '/actions/0/update/discount/~1/0/var' },
    ]);
  });

  it('follows approvers, editable fields, notifications and updates of a workflow', () => {
    expect(fieldUsages(documents, 'dealer', 'channel_manager').map((u) => u.where)).toEqual([
      '/nodes/1/approvers/lookup/var',
      '/nodes/6/actions/1/notify/to/managerOf',
    ]);
    expect(fieldUsages(documents, 'dealer', 'address').map((u) => u.where)).toEqual(['/nodes/3/editableFields/0']);
    expect(fieldUsages(documents, 'dealer', 'status').map((u) => `${u.kind}:${u.where}`)).toEqual([
      'object:/indexes/0/fields/0',
      'workflow:/nodes/6/actions/0/update/status',
    ]);
  });

  it("finds a parent's rollup over a child's lookup and field", () => {
    expect(fieldUsages(documents, 'order', 'dealer')).toEqual([{ kind: 'object', name: 'dealer_summary', where: '/fields/0/via' }]);
    expect(fieldUsages(documents, 'order', 'amount')).toEqual([{ kind: 'object', name: 'dealer_summary', where: '/fields/0/field' }]);
  });

  it('names only the layout for a field only a layout shows, and nothing for an unknown field', () => {
    expect(fieldUsages(documents, 'dealer', 'name')).toEqual([
      { kind: 'layout', name: 'dealer_default', where: '/sections/0/fields/0' },
      { kind: 'layout', name: 'dealer_default', where: '/listViews/0/columns/0' },
    ]);
    expect(fieldUsages(documents, 'dealer', 'no_such_field')).toEqual([]);
  });
});
