import { QudaoError } from '../errors/catalog.ts';
import { MAX_LIMIT, type ListQuery } from '../records/list-query.ts';

type Query = Record<string, string | undefined>;

export const badParam = (field: string, zh: string, en: string) =>
  new QudaoError('BAD_REQUEST', [{ field, rule: 'format', message: { 'zh-CN': zh, en } }]);

/**
 * A parameter sent twice (`?sort=a&sort=b`) reaches a route as an array, whatever its declared type: it is refused
 * with a 400 naming it, never handed on to code that expects a string.
 */
export function single(field: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw badParam(field, `参数 ${field} 只能出现一次`, `the parameter ${field} may appear only once`);
}

export const csv = (value: string | undefined, field: string) => {
  const text = single(field, value);
  return text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);
};

export const flag = (value: string | undefined) => value === 'true' || value === '1';

export function parseListQuery(query: Query): ListQuery {
  const param = (name: string) => single(name, query[name]);
  return {
    filter: parseFilter(param('filter')),
    view: param('view') || undefined,
    sort: param('sort'),
    limit: parseLimit(param('limit')),
    cursor: param('cursor'),
    fields: csv(query.fields, 'fields'),
    expand: csv(query.expand, 'expand'),
    count: flag(param('count')),
    deleted: flag(param('deleted')),
  };
}

function parseFilter(value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new QudaoError('FILTER_INVALID', [
      { field: 'filter', rule: 'json', message: { 'zh-CN': 'filter 不是有效的 JSON', en: 'filter is not valid JSON' } },
    ]);
  }
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badParam('limit', `limit 必须是 1 到 ${MAX_LIMIT} 的整数`, `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

/** If-Match carries the version a client read: `"3"`, `W/"3"` or `3`. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(version)) throw badParam('If-Match', 'If-Match 必须是记录的版本号', 'If-Match must be the record version');
  return version;
}

/** A page size of the admin lists (users, access audit). */
export function pageLimit(value: string | undefined, fallback = 50, max = 200): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw badParam('limit', `limit 必须是 1 到 ${max} 的整数`, `limit must be an integer from 1 to ${max}`);
  }
  return limit;
}

/** A query parameter that must be one of a few words; absent or empty is undefined. */
export function oneOf<T extends string>(field: string, given: string | undefined, allowed: readonly T[]): T | undefined {
  const value = single(field, given);
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw badParam(field, `${field} 须为 ${allowed.join(' / ')} 之一`, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A free-text query parameter that goes into SQL as a value: PostgreSQL text can't hold NUL. */
export function plainText(field: string, given: string | undefined, max = 200): string | undefined {
  const value = single(field, given);
  if (value === undefined || value === '') return undefined;
  if (value.length > max || value.includes('\u0000')) throw badParam(field, `${field} 无效`, `${field} is not valid`);
  return value;
}
