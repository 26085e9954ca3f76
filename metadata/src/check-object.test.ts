import { describe, expect, it } from 'vitest';
import { checkObject } from './check-object.ts';
import { codesAndPaths, field, object } from './fixtures/builders.ts';
import { hospitalObject } from './fixtures/contract-examples.ts';
import type { FieldDef, ObjectDoc } from './types.ts';

const options = [{ value: 'a', label: { 'zh-CN': 'A', en: 'A' } }];

function problemsOf(fields: FieldDef[], extra: Partial<ObjectDoc> = {}, others: ObjectDoc[] = []) {
  const known = new Map(others.map((o) => [o.name, o]));
  return codesAndPaths(checkObject(object('thing', fields, extra), known));
}

describe('checkObject', () => {
  it('finds nothing wrong with the contract example', () => {
    expect(checkObject(hospitalObject)).toEqual([]);
  });

  it('tags every problem with its document', () => {
    const [p] = checkObject(object('thing', [field('select', 'text')]));
    expect(p.document).toEqual({ kind: 'object', name: 'thing' });
    expect(p.message['zh-CN']).not.toBe('');
  });

  it.each([
    ['a reserved object name', object('order', []), 'reserved_name', '/name'],
    ['a system field name', object('thing', [field('created_at', 'datetime')]), 'reserved_name', '/fields/0/name'],
    ['a bad field name', object('thing', [field('Beds', 'integer')]), 'bad_name', '/fields/0/name'],
  ])('refuses %s', (_case, doc, code, path) => {
    expect(codesAndPaths(checkObject(doc))).toEqual([{ code, path }]);
  });

  it('refuses duplicate field names at the second one', () => {
    expect(problemsOf([field('a', 'text'), field('a', 'integer')])).toEqual([{ code: 'duplicate_field', path: '/fields/1/name' }]);
  });

  it('refuses duplicate indexes and indexes on unknown or removed fields', () => {
    const fields = [field('a', 'text'), field('gone', 'text', { removed: true })];
    const indexes = [{ fields: ['a'] }, { fields: ['a'] }, { fields: ['a', 'nope'] }, { fields: ['gone'] }, { fields: ['owner_id'] }];
    expect(problemsOf(fields, { indexes })).toEqual([
      { code: 'duplicate_index', path: '/indexes/1' },
      { code: 'unknown_field', path: '/indexes/2/fields/1' },
      { code: 'unknown_field', path: '/indexes/3/fields/0' },
    ]);
  });

  it('refuses a lookup without target or to an unknown object', () => {
    expect(problemsOf([field('a', 'lookup'), field('b', 'master_detail', { target: 'nowhere' })])).toEqual([
      { code: 'missing_property', path: '/fields/0/target' },
      { code: 'unknown_object', path: '/fields/1/target' },
    ]);
    expect(problemsOf([field('a', 'lookup', { target: 'dealer' })], {}, [object('dealer', [])])).toEqual([]);
  });

  it('refuses picklists without options or with duplicate values', () => {
    expect(problemsOf([field('a', 'picklist'), field('b', 'multi_picklist', { options: [...options, ...options] })])).toEqual([
      { code: 'missing_options', path: '/fields/0/options' },
      { code: 'duplicate_option', path: '/fields/1/options/1/value' },
    ]);
  });

  it('refuses inverted ranges and a scale outside 0..10', () => {
    expect(problemsOf([
      field('a', 'integer', { min: 5, max: 1 }),
      field('b', 'text', { minLength: 9, maxLength: 2 }),
      field('c', 'money', { scale: 11 }),
    ])).toEqual([
      { code: 'bad_range', path: '/fields/0/min' },
      { code: 'bad_range', path: '/fields/1/minLength' },
      { code: 'bad_scale', path: '/fields/2/scale' },
    ]);
  });

  it('refuses renamedFrom naming itself or another current field', () => {
    expect(problemsOf([field('a', 'text', { renamedFrom: 'a' }), field('b', 'text', { renamedFrom: 'a' }), field('c', 'text', { renamedFrom: 'old_c' })]))
      .toEqual([{ code: 'bad_rename', path: '/fields/0/renamedFrom' }, { code: 'bad_rename', path: '/fields/1/renamedFrom' }]);
  });

  it('refuses type-specific properties on the wrong type', () => {
    expect(problemsOf([field('a', 'integer', { options }), field('b', 'text', { target: 'thing' })])).toEqual([
      { code: 'property_not_allowed', path: '/fields/0/options' },
      { code: 'property_not_allowed', path: '/fields/1/target' },
    ]);
  });

  it('refuses a default that does not fit the type', () => {
    expect(problemsOf([
      field('a', 'integer', { default: 'x' }),
      field('b', 'picklist', { options, default: 'z' }),
      field('c', 'date', { default: '2024-13-45' }),
      field('d', 'picklist', { options, default: 'a' }),
      field('e', 'boolean', { default: false }),
    ])).toEqual([
      { code: 'bad_default', path: '/fields/0/default' },
      { code: 'bad_default', path: '/fields/1/default' },
      { code: 'bad_default', path: '/fields/2/default' },
    ]);
  });

  it('refuses an autonumber format without a counter placeholder', () => {
    expect(problemsOf([field('a', 'autonumber', { format: 'HSP-{000000}' }), field('b', 'autonumber', { format: 'HSP-' })]))
      .toEqual([{ code: 'bad_format', path: '/fields/1/format' }]);
  });

  it('refuses an unknown titleField', () => {
    expect(problemsOf([field('a', 'text')], { titleField: 'b' })).toEqual([{ code: 'unknown_field', path: '/titleField' }]);
  });
  it('does not check what a removed field refers to', () => {
    expect(problemsOf([field('a', 'lookup', { target: 'gone', removed: true })])).toEqual([]);
  });
});

