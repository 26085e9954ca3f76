import type { Knex } from 'knex';
import { isReadFormula, SYSTEM_FIELDS, valueType } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime } from '../registry.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { compileFilter, type ColumnInfo, type ColumnResolver, type SqlFragment } from './filter-sql.ts';
import { cursorValues, keysetPredicate } from './keyset.ts';
import { orderByFragment, parseSort } from './sort.ts';
import { recordFromRow, type RecordData } from './row-mapping.ts';

export interface ListQuery {
  filter?: unknown;
  /** A list view to list through, `<layout>.<list view>` (list-views.ts turns it into the fields below). */
  view?: string;
  /** The list view's filter, AND-ed with `filter`. */
  viewFilter?: unknown;
  sort?: string;
  limit?: number;
  cursor?: string;
  fields?: string[];
  expand?: string[];
  count?: boolean;
  /** The recycle bin: soft-deleted records instead of live ones. */
  deleted?: boolean;
}

export interface ListResult {
  data: RecordData[];
  nextCursor: string | null;
  total?: number;
  totalIsEstimate?: boolean;
}

const ALIAS = 't';
export const MAX_LIMIT = 500;

const SYSTEM_COLUMN_TYPES: Record<string, ColumnInfo['type']> = {
  id: 'uuid', created_at: 'datetime', updated_at: 'datetime', deleted_at: 'datetime',
  created_by: 'uuid', updated_by: 'uuid', owner_id: 'uuid', version: 'integer',
};

/** What a requester may reach through a resolver; absent for the engine's own expressions (sharing criteria). */
export interface ResolverGuard {
  /** Whether a field (system fields included) of an object may be read, filtered or sorted on. */
  canRead(object: ObjectRuntime, field: string): boolean;
  /** The related rows a lookup path may see: a condition over `alias`, or null for all of them. */
  visibleRows(object: ObjectRuntime, alias: string): SqlFragment | null;
}

/** The requester's reach, as a list needs it (security/record-scope.ts implements it). */
export interface ListScope extends ResolverGuard {
  /** The rows the requester may read, as a condition over `alias`; null when that is every row. */
  rows(object: ObjectRuntime, mode: 'read', alias: string): SqlFragment | null;
}

/** Filters, sorts and sort keys resolve names only through the object's metadata: nothing else reaches SQL. */
export function columnResolver(object: ObjectRuntime, alias = ALIAS, guard?: ResolverGuard): ColumnResolver {
  return (name) => {
    if (guard && !guard.canRead(object, name)) return undefined;
    if (Object.hasOwn(SYSTEM_COLUMN_TYPES, name)) return { identifier: `${alias}.${name}`, type: SYSTEM_COLUMN_TYPES[name] };
    const field = object.fields.get(name);
    if (!field) return undefined;
    // A formula computed on read has no column: the filter and sort compilers refuse its 'formula' type by name.
    return { identifier: `${alias}.${name}`, type: isReadFormula(field) ? 'formula' : valueType(field) };
  };
}

const LOOKUP_TYPES = new Set(['lookup', 'master_detail']);

/** One lookup followed: the related table, its alias, the column (on the record or the previous hop) pointing at it, and which of its rows count. */
interface Hop { table: string; alias: string; from: string; visible: SqlFragment | null }

/**
 * Filters may also name a field one or two lookups away (`partner.region`, `partner.parent.tier`), following only
 * lookups the metadata declares: a condition on it becomes an EXISTS on the related rows in the same statement.
 * With a guard, every step must be readable and a related row the requester can't see reads as empty.
 */
export function filterResolver(
  object: ObjectRuntime,
  objects: (name: string) => ObjectRuntime | undefined,
  alias = ALIAS,
  guard?: ResolverGuard,
): ColumnResolver {
  const plain = columnResolver(object, alias, guard);
  return (name) => {
    const path = name.split('.');
    if (path.length === 1) return plain(name);
    if (path.length > 3) return undefined;
    const followed = followLookups(object, path.slice(0, -1), objects, alias, guard);
    const leafName = path[path.length - 1];
    const leaf = followed && columnResolver(followed.target, ALIAS, guard)(leafName);
    if (!leaf) return undefined;
    const { hops } = followed;
    return {
      identifier: `${hops[hops.length - 1].alias}.${leafName}`,
      type: leaf.type,
      through: (condition, matchesEmpty) => throughLookups(hops, condition, matchesEmpty),
    };
  };
}

function followLookups(object: ObjectRuntime, steps: string[], objects: (name: string) => ObjectRuntime | undefined, alias: string, guard?: ResolverGuard) {
  const hops: Hop[] = [];
  let target = object;
  for (const [depth, step] of steps.entries()) {
    const field = target.fields.get(step);
    const next = field && LOOKUP_TYPES.has(field.type) ? objects(field.target ?? '') : undefined;
    if (!next || (guard && !guard.canRead(target, step))) return undefined;
    const hopAlias = alias === ALIAS ? `r${depth}` : `${alias}_r${depth}`;
    const from = depth === 0 ? alias : hops[depth - 1].alias;
    hops.push({ table: next.table, alias: hopAlias, from: `${from}.${step}`, visible: guard ? guard.visibleRows(next, hopAlias) : null });
    target = next;
  }
  return { hops, target };
}

