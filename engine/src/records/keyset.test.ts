import { describe, expect, it } from 'vitest';
import { cursorValues, keysetPredicate } from './keyset.ts';
import type { SortKey } from './sort.ts';

const key = (column: string, descending: boolean, type: SortKey['type'] = 'text'): SortKey =>
  ({ identifier: `t.${column}`, column, descending, type });
const id = key('id', false, 'uuid');
const ID = '0190a0b0-0000-7000-8000-000000000001';

describe('keysetPredicate', () => {
  it('uses a row-value comparison when all keys are never null and share a direction', () => {
    expect(keysetPredicate([key('created_at', true, 'datetime'), key('id', true, 'uuid')], ['2024-01-01T00:00:00.000Z', ID])).toEqual({
      sql: '(??, ??) < (?, ?)', bindings: ['t.created_at', 't.id', '2024-01-01T00:00:00.000Z', ID],
    });
    expect(keysetPredicate([key('version', false, 'integer'), id], [3, ID]).sql).toBe('(??, ??) > (?::bigint, ?)');
  });

  it('expands mixed directions', () => {
    expect(keysetPredicate([key('created_at', true, 'datetime'), id], ['2024-01-01', ID])).toEqual({
      sql: '(?? < ?) OR (?? = ? AND ?? > ?)',
      bindings: ['t.created_at', '2024-01-01', 't.created_at', '2024-01-01', 't.id', ID],
    });
  });

  it('keeps nulls last when ascending and first when descending', () => {
    expect(keysetPredicate([key('name', false), id], ['b', ID])).toEqual({
      sql: '((?? > ? OR ?? IS NULL)) OR (?? = ? AND ?? > ?)',
      bindings: ['t.name', 'b', 't.name', 't.name', 'b', 't.id', ID],
    });
    expect(keysetPredicate([key('name', false), id], [null, ID])).toEqual({
      sql: '(?? IS NULL AND ?? > ?)', bindings: ['t.name', 't.id', ID],
    });
    expect(keysetPredicate([key('beds', true, 'integer'), id], [null, ID])).toEqual({
      sql: '(?? IS NOT NULL) OR (?? IS NULL AND ?? > ?)', bindings: ['t.beds', 't.beds', 't.id', ID],
    });
    expect(keysetPredicate([key('beds', true, 'integer'), id], [4, ID]).sql).toBe('(?? < ?::bigint) OR (?? = ?::bigint AND ?? > ?)');
  });

  it('answers FALSE when nothing can follow', () => {
    expect(keysetPredicate([key('name', false)], [null])).toEqual({ sql: 'FALSE', bindings: [] });
  });
});

describe('cursorValues', () => {
  it('takes the sort values by column, dates as text', () => {
    const keys = [key('founded', false, 'date'), key('created_at', true, 'datetime'), key('name', false), id];
    const row = { founded: new Date(2024, 1, 29), created_at: new Date('2024-03-01T10:00:00.123Z'), id: ID };
    expect(cursorValues(keys, row)).toEqual(['2024-02-29', '2024-03-01T10:00:00.123Z', null, ID]);
  });
});
