import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { toFieldDef, toFormValues } from './field-form.ts';

const label = { 'zh-CN': '二级临时', en: 'Level-2 temporary' };
const condition = { and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'status' }, 'temporary'] }] };

describe('the field form', () => {
  it('hands a formula its expression as JsonLogic and takes it back unchanged', () => {
    const field: FieldDef = { name: 'l2_temp', type: 'formula', label, returns: 'boolean', expression: condition, computeOn: 'read' };
    const values = toFormValues(field, false);
    expect(values.expression).toEqual(condition);
    expect(toFieldDef(values, field)).toEqual(field);
  });

  it('keeps constant expressions a formula may have', () => {
    const field: FieldDef = { name: 'always', type: 'formula', label, returns: 'boolean', expression: false };
    expect(toFieldDef(toFormValues(field, false), field)).toEqual(field);
  });

  it('drops the expression when the field stops being a formula, keeping what the drawer does not edit', () => {
    const field: FieldDef = { name: 'l2_temp', type: 'formula', label, returns: 'boolean', expression: condition, visibleWhen: condition };
    const values = { ...toFormValues(field, false), type: 'boolean' as const };
    expect(toFieldDef(values, field)).toEqual({ name: 'l2_temp', type: 'boolean', label, visibleWhen: condition });
  });
});