/**
 * A lookup path reads as empty when a lookup on the way is empty or points at a deleted row. A condition false
 * for an empty field becomes "a live related row satisfies it": a semi-join PostgreSQL runs from the related
 * table through the lookup's index (nested per hop), and still an indexed probe per row under an `or` or `!`,
 * where `IN (subquery)` would fall back to rescanning the subquery. A condition true for an empty field becomes
 * "no live related row fails it", an anti-join; `IS NOT TRUE` counts a null result as failing, as the outer
 * filter would.
 */
function throughLookups(hops: Hop[], condition: SqlFragment, matchesEmpty: boolean): SqlFragment {
  const onRelated = matchesEmpty ? { sql: `(${condition.sql}) IS NOT TRUE`, bindings: condition.bindings } : condition;
  const exists = hops.reduceRight<SqlFragment>((inner, hop) => ({
    sql: `EXISTS (SELECT 1 FROM ?? AS ${hop.alias} WHERE ${hop.alias}.id = ?? AND ${hop.alias}.deleted_at IS NULL${hop.visible ? ` AND (${hop.visible.sql})` : ''} AND (${inner.sql}))`,
    bindings: [hop.table, hop.from, ...(hop.visible?.bindings ?? []), ...inner.bindings],
  }), onRelated);
  return matchesEmpty ? { sql: `NOT ${exists.sql}`, bindings: exists.bindings } : exists;
}

export async function listRecords(
  knex: Knex,
  object: ObjectRuntime,
  query: ListQuery,
  options: { exactCountLimit: number; objects: (name: string) => ObjectRuntime | undefined; scope: ListScope },
): Promise<ListResult> {
  const { scope } = options;
  const resolve = columnResolver(object, ALIAS, scope);
  const filterColumns = filterResolver(object, options.objects, ALIAS, scope);
  const visible = scope.rows(object, 'read', ALIAS);
  const keys = parseSort(query.sort, resolve);
  const limit = query.limit ?? 50;
  const where = (builder: Knex.QueryBuilder) => {
    builder.from({ [ALIAS]: object.table });
    builder.where(knex.raw(`${ALIAS}.deleted_at IS ${query.deleted ? 'NOT NULL' : 'NULL'}`));
    if (visible) builder.where(knex.raw(visible.sql, visible.bindings as Knex.RawBinding[]));
    for (const expr of [query.viewFilter, query.filter]) {
      if (expr === undefined) continue;
      const filter = compileFilter(expr, filterColumns);
      builder.where(knex.raw(filter.sql, filter.bindings as Knex.RawBinding[]));
    }
  };
  const page = knex.queryBuilder();
  where(page);
  if (query.cursor !== undefined) {
    const after = keysetPredicate(keys, decodeCursor(query.cursor, keys));
    page.where(knex.raw(after.sql, after.bindings as Knex.RawBinding[]));
  }
  const order = orderByFragment(keys);
  const columns = selectedColumns(object, query.fields, keys.map((k) => k.column));
  page.select(columns.map((c) => `${ALIAS}.${c}`)).orderByRaw(order.sql, order.bindings as Knex.RawBinding[]).limit(limit + 1);
  const rows: RecordData[] = await page;
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const result: ListResult = {
    data: pageRows.map((row) => recordFromRow(object, row, query.fields)),
    nextCursor: hasMore ? encodeCursor(cursorValues(keys, pageRows[pageRows.length - 1])) : null,
  };
  if (query.count) Object.assign(result, await countRows(knex, where, options.exactCountLimit));
  return result;
}

function selectedColumns(object: ObjectRuntime, fields: string[] | undefined, sortColumns: string[]): string[] {
  if (!fields) return [...object.columns];
  const unknown = fields.filter((f) => !object.fields.has(f) && !(SYSTEM_FIELDS as readonly string[]).includes(f));
  if (unknown.length) {
    throw new QudaoError(
      'BAD_REQUEST',
      unknown.map((name) => ({
        field: 'fields',
        rule: 'unknown_field',
        message: { 'zh-CN': `${object.name} 没有字段 ${name}`, en: `${object.name} has no field ${name}` },
      })),
    );
  }
  // A formula computed on read may read any stored field.
  if (fields.some((f) => object.fields.get(f) && isReadFormula(object.fields.get(f)!))) return [...object.columns];
  return [...new Set(['id', 'version', ...fields, ...sortColumns])];
}

/** Exact up to the limit, then PostgreSQL's estimate: a count never costs more than a bounded scan. */
async function countRows(
  knex: Knex,
  where: (builder: Knex.QueryBuilder) => void,
  exactCountLimit: number,
): Promise<{ total: number; totalIsEstimate: boolean }> {
  const bounded = knex.queryBuilder();
  where(bounded);
  bounded.select(knex.raw('1')).limit(exactCountLimit + 1);
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM (?) AS bounded', [bounded]);
  const exact = Number(rows[0].n);
  if (exact <= exactCountLimit) return { total: exact, totalIsEstimate: false };
  const all = knex.queryBuilder();
  where(all);
  all.select(knex.raw('1'));
  const { sql, bindings } = all.toSQL();
  const explained = await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, bindings as Knex.RawBinding[]);
  const plan = explained.rows[0]['QUERY PLAN'];
  const estimate = Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']);
  return { total: Math.max(estimate, exact), totalIsEstimate: true };
}