describe('checkObject: formulas', () => {
  it('refuses a formula without returns or expression', () => {
    expect(problemsOf([field('f', 'formula')])).toEqual([
      { code: 'missing_property', path: '/fields/0/returns' },
      { code: 'missing_property', path: '/fields/0/expression' },
    ]);
  });

  it('points at a var naming an unknown field, and accepts system fields and lookup paths', () => {
    const expression = { '+': [{ var: 'a' }, { var: 'nope' }, { var: 'version' }, { var: 'parent.a' }, { var: 'parent.zz' }] };
    expect(problemsOf([field('a', 'integer'), field('parent', 'lookup', { target: 'thing' }), field('f', 'formula', { returns: 'integer', expression })]))
      .toEqual([
        { code: 'unknown_field', path: '/fields/2/expression/+/1/var' },
        { code: 'unknown_field', path: '/fields/2/expression/+/4/var' },
      ]);
  });

  it('refuses formulas that read each other in a cycle', () => {
    const f = field('f', 'formula', { returns: 'integer', expression: { '+': [{ var: 'g' }, 1] } });
    const g = field('g', 'formula', { returns: 'integer', expression: { '*': [{ var: 'f' }, 2] } });
    const h = field('h', 'formula', { returns: 'integer', expression: { var: 'f' } });
    expect(problemsOf([f, g, h])).toEqual([
      { code: 'formula_cycle', path: '/fields/0/expression' },
      { code: 'formula_cycle', path: '/fields/1/expression' },
    ]);
  });
});

describe('checkObject: rollups', () => {
  const visit = object('visit', [
    field('hospital', 'master_detail', { target: 'thing' }),
    field('other', 'lookup', { target: 'visit' }),
    field('cost', 'money'),
    field('note', 'text'),
  ]);
  const rollup = (extra: Partial<FieldDef>) => field('r', 'rollup', { returns: 'money', of: 'visit', via: 'hospital', ...extra });

  it('accepts count without a field and sum of a number', () => {
    expect(problemsOf([rollup({ aggregate: 'count' }), { ...rollup({ aggregate: 'sum', field: 'cost' }), name: 's' }], {}, [visit])).toEqual([]);
  });

  it('refuses a rollup without of, via or aggregate', () => {
    expect(problemsOf([field('r', 'rollup', { returns: 'integer' })])).toEqual([
      { code: 'missing_property', path: '/fields/0/of' },
      { code: 'missing_property', path: '/fields/0/via' },
      { code: 'missing_property', path: '/fields/0/aggregate' },
    ]);
  });

  it.each([
    [{ of: 'nowhere', aggregate: 'count' }, 'unknown_object', '/fields/0/of'],
    [{ via: 'other', aggregate: 'count' }, 'bad_via', '/fields/0/via'],
    [{ via: 'cost', aggregate: 'count' }, 'bad_via', '/fields/0/via'],
    [{ aggregate: 'sum' }, 'missing_property', '/fields/0/field'],
    [{ aggregate: 'max', field: 'nope' }, 'unknown_field', '/fields/0/field'],
    [{ aggregate: 'min', field: 'note' }, 'bad_rollup_field', '/fields/0/field'],
  ] as [Partial<FieldDef>, string, string][])('refuses %o', (extra, code, path) => {
    expect(problemsOf([rollup(extra)], {}, [visit])).toEqual([{ code, path }]);
  });
});
