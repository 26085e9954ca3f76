import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QudaoError } from '../errors/catalog.ts';
import { SQL_OPERATORS } from '../../../metadata/src/known-operators.ts';
import { COMPILED_OPERATORS, compileFilter, MAX_FILTER_DEPTH, type ColumnInfo } from './filter-sql.ts';

const COLUMNS: Record<string, ColumnInfo['type']> = {
  id: 'uuid', name: 'text', beds: 'integer', revenue: 'money', founded: 'date', created_at: 'datetime',
  active: 'boolean', tags: 'multi_picklist', level: 'picklist', parent: 'lookup', location: 'geo_point',
};
const resolve = (name: string): ColumnInfo | undefined =>
  Object.hasOwn(COLUMNS, name) ? { identifier: `t.${name}`, type: COLUMNS[name] } : undefined;
const compile = (expr: unknown) => compileFilter(expr, resolve);

function refusal(expr: unknown): { field: string; rule: string } {
  try {
    compile(expr);
  } catch (error) {
    expect(error).toBeInstanceOf(QudaoError);
    const e = error as QudaoError;
    expect(e.code).toBe('FILTER_INVALID');
    expect(e.errors[0].message.en).toBeTruthy();
    expect(e.errors[0].message['zh-CN']).toBeTruthy();
    return { field: e.errors[0].field, rule: e.errors[0].rule };
  }
  throw new Error(`compiled: ${JSON.stringify(expr)}`);
}

