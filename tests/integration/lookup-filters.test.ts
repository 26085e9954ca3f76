/**
 * List filters on lookup paths (`partner.tier`, `partner.parent.region`) run as EXISTS semi- and anti-joins.
 * The oracle is the compilation they replaced: each path as a scalar subquery that reads an empty value when a
 * lookup on the way is empty or points at a deleted row. Random filters must find the same rows with both.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFilter, type ColumnInfo } from '../../engine/src/records/filter-sql.ts';
import { filterTrees } from '../helpers/filter-trees.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string) => ({ 'zh-CN': en, en });
const options = [{ value: 'vip', label: label('VIP') }, { value: 'new', label: label('New') }];
const PARTNER = {
  kind: 'object', name: 'partner', label: label('Partner'),
  fields: [
    { name: 'tier', type: 'text', label: label('Tier') },
    { name: 'region', type: 'region', label: label('Region') },
    { name: 'score', type: 'integer', label: label('Score') },
    { name: 'active', type: 'boolean', label: label('Active') },
    { name: 'tags', type: 'multi_picklist', label: label('Tags'), options },
    { name: 'parent', type: 'lookup', target: 'partner', label: label('Parent') },
  ],
};
const PURCHASE = {
  kind: 'object', name: 'purchase', label: label('Purchase'),
  fields: [
    { name: 'partner', type: 'lookup', target: 'partner', label: label('Partner') },
    { name: 'amount', type: 'money', label: label('Amount') },
  ],
};

const LEAF_TYPES: Record<string, ColumnInfo['type']> = {
  id: 'uuid', tier: 'text', region: 'region', score: 'integer', active: 'boolean', tags: 'multi_picklist', parent: 'lookup',
};
const LOCAL_TYPES: Record<string, ColumnInfo['type']> = { partner: 'lookup', amount: 'money' };
const PATHS = ['partner', 'partner.parent'].flatMap((via) => Object.keys(LEAF_TYPES).map((leaf) => `${via}.${leaf}`));

type Row = Record<string, unknown>;
const pick = <T>(i: number, values: T[]): T => values[i % values.length];

/** Partner values with empties everywhere; `deleted` marks soft-deleted rows. */
function partner(i: number, parent: string | null, deleted: boolean): Row {
  return {
    id: randomUUID(), parent, deleted_at: deleted ? new Date().toISOString() : null,
    tier: pick(i, ['a', 'b', null, '', 'ab']), region: pick(i, ['310104', null, '510104', '310000']),
    score: pick(i, [5, null, -1, 0, 12]), active: pick(i, [true, null, false]), tags: pick(i, [['vip'], null, [], ['vip', 'new']]),
  };
}

// Top-level partners, then partners under them (or under none); a few of each soft-deleted.
const tops = Array.from({ length: 6 }, (_, i) => partner(i, null, i % 4 === 3));
const children = Array.from({ length: 14 }, (_, i) => partner(i + 2, pick(i, [...tops.map((p) => p.id as string), null]), i % 5 === 4));
const partners = [...tops, ...children];
const purchases: Row[] = Array.from({ length: 48 }, (_, i) => ({
  id: randomUUID(), partner: pick(i, [...partners.map((p) => p.id as string), null]), amount: pick(i, [5, 20, null]),
}));

function atomsOn(via: string): unknown[] {
  const v = (leaf: string) => ({ var: `${via}.${leaf}` });
  const someId = via === 'partner' ? children[0].id : tops[0].id;
  return [
    { '==': [v('tier'), 'a'] }, { '!=': [v('tier'), 'a'] }, { '==': [v('tier'), null] }, { '!==': [null, v('tier')] },
    { in: [v('tier'), ['a', 'b']] }, { in: [v('tier'), ['a', null]] }, { in: [v('tier'), [null]] }, { in: [v('tier'), []] },
    { in: ['b', v('tier')] }, { in: ['', v('tier')] }, { like: [v('tier'), 'a%'] }, { ilike: [v('tier'), 'A%'] },
    { region_in: [v('region'), '310000'] }, { region_in: [v('region'), '510104'] }, { '==': [v('region'), '310104'] },
    { '>': [v('score'), 0] }, { '<=': [0, v('score')] }, { '<': [-5, v('score'), 10] }, { '!=': [v('score'), 5] },
    { var: `${via}.active` }, { '!': { var: `${via}.active` } }, { '==': [v('active'), false] }, { '!=': [v('active'), true] },
    { in: ['vip', v('tags')] }, { '==': [v('tags'), null] },
    { '==': [v('id'), null] }, { '!=': [v('id'), null] }, { '==': [v('id'), someId] }, { '!=': [v('id'), someId] },
    { '==': [v('parent'), null] }, { '!=': [v('parent'), tops[0].id] },
  ];
}
const ATOMS = [...atomsOn('partner'), ...atomsOn('partner.parent'), { '==': [{ var: 'partner' }, null] }, { '>': [{ var: 'amount' }, 10] }];

