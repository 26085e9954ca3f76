import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { builderFields, EMPTY_QUERY, toJsonLogic, toQuery } from '../../../runtime-ui/src/logic/logic-fields.ts';
import { conditionFields } from './condition-fields.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const region: ObjectDoc = { kind: 'object', name: 'region', label: label('Region'), fields: [{ name: 'code', type: 'text', label: label('Code') }] };
const dealer: ObjectDoc = {
  kind: 'object',
  name: 'dealer',
  label: label('Dealer'),
  fields: [
    { name: 'name', type: 'text', label: label('Name') },
    { name: 'tier', type: 'picklist', label: label('Tier'), options: [{ value: 'A', label: label('A') }, { value: 'B', label: label('B') }] },
    { name: 'amount', type: 'money', label: label('Amount') },
    { name: 'active', type: 'boolean', label: label('Active') },
    { name: 'since', type: 'date', label: label('Since') },
    { name: 'region', type: 'lookup', label: label('Region'), target: 'region' },
    { name: 'score', type: 'formula', label: label('Score'), returns: 'number', computeOn: 'read', expression: { '*': [{ var: 'amount' }, 2] } },
  ],
};
const t = ((key: string) => key) as unknown as TFunction<'logic'>;
const fields = conditionFields(dealer, [dealer, region], false);
const shown = builderFields(fields, t);

const roundTrip = (logic: unknown) => {
  const query = toQuery(logic, fields, shown);
  expect(query, `the builder should show ${JSON.stringify(logic)}`).not.toBeNull();
  return toJsonLogic(query!, fields);
};

describe('JsonLogic and the visual builder', () => {
  it.each([
    ['AND of a picklist and a number', { and: [{ '==': [{ var: 'tier' }, 'A'] }, { '>': [{ var: 'amount' }, 1000] }] }],
    ['OR with a nested AND', { or: [{ '==': [{ var: 'tier' }, 'A'] }, { and: [{ '<': [{ var: 'amount' }, 5] }, { '==': [{ var: 'active' }, false] }] }] }],
    ['one condition', { '==': [{ var: 'tier' }, 'B'] }],
    ['in a list of options', { in: [{ var: 'tier' }, ['A', 'B']] }],
    ['not in a list', { '!': { in: [{ var: 'tier' }, ['A']] } }],
    ['a negated group', { '!': { and: [{ '==': [{ var: 'tier' }, 'A'] }, { '>=': [{ var: 'amount' }, 10] }] } }],
    ['empty', { '==': [{ var: 'amount' }, null] }],
    ['not empty, a lookup', { '!=': [{ var: 'region' }, null] }],
    ['a text contains', { in: ['north', { var: 'name' }] }],
    ['a boolean', { '==': [{ var: 'active' }, true] }],
    ['a date between', { '<=': ['2024-01-01', { var: 'since' }, '2024-12-31'] }],
    ['a field one lookup away', { '==': [{ var: 'region.code' }, 'east'] }],
    ['a formula computed on read', { '>': [{ var: 'score' }, 3] }],
  ])('keeps %s exactly', (_name, logic) => {
    expect(roundTrip(logic)).toEqual(logic);
  });

  it('shows no condition as an empty builder, and an empty builder as no condition', () => {
    expect(toQuery(undefined, fields, shown)).toEqual(EMPTY_QUERY);
    expect(toJsonLogic(EMPTY_QUERY, fields)).toBeUndefined();
  });

  it('shows a boolean as the radio value the builder offers', () => {
    const query = toQuery({ '==': [{ var: 'active' }, false] }, fields, shown)!;
    expect(query.rules[0]).toMatchObject({ field: 'active', operator: '=', value: 'false' });
  });

  it.each([
    ['missing', { missing: ['tier'] }],
    ['arithmetic', { '>': [{ '+': [{ var: 'amount' }, 1] }, 10] }],
    ['an unknown field', { '==': [{ var: 'nope' }, 1] }],
    ['two fields compared', { '==': [{ var: 'amount' }, { var: 'score' }] }],
    ['an operator the field does not offer', { '>': [{ var: 'tier' }, 'A'] }],
    ['a literal', true],
  ])('reports %s as something it cannot show', (_name, logic) => {
    expect(toQuery(logic, fields, shown)).toBeNull();
  });

  it('types values typed into the builder for the engine and drops unfinished conditions', () => {
    const query = {
      combinator: 'and',
      rules: [
        { field: 'amount', operator: '>', value: '1000' },
        { field: 'active', operator: '=', value: 'true' },
        { field: 'name', operator: '=', value: '' },
      ],
    };
    expect(toJsonLogic(query, fields)).toEqual({ and: [{ '>': [{ var: 'amount' }, 1000] }, { '==': [{ var: 'active' }, true] }] });
  });
});

describe('conditionFields', () => {
  it('offers the fields one lookup away, labelled through the lookup', () => {
    expect(fields.find((f) => f.name === 'region.code')?.label).toEqual(label('Region › Code'));
  });

  it('leaves out formulas computed on read when the condition must run in the database', () => {
    expect(conditionFields(dealer, [dealer, region], true).map((f) => f.name)).not.toContain('score');
  });
});
