/** The `sort` parameter of a list query: parsed into keys that always end in a unique tiebreaker. */
import { MAX_SORT_KEYS } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import { valueKind, type ColumnInfo, type ColumnResolver, type SqlFragment } from './filter-sql.ts';

export interface SortKey { identifier: ColumnInfo['identifier']; column: string; descending: boolean; type: ColumnInfo['type'] }

const DEFAULT_SORT = '-created_at';

function badSort(rule: string, zh: string, en: string): QudaoError {
  return new QudaoError('BAD_REQUEST', [{ field: 'sort', rule, message: { 'zh-CN': zh, en } }]);
}

/**
 * "-created_at,name" → keys, then `id` as the tiebreaker unless it is already a key. The tiebreaker follows the
 * last key's direction, so a one-direction sort stays a row-value comparison that an index scan serves.
 */
export function parseSort(param: string | undefined, resolve: ColumnResolver): SortKey[] {
  const text = param?.trim() ? param : DEFAULT_SORT;
  const tokens = text.split(',');
  if (tokens.length > MAX_SORT_KEYS) throw badSort('too_many', `最多按 ${MAX_SORT_KEYS} 个字段排序`, `sort by at most ${MAX_SORT_KEYS} fields`);
  const keys = tokens.map((token) => sortKey(token.trim(), resolve));
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.column)) throw badSort('duplicate', `排序字段 "${key.column}" 重复`, `the sort field "${key.column}" appears twice`);
    seen.add(key.column);
  }
  if (seen.has('id')) return keys;
  return [...keys, { ...sortKey('id', resolve), descending: keys[keys.length - 1].descending }];
}

function sortKey(token: string, resolve: ColumnResolver): SortKey {
  const descending = token.startsWith('-');
  const column = descending ? token.slice(1) : token;
  const col = column ? resolve(column) : undefined;
  if (!col) throw badSort('unknown_field', `不能按 "${column}" 排序：字段不存在`, `cannot sort by "${column}": there is no such field`);
  if (['array', 'none'].includes(valueKind(col.type))) {
    throw badSort('not_sortable', `不能按 "${column}" 排序`, `the field "${column}" cannot be sorted`);
  }
  return { identifier: col.identifier, column, descending, type: col.type };
}

/** PostgreSQL's default null placement for each direction, so a plain btree index serves the order. */
export function orderByFragment(keys: SortKey[]): SqlFragment {
  return {
    sql: keys.map((k) => (k.descending ? '?? DESC NULLS FIRST' : '?? ASC NULLS LAST')).join(', '),
    bindings: keys.map((k) => k.identifier),
  };
}

