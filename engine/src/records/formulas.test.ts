import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { compileFormulas, computeFormulas } from './formulas.ts';

const label = { 'zh-CN': 'x', en: 'x' };
const field = (def: Partial<FieldDef> & Pick<FieldDef, 'name' | 'type'>): FieldDef => ({ label, ...def });

describe('stored formulas', () => {
  const fields = [
    field({ name: 'gross', type: 'formula', returns: 'money', expression: { '+': [{ var: 'net' }, { var: 'tax' }] } }),
    field({ name: 'tax', type: 'formula', returns: 'money', expression: { '*': [{ var: 'net' }, 0.13] } }),
    field({ name: 'net', type: 'money' }),
    field({ name: 'summary', type: 'formula', returns: 'text', expression: { cat: ['含税 ', { var: 'gross' }] } }),
    field({ name: 'units', type: 'formula', returns: 'integer', expression: { '/': [{ var: 'gross' }, 7] } }),
  ];

  it('evaluates each formula after the formulas it reads, whatever the declared order', () => {
    expect(compileFormulas(fields).map((f) => f.name)).toEqual(['tax', 'gross', 'summary', 'units']);
    expect(computeFormulas(compileFormulas(fields), { net: '100.00' })).toEqual({
      tax: '13.00', gross: '113.00', summary: '含税 113.00', units: 16,
    });
  });

  it('stores null when the value does not fit its type or the expression fails', () => {
    const broken = [field({ name: 'f', type: 'formula', returns: 'date', expression: { cat: ['not', 'a date'] } })];
    expect(computeFormulas(compileFormulas(broken), {})).toEqual({ f: null });
    const unknown = [field({ name: 'g', type: 'formula', returns: 'number', expression: { no_such_operator: [1] } })];
    expect(computeFormulas(compileFormulas(unknown), {})).toEqual({ g: null });
  });
});