/** The previous compilation of a lookup path: a scalar subquery, run for each row. */
function scalarSubquery(path: string): string {
  const [lookup, next, leaf] = path.split('.');
  if (leaf === undefined) return `(SELECT r0."${next}" FROM data.partner AS r0 WHERE r0.id = t."${lookup}" AND r0.deleted_at IS NULL)`;
  return `(SELECT r1."${leaf}" FROM data.partner AS r0 JOIN data.partner AS r1 ON r1.id = r0."${next}" AND r1.deleted_at IS NULL
    WHERE r0.id = t."${lookup}" AND r0.deleted_at IS NULL)`;
}

const flat = (path: string) => path.replaceAll('.', '__');
const oracleColumns = (name: string): ColumnInfo | undefined => {
  if (Object.hasOwn(LOCAL_TYPES, name)) return { identifier: `t.${name}`, type: LOCAL_TYPES[name] };
  return PATHS.includes(name) ? { identifier: `t.${flat(name)}`, type: LEAF_TYPES[name.split('.').pop()!] } : undefined;
};

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  expect((await deploy(app, [PARTNER, PURCHASE])).statusCode).toBe(200);
  const { knex } = app.db;
  await knex('data.partner').insert(tops);
  await knex('data.partner').insert(children);
  await knex('data.purchase').insert(purchases);
  const columns = PATHS.map((path) => `${scalarSubquery(path)} AS "${flat(path)}"`);
  await knex.raw(`CREATE VIEW data.purchase_oracle AS SELECT t.*, ${columns.join(', ')} FROM data.purchase AS t`);
});
afterAll(async () => app?.dispose());

async function expectSameAsScalarSubqueries(filter: unknown): Promise<void> {
  const res = await app.server.inject({ method: 'GET', url: `/api/records/purchase?limit=500&fields=id&filter=${encodeURIComponent(JSON.stringify(filter))}` });
  expect(res.statusCode, res.body).toBe(200);
  const where = compileFilter(filter, oracleColumns);
  const { rows } = await app.db.knex.raw(`SELECT t.id FROM data.purchase_oracle AS t WHERE t.deleted_at IS NULL AND (${where.sql})`, where.bindings as Knex.RawBinding[]);
  const found = res.json().data.map((r: Row) => r.id).sort();
  expect(found, JSON.stringify(filter)).toEqual(rows.map((r: Row) => r.id).sort());
}

describe('list filters on lookup paths', () => {
  it('have a fixture where each way a path reads empty decides some rows', async () => {
    const { rows } = await app.db.knex.raw(`SELECT
      count(*) FILTER (WHERE partner IS NULL)::int AS no_lookup,
      count(*) FILTER (WHERE partner IS NOT NULL AND partner__id IS NULL)::int AS deleted_partner,
      count(*) FILTER (WHERE partner__id IS NOT NULL AND partner__tier IS NULL)::int AS empty_field,
      count(*) FILTER (WHERE partner__parent IS NOT NULL AND partner__parent__id IS NULL)::int AS deleted_parent,
      count(*) FILTER (WHERE partner__parent__tier IS NOT NULL)::int AS two_deep
      FROM data.purchase_oracle`);
    for (const [kind, count] of Object.entries(rows[0])) expect(count, kind).toBeGreaterThanOrEqual(2);
  });

  it.each(ATOMS.map((atom) => [atom]))('find the same rows as a scalar subquery for %j', async (atom) => {
    await expectSameAsScalarSubqueries(atom);
  });

  it('find the same rows as scalar subqueries for random combinations', async () => {
    await fc.assert(fc.asyncProperty(filterTrees(ATOMS), expectSameAsScalarSubqueries), { numRuns: 200 });
  });
});
