import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { capturedQueries } from '../helpers/captured-queries.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const ROWS = 1_000_000;
let app: TestApp;

/** EXPLAIN of the statement exactly as the engine sent it (native $n placeholders, same bindings). */
async function planOf(query: { sql: string; bindings: readonly unknown[] }): Promise<string> {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`EXPLAIN ${query.sql}`, query.bindings as unknown[]);
    return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  app = await startTestApp();
  expect((await deploy(app, [HOSPITAL_OBJECT])).statusCode).toBe(200);
  await app.db.knex.raw(
    `INSERT INTO data.hospital (id, created_at, updated_at, name, code, level, region, beds)
     SELECT gen_random_uuid(), now() - g * interval '1 second', now(), 'H' || g, 'C' || g,
            CASE WHEN g % 5 = 0 THEN '3A' ELSE '3B' END, lpad((110000 + g % 3000)::text, 6, '0'), g % 3000
     FROM generate_series(1, ${ROWS}) g`,
  );
  await app.db.knex.raw('ANALYZE data.hospital');
}, 300_000);
afterAll(async () => app?.dispose());

describe(`list queries at ${ROWS.toLocaleString('en')} rows`, () => {
  const listUrl = (query: Record<string, string>) => `/api/records/hospital?${new URLSearchParams(query)}`;
  const cases: [string, Record<string, string>][] = [
    ['the default list (newest first)', {}],
    ['a filter on the declared (region, level) index, sorted', { filter: JSON.stringify({ and: [{ '==': [{ var: 'region' }, '110042'] }, { '==': [{ var: 'level' }, '3A'] }] }), sort: '-created_at' }],
    ['a unique field', { filter: JSON.stringify({ '==': [{ var: 'code' }, 'C777'] }) }],
    ['a lookup field', { filter: JSON.stringify({ '==': [{ var: 'parent' }, '01900000-0000-7000-8000-000000000000'] }) }],
    ['the second page of the default list', {}],
  ];

  for (const [name, query] of cases) {
    it(`plans ${name} as an index scan`, async () => {
      let url = listUrl(query);
      if (name.startsWith('the second page')) {
        const first = await app.server.inject({ method: 'GET', url: listUrl({ limit: '50' }) });
        url = listUrl({ limit: '50', cursor: first.json().nextCursor });
      }
      const [list] = await capturedQueries(app.db.knex, async () => {
        const res = await app.server.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
      });
      const plan = await planOf(list);
      expect(plan).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
      expect(plan).not.toMatch(/Seq Scan/);
    });
  }

  it('counts exactly up to the limit and estimates beyond it, without a full count', async () => {
    const res = await app.server.inject({ method: 'GET', url: listUrl({ count: 'true', limit: '5' }) });
    const { total, totalIsEstimate } = res.json();
    expect(totalIsEstimate).toBe(true);
    expect(Math.abs(total - ROWS) / ROWS).toBeLessThan(0.2);
    const few = await app.server.inject({ method: 'GET', url: listUrl({ count: 'true', filter: JSON.stringify({ '==': [{ var: 'code' }, 'C12'] }) }) });
    expect(few.json()).toMatchObject({ total: 1, totalIsEstimate: false });
  });
});