describe('compileFilter', () => {
  it("compiles exactly the operators metadata's SQL_OPERATORS promises the web apps", () => {
    expect([...COMPILED_OPERATORS, 'var'].sort()).toEqual([...SQL_OPERATORS].sort());
  });

  it('compiles literal true and false', () => {
    expect(compile(true)).toEqual({ sql: 'TRUE', bindings: [] });
    expect(compile(false)).toEqual({ sql: 'FALSE', bindings: [] });
  });

  it('compiles equality and null checks', () => {
    expect(compile({ '==': [{ var: 'name' }, 'A'] })).toEqual({ sql: '?? = ?', bindings: ['t.name', 'A'] });
    expect(compile({ '===': ['A', { var: 'name' }] })).toEqual({ sql: '?? = ?', bindings: ['t.name', 'A'] });
    expect(compile({ '!=': [{ var: 'beds' }, 5] })).toEqual({ sql: '?? IS DISTINCT FROM ?::bigint', bindings: ['t.beds', 5] });
    expect(compile({ '==': [{ var: 'name' }, null] })).toEqual({ sql: '?? IS NULL', bindings: ['t.name'] });
    expect(compile({ '!==': [null, { var: ['tags'] }] })).toEqual({ sql: '?? IS NOT NULL', bindings: ['t.tags'] });
  });

  it('compiles comparisons with the field on either side', () => {
    expect(compile({ '>': [{ var: 'beds' }, 5] })).toEqual({ sql: '?? > ?::bigint', bindings: ['t.beds', 5] });
    expect(compile({ '>': [5, { var: 'beds' }] })).toEqual({ sql: '?? < ?::bigint', bindings: ['t.beds', 5] });
    expect(compile({ '<=': ['12.50', { var: 'revenue' }] })).toEqual({ sql: '?? >= ?', bindings: ['t.revenue', '12.50'] });
    expect(compile({ '>=': [{ var: 'created_at' }, '2024-01-01T08:00:00+08:00'] }).sql).toBe('?? >= ?');
  });

  it('binds what reads no field as the value it has now, with today on the calendar in China', () => {
    const at = new Date('2026-12-06T16:30:00Z'); // already 2026-12-07 in China
    expect(compileFilter({ '==': [{ var: 'founded' }, { date_add: [{ today: [] }, 60, 'days'] }] }, resolve, at))
      .toEqual({ sql: '?? = ?', bindings: ['t.founded', '2027-02-05'] });
    expect(compileFilter({ in: [{ var: 'founded' }, [{ date_add: [{ today: [] }, 7, 'days'] }, { today: [] }]] }, resolve, at))
      .toEqual({ sql: '?? IN (?, ?)', bindings: ['t.founded', '2026-12-14', '2026-12-07'] });
    expect(compileFilter({ '<': [{ var: 'created_at' }, { now: [] }] }, resolve, at)).toEqual({ sql: '?? < ?', bindings: ['t.created_at', '2026-12-06T16:30:00.000Z'] });
    expect(compile({ '>': [{ var: 'beds' }, { '*': [2, 50] }] })).toEqual({ sql: '?? > ?::bigint', bindings: ['t.beds', 100] });
    expect(compile({ '==': [1, 1] })).toEqual({ sql: 'TRUE', bindings: [] });
    expect(compile({ and: [{ '<': [{ today: [] }, '2000-01-01'] }, { var: 'active' }] })).toEqual({ sql: '(FALSE) AND (?? IS TRUE)', bindings: ['t.active'] });
  });

  it('refuses a folded value that does not fit the field, like any literal', () => {
    expect(refusal({ '==': [{ var: 'beds' }, { today: [] }] })).toEqual({ field: '/==/1', rule: 'literal_type' });
    expect(refusal({ '<': [{ var: 'founded' }, { date_add: [{ var: 'founded' }, 1, 'days'] }] })).toEqual({ field: '/</1', rule: 'not_a_literal' });
  });

  it('compiles the three-argument between form', () => {
    expect(compile({ '<=': ['2024-01-01', { var: 'founded' }, '2024-12-31'] })).toEqual({
      sql: '(?? >= ?) AND (?? <= ?)', bindings: ['t.founded', '2024-01-01', 't.founded', '2024-12-31'],
    });
    expect(compile({ '<': [1, { var: 'beds' }, 9] }).sql).toBe('(?? > ?::bigint) AND (?? < ?::bigint)');
  });

  it('compiles in with a list, a text field and a multi-picklist field', () => {
    expect(compile({ in: [{ var: 'level' }, ['3A', '3B']] })).toEqual({ sql: '?? IN (?, ?)', bindings: ['t.level', '3A', '3B'] });
    expect(compile({ in: [{ var: 'level' }, []] })).toEqual({ sql: 'FALSE', bindings: [] });
    expect(compile({ in: [{ var: 'level' }, ['3A', null]] })).toEqual({
      sql: '(?? IN (?)) OR (?? IS NULL)', bindings: ['t.level', '3A', 't.level'],
    });
    expect(compile({ in: ['abc', { var: 'name' }] })).toEqual({ sql: 'strpos(??, ?) > 0', bindings: ['t.name', 'abc'] });
    expect(compile({ in: ['', { var: 'name' }] })).toEqual({ sql: "?? <> ''", bindings: ['t.name'] });
    expect(compile({ in: ['vip', { var: 'tags' }] })).toEqual({ sql: '? = ANY(??)', bindings: ['vip', 't.tags'] });
  });

  it('compiles and, or, not and boolean fields', () => {
    expect(compile({ and: [{ var: 'active' }, { '!': { var: 'active' } }] })).toEqual({
      sql: '(?? IS TRUE) AND ((?? IS TRUE) IS NOT TRUE)', bindings: ['t.active', 't.active'],
    });
    expect(compile({ or: [{ '!!': [{ var: 'active' }] }] })).toEqual({ sql: '(?? IS TRUE) IS TRUE', bindings: ['t.active'] });
    expect(compile({ and: [] }).sql).toBe('FALSE');
    expect(compile({ or: [] }).sql).toBe('FALSE');
  });

  it('compiles like and ilike with the pattern bound', () => {
    expect(compile({ like: [{ var: 'name' }, '%医院%'] })).toEqual({ sql: '?? LIKE ?', bindings: ['t.name', '%医院%'] });
    expect(compile({ ilike: [{ var: 'name' }, 'a\\%'] }).sql).toBe('?? ILIKE ?');
  });

  it('hands each condition on a lookup path to its resolver, saying whether it holds for an empty field', () => {
    const through = (c: { sql: string; bindings: unknown[] }, matchesEmpty: boolean) => ({ sql: `${matchesEmpty ? 'NONE_FAILS' : 'SOME_MATCHES'}[${c.sql}]`, bindings: c.bindings });
    const types: Record<string, ColumnInfo['type']> = { 'p.name': 'text', 'p.beds': 'integer', 'p.active': 'boolean', 'p.tags': 'multi_picklist' };
    const viaLookup = (name: string): ColumnInfo | undefined => (types[name] ? { identifier: `r0.${name.slice(2)}`, type: types[name], through } : resolve(name));
    const sqlOf = (expr: unknown) => compileFilter(expr, viaLookup).sql;
    expect(sqlOf({ '==': [{ var: 'p.name' }, 'A'] })).toBe('SOME_MATCHES[?? = ?]');
    expect(sqlOf({ '!=': [{ var: 'p.name' }, 'A'] })).toBe('NONE_FAILS[?? IS DISTINCT FROM ?]');
    expect(sqlOf({ '==': [{ var: 'p.name' }, null] })).toBe('NONE_FAILS[?? IS NULL]');
    expect(sqlOf({ '!=': [null, { var: 'p.name' }] })).toBe('SOME_MATCHES[?? IS NOT NULL]');
    expect(sqlOf({ in: [{ var: 'p.name' }, ['A']] })).toBe('SOME_MATCHES[?? IN (?)]');
    expect(sqlOf({ in: [{ var: 'p.name' }, ['A', null]] })).toBe('NONE_FAILS[(?? IN (?)) OR (?? IS NULL)]');
    expect(sqlOf({ in: ['A', { var: 'p.name' }] })).toBe('SOME_MATCHES[strpos(??, ?) > 0]');
    expect(sqlOf({ in: ['vip', { var: 'p.tags' }] })).toBe('SOME_MATCHES[? = ANY(??)]');
    expect(sqlOf({ '<=': [1, { var: 'p.beds' }, 9] })).toBe('SOME_MATCHES[(?? >= ?::bigint) AND (?? <= ?::bigint)]');
    expect(sqlOf({ '>': [{ var: 'p.beds' }, 1] })).toBe('SOME_MATCHES[?? > ?::bigint]');
    expect(sqlOf({ like: [{ var: 'p.name' }, 'A%'] })).toBe('SOME_MATCHES[?? LIKE ?]');
    expect(sqlOf({ region_in: [{ var: 'p.name' }, '310000'] })).toBe('SOME_MATCHES[?? LIKE ?]');
    expect(sqlOf({ '!': { var: 'p.active' } })).toBe('(SOME_MATCHES[?? IS TRUE]) IS NOT TRUE');
    expect(compileFilter({ and: [{ '==': [{ var: 'name' }, 'A'] }, { '==': [{ var: 'p.name' }, 'B'] }] }, viaLookup)).toEqual({
      sql: '(?? = ?) AND (SOME_MATCHES[?? = ?])', bindings: ['t.name', 'A', 'r0.name', 'B'],
    });
  });

  it.each([
    [{ foo: [1] }, '/foo', 'unknown_operator'],
    [{ 'a/b': 1 }, '/a~1b', 'unknown_operator'],
    [{ and: [true, { '==': [{ var: 'nope' }, 1] }] }, '/and/1/==/0/var', 'unknown_field'],
    [{ '==': [{ var: 'parent.name' }, 'x'] }, '/==/0/var', 'lookup_path'],
    [{ '==': [{ var: ['name', 'x'] }, 'x'] }, '/==/0/var', 'bad_var'],
    [{ '==': [{ var: 'name' }, { var: 'level' }] }, '/==/1', 'two_fields'],
    [{ '==': [{ var: 'name' }, { cat: ['a', { var: 'level' }] }] }, '/==/1', 'not_a_literal'],
    [{ '==': [{ var: 'name' }] }, '/==', 'arity'],
    [{ '==': [{ var: 'beds' }, 'five'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'beds' }, 1.5] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'revenue' }, '1e999'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'founded' }, '2024-02-30'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'created_at' }, 'yesterday'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'active' }, 'true'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'parent' }, 'not-a-uuid'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'name' }, 'a\u0000b'] }, '/==/1', 'literal_type'],
    [{ '==': [{ var: 'tags' }, 'vip'] }, '/==/1', 'multi_picklist'],
    [{ '==': [{ var: 'location' }, 'x'] }, '/==/0/var', 'not_filterable'],
    [{ '<': [{ var: 'active' }, true] }, '/</1', 'not_orderable'],
    [{ '<': [{ var: 'beds' }, null] }, '/</1', 'null_comparison'],
    [{ '<=': [{ var: 'beds' }, 1, 2] }, '/<=', 'between_shape'],
    [{ in: [{ var: 'level' }, ['3A', { var: 'name' }]] }, '/in/1/1', 'not_a_literal'],
    [{ in: ['3A', ['3A', { var: 'name' }]] }, '/in/0', 'not_a_field'],
    [{ in: ['x', { var: 'beds' }] }, '/in/1', 'bad_haystack'],
    [{ in: [5, { var: 'name' }] }, '/in/0', 'literal_type'],
    [{ like: [{ var: 'beds' }, '%1'] }, '/like/0', 'not_a_text_field'],
    [{ like: [{ var: 'name' }, 'abc\\'] }, '/like/1', 'bad_pattern'],
    [{ '!': [{ var: 'active' }, false] }, '/!', 'arity'],
    [{ var: 'name' }, '/var', 'not_boolean'],
    [{ and: [{ var: 'active' }, 1] }, '/and/1', 'not_a_condition'],
    [{ '==': 1, '!=': 2 }, '', 'not_a_condition'],
    ['active', '', 'not_a_condition'],
  ])('refuses %j at %s with %s', (expr, field, rule) => {
    expect(refusal(expr)).toEqual({ field, rule });
  });

  it('refuses filters that are too deep or too large', () => {
    let deep: unknown = { var: 'active' };
    for (let i = 0; i <= MAX_FILTER_DEPTH; i++) deep = { '!': [deep] };
    expect(refusal(deep).rule).toBe('too_deep');
    const wide = { in: [{ var: 'level' }, Array.from({ length: 600 }, (_, i) => `v${i}`)] };
    expect(refusal(wide).rule).toBe('too_large');
  });

  it('throws nothing but QudaoError for random JSON', () => {
    const operators = fc.constantFrom('==', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or', '!', '!!', 'like', 'var', 'cat');
    const names = fc.constantFrom(...Object.keys(COLUMNS), 'x', 'a.b', '');
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.record({ var: names }),
        fc.dictionary(operators, fc.array(tie('tree'), { maxLength: 4 }), { minKeys: 1, maxKeys: 1 })),
    }));
    fc.assert(fc.property(fc.oneof(tree, fc.jsonValue()), (expr) => {
      try {
        const { sql, bindings } = compile(expr);
        expect(sql.match(/\?\??/g)?.length ?? 0).toBe(bindings.length);
      } catch (error) {
        if (!(error instanceof QudaoError)) throw error;
      }
    }), { numRuns: 1000 });
  });
});
