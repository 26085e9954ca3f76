import type { Knex } from 'knex';
import { isReadFormula, SYSTEM_FIELDS, valueType } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime } from '../registry.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { compileFilter, type ColumnInfo, type ColumnResolver } from './filter-sql.ts';
import { cursorValues, keysetPredicate } from './keyset.ts';
import { orderByFragment, parseSort } from './sort.ts';
import { recordFromRow, type RecordData } from './row-mapping.ts';

export interface ListQuery {
  filter?: unknown;
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

/** Filters, sorts and sort keys resolve names only through the object's metadata: nothing else reaches SQL. */
export function columnResolver(object: ObjectRuntime): ColumnResolver {
  return (name) => {
    if (Object.hasOwn(SYSTEM_COLUMN_TYPES, name)) return { identifier: `${ALIAS}.${name}`, type: SYSTEM_COLUMN_TYPES[name] };
    const field = object.fields.get(name);
    if (!field) return undefined;
    // A formula computed on read has no column: the filter and sort compilers refuse its 'formula' type by name.
    return { identifier: `${ALIAS}.${name}`, type: isReadFormula(field) ? 'formula' : valueType(field) };
  };
}

const LOOKUP_TYPES = new Set(['lookup', 'master_detail']);

/**
 * Filters may also name a field one or two lookups away (`dealer.region`, `dealer.parent.tier`): it becomes a
 * subquery on the related table inside the same statement, following only lookups the metadata declares.
 */
export function filterResolver(knex: Knex, object: ObjectRuntime, objects: (name: string) => ObjectRuntime | undefined): ColumnResolver {
  const plain = columnResolver(object);
  return (name) => {
    const path = name.split('.');
    if (path.length === 1) return plain(name);
    if (path.length > 3) return undefined;
    let from = object;
    let source = 'r0';
    const joins: string[] = [];
    const bindings: string[] = [];
    for (const [depth, step] of path.slice(0, -1).entries()) {
      const field = from.fields.get(step);
      const target = field && LOOKUP_TYPES.has(field.type) ? objects(field.target ?? '') : undefined;
      if (!target) return undefined;
      const alias = `r${depth}`;
      joins.push(depth === 0 ? `FROM ?? AS ${alias}` : `JOIN ?? AS ${alias} ON ${alias}.id = r${depth - 1}.?? AND ${alias}.deleted_at IS NULL`);
      bindings.push(target.table, ...(depth === 0 ? [] : [step]));
      from = target;
      source = alias;
    }
    const leaf = columnResolver(from)(path[path.length - 1]);
    if (!leaf) return undefined;
    return {
      identifier: knex.raw(`(SELECT ${source}.?? ${joins.join(' ')} WHERE r0.id = ?? AND r0.deleted_at IS NULL)`, [path[path.length - 1], ...bindings, `${ALIAS}.${path[0]}`]),
      type: leaf.type,
    };
  };
}

export async function listRecords(
  knex: Knex,
  object: ObjectRuntime,
  query: ListQuery,
  options: { exactCountLimit: number; objects: (name: string) => ObjectRuntime | undefined },
): Promise<ListResult> {
  const resolve = columnResolver(object);
  const filterColumns = filterResolver(knex, object, options.objects);
  const keys = parseSort(query.sort, resolve);
  const limit = query.limit ?? 50;
  const where = (builder: Knex.QueryBuilder) => {
    builder.from({ [ALIAS]: object.table });
    builder.where(knex.raw(`${ALIAS}.deleted_at IS ${query.deleted ? 'NOT NULL' : 'NULL'}`));
    if (query.filter !== undefined) {
      const filter = compileFilter(query.filter, filterColumns);
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
