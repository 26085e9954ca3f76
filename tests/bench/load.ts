/** Bulk data for the bench objects: INSERT ... SELECT FROM generate_series, in slices so progress can be printed. */
import type { Knex } from 'knex';
import { DEALER_TABLE, FIELD_NAMES, REGIONS, STAGES, STATUSES, TABLE } from './fixtures.ts';

const arr = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/** One expression per column, in the order of `COLUMNS`; `g` is the series value. */
const EXPRESSIONS: Record<string, string> = {
  id: 'gen_random_uuid()',
  // one row every 30 s going back from now: about a year of history
  created_at: "now() - g * interval '30 seconds'",
  created_by: ':actor',
  updated_at: "now() - g * interval '30 seconds'",
  updated_by: ':actor',
  owner_id: ':actor',
  version: '1',
  name: "'Deal ' || g",
  code: "'C' || g",
  status: `(${arr(STATUSES)})[1 + floor(random() * ${STATUSES.length})::int]`,
  stage: `(${arr(STAGES)})[1 + floor(random() * ${STAGES.length})::int]`,
  region: `(${arr(REGIONS)})[1 + floor(random() * ${REGIONS.length})::int]`,
  amount: 'round((random() * 100000)::numeric, 2)',
  quantity: '1 + floor(random() * 100)::int',
  discount: 'round((random() * 30)::numeric, 1)::float8',
  weight: 'random() * 1000',
  active: 'random() < 0.8',
  signed_on: "date '2020-01-01' + (g % 2000)",
  closed_at: "CASE WHEN g % 3 = 0 THEN now() - g * interval '29 seconds' END",
  email: "'user' || g || '@example.com'",
  phone: "'13800138000'",
  website: "'https://example.com/d/' || g",
  notes: "'Note for deal ' || g",
  tags: "CASE g % 3 WHEN 0 THEN ARRAY['a'] WHEN 1 THEN ARRAY['a','b'] ELSE ARRAY['c'] END",
  parent: 'NULL::uuid',
  priority: 'g % 11',
  owner_name: "'Owner ' || (g % 100)",
  // round robin over the dealers (by code): each dealer's deals are spread over the whole year and the whole table
  dealer: 'd.ids[1 + g % cardinality(d.ids)]',
};

/** The dealers, D0001 …, loaded before the deals that point at them. */
export async function loadDealers(knex: Knex, total: number, actor: string): Promise<void> {
  await knex.raw(
    `INSERT INTO ${DEALER_TABLE} (id, created_at, created_by, updated_at, updated_by, owner_id, version, name, code, region) ` +
      `SELECT gen_random_uuid(), now(), :actor, now(), :actor, :actor, 1, 'Dealer ' || g, 'D' || to_char(g, 'FM0000'), ` +
      `(${arr(REGIONS)})[1 + g % ${REGIONS.length}] FROM generate_series(1, :total::int) AS g`,
    { actor, total },
  );
}

/** The dealers' ids in code order: the deal of series value g belongs to the (1 + g % count)-th. */
const DEALER_IDS = `(SELECT array_agg(id ORDER BY code) AS ids FROM ${DEALER_TABLE}) AS d`;

const COLUMNS = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'version', ...FIELD_NAMES];

export async function loadRows(
  knex: Knex,
  total: number,
  actor: string,
  progress: (done: number, total: number, ms: number) => void,
  slice = 100_000,
): Promise<void> {
  const select = COLUMNS.map((c) => EXPRESSIONS[c]).join(', ');
  const started = performance.now();
  for (let from = 1; from <= total; from += slice) {
    const to = Math.min(total, from + slice - 1);
    await knex.raw(
      `INSERT INTO ${TABLE} (${COLUMNS.map((c) => `"${c}"`).join(', ')}) SELECT ${select} FROM generate_series(:from::int, :to::int) AS g, ${DEALER_IDS}`,
      { actor, from, to },
    );
    progress(to, total, performance.now() - started);
  }
}
