import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { knex, type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../engine/src/records/cursor.ts';
import { compileFilter, type ColumnInfo, type SqlFragment } from '../../engine/src/records/filter-sql.ts';
import { cursorValues, keysetPredicate } from '../../engine/src/records/keyset.ts';
import { orderByFragment, parseSort } from '../../engine/src/records/sort.ts';
import { evaluateLogic, isTruthy } from '../../metadata/src/jsonlogic.ts';
import { filterTrees } from '../helpers/filter-trees.ts';

const TYPES: Record<string, ColumnInfo['type']> = {
  id: 'uuid', created_at: 'datetime', name: 'text', level: 'picklist', beds: 'integer', revenue: 'money',
  founded: 'date', seen_at: 'datetime', active: 'boolean', tags: 'multi_picklist', parent: 'lookup',
};
const resolve = (name: string): ColumnInfo | undefined =>
  Object.hasOwn(TYPES, name) ? { identifier: `t.${name}`, type: TYPES[name] } : undefined;

type Row = Record<string, unknown>;
const pick = <T>(i: number, values: T[]): T => values[(i * 7 + 3) % values.length];

function makeRows(): Row[] {
  const parent = randomUUID();
  return Array.from({ length: 30 }, (_, i) => ({
    id: randomUUID(),
    created_at: new Date(Date.UTC(2024, 0, 1 + (i % 10), 8, 0, 0, 123)).toISOString(),
    name: pick(i, ['北京协和医院', 'abc clinic', 'ABC Hospital', '', null, `store ${i}`, '上海医院']),
    level: pick(i + 1, ['3A', '3B', '2A', null]),
    beds: pick(i + 2, [null, 0, 12, 250, 999, 12, -4]),
    revenue: pick(i + 3, [12.5, null, 0, 1000.25, 99.99]),
    founded: pick(i + 4, ['2020-02-29', null, '2024-01-01', '1999-12-31', '2024-06-15']),
    seen_at: pick(i + 5, [null, '2024-03-01T10:00:00.123Z', '2024-03-01T10:00:00.124Z', '2023-12-31T23:59:59.999Z']),
    active: pick(i + 6, [true, false, null]),
    tags: pick(i + 1, [['vip', 'new'], [], null, ['new']]),
    parent: pick(i, [parent, null]),
  }));
}

jsonLogic.add_operation('like', (value: unknown, pattern: string) => typeof value === 'string' && likeRegex(pattern, '').test(value));
jsonLogic.add_operation('ilike', (value: unknown, pattern: string) => typeof value === 'string' && likeRegex(pattern, 'i').test(value));
function likeRegex(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.');
  return new RegExp(`^${body}$`, `s${flags}`);
}

// Each atom behaves the same in JS and in SQL on these rows (JsonLogic's `null < 5` is true, so number
// comparisons here only ask for values a null can't satisfy).
const ATOMS: unknown[] = [
  { '==': [{ var: 'level' }, '3A'] }, { '!=': [{ var: 'level' }, '3A'] }, { '==': [{ var: 'level' }, null] },
  { '!==': [null, { var: 'beds' }] }, { '==': [{ var: 'beds' }, 12] }, { '>': [{ var: 'beds' }, 10] },
  { '>=': [{ var: 'revenue' }, '12.50'] }, { '<': [{ var: 'beds' }, -1] }, { '<=': [10, { var: 'beds' }, 300] },
  { '==': [{ var: 'founded' }, '2020-02-29'] }, { '<': [{ var: 'founded' }, '2024-01-01'] },
  { '<=': ['2020-01-01', { var: 'founded' }, '2024-03-01'] }, { '>': [{ var: 'seen_at' }, '2024-03-01T10:00:00.123Z'] },
  { var: 'active' }, { '==': [{ var: 'active' }, false] }, { '!': { var: 'active' } },
  { in: [{ var: 'level' }, ['3B', '2A']] }, { in: [{ var: 'level' }, ['3B', null]] }, { in: [{ var: 'beds' }, []] },
  { in: ['医院', { var: 'name' }] }, { in: ['', { var: 'name' }] }, { in: ['new', { var: 'tags' }] },
  { like: [{ var: 'name' }, '%医院'] }, { ilike: [{ var: 'name' }, 'abc%'] }, { '==': [{ var: 'parent' }, null] },
  { '==': [{ var: 'name' }, ''] }, true, false,
];

const FOLDED_ATOMS: unknown[] = [
  { '<': [{ var: 'founded' }, { date_add: ['2023-12-31', 1, 'days'] }] },
  { '==': [{ var: 'founded' }, { date_add: ['2020-03-31', -1, 'months'] }] },
  { in: [{ var: 'founded' }, [{ start_of: ['2024-01-20', 'month'] }, { date_add: ['2024-06-15', 0, 'years'] }]] },
  { '<': [{ var: 'founded' }, { today: [] }] }, { '>': [{ var: 'seen_at' }, { now: [] }] },
  { '>': [{ var: 'beds' }, { '*': [5, 2] }] }, { and: [{ '<': ['2000-01-01', { today: [] }] }, { var: 'active' }] },
];

let db: Knex;
const schema = `filter_sql_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const table = `${schema}.rows`;
const rows = makeRows();

beforeAll(async () => {
  db = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
  await db.schema.createSchema(schema);
  await db.raw(`create table ?? (id uuid primary key, created_at timestamptz(3) not null, name text, level text,
    beds integer, revenue numeric(12, 2), founded date, seen_at timestamptz(3), active boolean, tags text[], parent uuid)`, [table]);
  await db(table).insert(rows);
});

afterAll(async () => {
  await db?.raw('drop schema if exists ?? cascade', [schema]);
  await db?.destroy();
});

async function selectIds(where: SqlFragment, order: SqlFragment, extra = ''): Promise<Row[]> {
  const sql = `select t.* from ?? as t where ${where.sql} order by ${order.sql} ${extra}`;
  return (await db.raw(sql, [table, ...where.bindings, ...order.bindings] as Knex.RawBinding[])).rows;
}

async function expectSameAsJs(filter: unknown): Promise<void> {
  const order = orderByFragment(parseSort('id', resolve));
  const found = (await selectIds(compileFilter(filter, resolve), order)).map((r) => r.id);
  const expected = rows.filter((r) => jsonLogic.truthy(jsonLogic.apply(filter as RulesLogic, r))).map((r) => r.id).sort();
  expect(found.sort(), JSON.stringify(filter)).toEqual(expected);
}

describe('compileFilter on PostgreSQL', () => {
  it.each(ATOMS.map((atom) => [atom]))('matches json-logic-js for %j', async (atom) => {
    await expectSameAsJs(atom);
  });

  it('matches json-logic-js for random combinations', async () => {
    await fc.assert(fc.asyncProperty(filterTrees(ATOMS), expectSameAsJs), { numRuns: 150 });
  });

  // What reads no field is evaluated before compiling (jsonlogic-fold.ts); the platform's evaluator, which has the
  // date operators, is the reference for these.
  it.each(FOLDED_ATOMS.map((atom) => [atom]))('matches the JS evaluator for %j', async (atom) => {
    const order = orderByFragment(parseSort('id', resolve));
    const found = (await selectIds(compileFilter(atom, resolve), order)).map((r) => r.id);
    const expected = rows.filter((r) => isTruthy(evaluateLogic(atom, r))).map((r) => r.id).sort();
    expect(found.sort()).toEqual(expected);
  });

  it('runs every accepted literal without a database error', async () => {
    const values = fc.oneof(fc.jsonValue({ maxDepth: 0 }), fc.constantFrom('2024-02-29', '2023-02-29', '0000-01-01', '12.5', '1e5', '9999-12-31T23:59:59.999+14:00'));
    const ops = fc.constantFrom('==', '!=', '<', '>=', 'like');
    await fc.assert(fc.asyncProperty(ops, fc.constantFrom(...Object.keys(TYPES)), values, async (op, name, value) => {
      let where: SqlFragment;
      try {
        where = compileFilter({ [op]: [{ var: name }, value] }, resolve);
      } catch {
        return;
      }
      await selectIds(where, { sql: 't.id', bindings: [] });
    }), { numRuns: 300 });
  });
});

const SORTABLE = ['name', 'beds', 'revenue', 'founded', 'seen_at', 'active', 'level', 'created_at'];
const SORTS = [
  '', 'id', '-id', 'created_at', '-created_at,-id',
  ...SORTABLE.flatMap((a) => [a, `-${a}`]),
  ...SORTABLE.flatMap((a) => SORTABLE.filter((b) => b !== a).flatMap((b) => [`${a},${b}`, `-${a},${b}`, `${a},-${b}`, `-${a},-${b}`])),
];

describe('keyset pagination on PostgreSQL', () => {
  it.each(SORTS.map((s) => [s]))('visits every row once in ORDER BY order for sort "%s"', async (param) => {
    const keys = parseSort(param, resolve);
    const order = orderByFragment(keys);
    const all = (await selectIds({ sql: 'TRUE', bindings: [] }, order)).map((r) => r.id);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const where = cursor ? keysetPredicate(keys, decodeCursor(cursor, keys)) : { sql: 'TRUE', bindings: [] };
      const found = await selectIds(where, order, 'limit 4');
      const byOffset = await selectIds({ sql: 'TRUE', bindings: [] }, order, `limit 4 offset ${page * 4}`);
      expect(found.map((r) => r.id)).toEqual(byOffset.map((r) => r.id));
      if (!found.length) break;
      seen.push(...found.map((r) => r.id));
      cursor = encodeCursor(cursorValues(keys, found[found.length - 1]));
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(rows.length);
  });
});
