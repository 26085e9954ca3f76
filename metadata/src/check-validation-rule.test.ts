import { describe, expect, it } from 'vitest';
import { checkValidationRule } from './check-validation-rule.ts';
import { EXTRA_OPERATORS } from './known-operators.ts';
import { codesAndPaths, field, object } from './fixtures/builders.ts';
import { hospital3aBedsRule, hospitalObject } from './fixtures/contract-examples.ts';
import type { ObjectDoc, ValidationRuleDoc } from './types.ts';

const region = object('region_office', [field('manager', 'text')]);
const hospital: ObjectDoc = {
  ...hospitalObject,
  fields: [...hospitalObject.fields, field('office', 'lookup', { target: 'region_office' }), field('old', 'text', { removed: true })],
};
const objects = new Map([[hospital.name, hospital], [region.name, region]]);

function problemsOf(change: Partial<ValidationRuleDoc>) {
  return codesAndPaths(checkValidationRule({ ...hospital3aBedsRule, ...change }, objects));
}

describe('checkValidationRule', () => {
  it('finds nothing wrong with the contract example', () => {
    expect(checkValidationRule(hospital3aBedsRule, new Map([['hospital', hospitalObject]]))).toEqual([]);
  });

  it('refuses an unknown object', () => {
    const [p] = checkValidationRule({ ...hospital3aBedsRule, object: 'clinic' }, objects);
    expect(p).toMatchObject({ code: 'unknown_object', path: '/object', document: { kind: 'validationRule', name: 'hospital_3a_beds' } });
  });

  it('refuses a field that is unknown or removed', () => {
    expect(problemsOf({ field: 'bedz' })).toEqual([{ code: 'unknown_field', path: '/field' }]);
    expect(problemsOf({ field: 'old' })).toEqual([{ code: 'unknown_field', path: '/field' }]);
  });

  it('points at each var that names no live field', () => {
    const errorWhen = { or: [{ var: 'old' }, { var: 'bedz' }, { var: 'created_at' }, { var: 'office.manager' }, { var: 'office.nope' }, { var: 'beds.x' }] };
    expect(problemsOf({ errorWhen })).toEqual([
      { code: 'unknown_field', path: '/errorWhen/or/0/var' },
      { code: 'unknown_field', path: '/errorWhen/or/1/var' },
      { code: 'unknown_field', path: '/errorWhen/or/4/var' },
      { code: 'unknown_field', path: '/errorWhen/or/5/var' },
    ]);
  });

  it('refuses unknown operators and accepts the extra ones', () => {
    expect(problemsOf({ errorWhen: { and: [{ regex: [{ var: 'code' }, 'x'] }, { like: [{ var: 'code' }, 'H%'] }] } }))
      .toEqual([{ code: 'unknown_operator', path: '/errorWhen/and/0/regex' }]);
    EXTRA_OPERATORS.add('regex');
    try {
      expect(problemsOf({ errorWhen: { regex: [{ var: 'code' }, 'x'] } })).toEqual([]);
    } finally {
      EXTRA_OPERATORS.delete('regex');
    }
  });

  it('refuses an object with several keys as the expression', () => {
    expect(problemsOf({ errorWhen: { '==': [1, 1], '!=': [1, 2] } })).toEqual([{ code: 'bad_expression', path: '/errorWhen' }]);
  });

  it('refuses an empty message in either locale', () => {
    expect(problemsOf({ message: { 'zh-CN': ' ', en: 'x' } })).toEqual([{ code: 'empty_value', path: '/message/zh-CN' }]);
  });

  it('runs the cases saved with the rule and names each one that no longer holds', () => {
    const tests: ValidationRuleDoc['tests'] = [
      { record: { level: '3A', beds: 300 }, expect: 'error' },
      { record: { level: '3A', beds: 800 }, expect: 'pass' },
      { record: { level: '2A', beds: 100 }, expect: 'pass' },
    ];
    expect(problemsOf({ tests })).toEqual([]);
    expect(problemsOf({ tests: [...tests, { record: { level: '3A', beds: 900 }, expect: 'error' }, { record: { level: '3A', beds: 1 }, expect: 'pass' }] }))
      .toEqual([{ code: 'rule_test_failed', path: '/tests/3' }, { code: 'rule_test_failed', path: '/tests/4' }]);
  });

  it('leaves the cases alone while the expression itself is wrong', () => {
    expect(problemsOf({ errorWhen: { '<': [{ var: 'bedz' }, 500] }, tests: [{ record: { beds: 1 }, expect: 'error' }] }))
      .toEqual([{ code: 'unknown_field', path: '/errorWhen/</0/var' }]);
  });
});
