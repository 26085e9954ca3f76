import { describe, expect, it } from 'vitest';
import { checkObject } from './check-object.ts';
import type { ObjectDoc } from './types.ts';

const label = { 'zh-CN': 'x', en: 'x' };

describe('conditions and computed defaults on fields', () => {
  it('name every var that is not a field of the object, with its path', () => {
    const object: ObjectDoc = {
      kind: 'object',
      name: 'sales_order',
      label,
      fields: [
        { name: 'amount', type: 'money', label },
        { name: 'tender_no', type: 'text', label, requiredWhen: { '>=': [{ var: 'amont' }, 1] }, visibleWhen: { '!!': { var: 'amount' } } },
        { name: 'reference', type: 'text', label, defaultExpression: { cat: ['R-', { var: 'ghost' }] }, readOnlyWhen: { var: 'version' } },
      ],
    };
    expect(checkObject(object).map((p) => [p.path, p.code])).toEqual([
      ['/fields/1/requiredWhen/>=/0/var', 'unknown_field'],
      ['/fields/2/defaultExpression/cat/1/var', 'unknown_field'],
    ]);
  });
});
