import { describe, expect, it } from 'vitest';
import { QudaoError } from '../errors/catalog.ts';
import type { ColumnInfo } from './filter-sql.ts';
import { orderByFragment, parseSort } from './sort.ts';

const TYPES: Record<string, ColumnInfo['type']> = { id: 'uuid', created_at: 'datetime', name: 'text', beds: 'integer', tags: 'multi_picklist' };
const resolve = (name: string): ColumnInfo | undefined =>
  Object.hasOwn(TYPES, name) ? { identifier: `t.${name}`, type: TYPES[name] } : undefined;

function sortRefusal(param: string): { field: string; rule: string; en: string } {
  try {
    parseSort(param, resolve);
  } catch (error) {
    expect(error).toBeInstanceOf(QudaoError);
    const e = error as QudaoError;
    expect(e.code).toBe('BAD_REQUEST');
    return { field: e.errors[0].field, rule: e.errors[0].rule, en: e.errors[0].message.en };
  }
  throw new Error(`parsed: ${param}`);
}

describe('parseSort', () => {
  it('parses directions and appends id as the tiebreaker', () => {
    expect(parseSort('-created_at,name', resolve)).toEqual([
      { identifier: 't.created_at', column: 'created_at', descending: true, type: 'datetime' },
      { identifier: 't.name', column: 'name', descending: false, type: 'text' },
      { identifier: 't.id', column: 'id', descending: false, type: 'uuid' },
    ]);
  });

  it('defaults to created_at descending then id descending, one direction for the index', () => {
    for (const param of [undefined, '', '  ']) {
      expect(parseSort(param, resolve).map((k) => [k.column, k.descending])).toEqual([['created_at', true], ['id', true]]);
    }
  });

  it('breaks ties by id in the direction of the last key', () => {
    expect(parseSort('-beds,name', resolve).map((k) => [k.column, k.descending])).toEqual([['beds', true], ['name', false], ['id', false]]);
  });

  it('does not append id when the sort already names it', () => {
    expect(parseSort('beds,-id', resolve).map((k) => k.column)).toEqual(['beds', 'id']);
  });

  it.each([
    ['nope', 'unknown_field', 'nope'],
    ['name,,beds', 'unknown_field', '""'],
    ['-', 'unknown_field', '""'],
    ['name,-name', 'duplicate', 'name'],
    ['tags', 'not_sortable', 'tags'],
    ['name,beds,created_at,id,-name,x', 'too_many', '5'],
  ])('refuses %s with %s', (param, rule, named) => {
    const refusal = sortRefusal(param);
    expect(refusal).toMatchObject({ field: 'sort', rule });
    expect(refusal.en).toContain(named);
  });
});

describe('orderByFragment', () => {
  it('uses PostgreSQL default null placement', () => {
    expect(orderByFragment(parseSort('-beds,name', resolve))).toEqual({
      sql: '?? DESC NULLS FIRST, ?? ASC NULLS LAST, ?? ASC NULLS LAST', bindings: ['t.beds', 't.name', 't.id'],
    });
  });
});
