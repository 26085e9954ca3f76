/** The opaque `cursor` of a list page: base64url JSON of the last row's sort values, checked on the way in. */
import { QudaoError } from '../errors/catalog.ts';
import { literalFits } from './filter-sql.ts';
import type { SortKey } from './sort.ts';

const MAX_CURSOR_LENGTH = 4096;

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, keys: SortKey[]): unknown[] {
  const values = parse(cursor);
  const fits = Array.isArray(values) && values.length === keys.length
    && values.every((v, i) => v === null || literalFits(keys[i].type, v));
  if (!fits) throw badCursor();
  return values;
}

function parse(cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
}

function badCursor(): QudaoError {
  return new QudaoError('BAD_REQUEST', [{
    field: 'cursor', rule: 'invalid',
    message: { 'zh-CN': '分页游标无效或与排序不匹配', en: 'the cursor is not valid or does not match the sort' },
  }]);
}
