/**
 * Issue 9's speed of dealer authorizations: the exclusive-grant conflict check and "who may sell" against 200,000
 * grants of the medical pack (with its demo data), on PostgreSQL. Latencies are one request (or query) at a time,
 * alternating with the baseline measured in the same run: over HTTP, `GET /api/records/dealer_authorization/:id` of
 * the same server with the same token (a primary-key SELECT of the same table through the same path); without HTTP,
 * that primary-key SELECT on the same connection as the query. `BENCH_ONLY=authorizations` runs it alone and prints it.
 */
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { createApp, type App } from '../../engine/src/app.ts';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { pluginDb } from '../../engine/src/plugins/plugin-db.ts';
import type { PluginDb, RecordData } from '../../engine/src/plugin-api.ts';
import { findConflicts } from '../../plugins/medical_dms/authorizations/grant-conflicts.ts';
import { whoMaySell, type WhoMaySellQuery } from '../../plugins/medical_dms/authorizations/who-may-sell.ts';
import { actAsAdmin, createTestDatabase } from '../helpers/test-app.ts';
import { FIRST_YEAR, GRANT_MIX, GRANTS_TABLE, YEARS, loadGrants } from './authorizations-fixtures.ts';
import { quantiles, timeMs, type Quantiles } from './measure.ts';
import { f0, f2, type Row, type Section, type Target } from './report.ts';
import { startServers } from './servers.ts';

const GRANTS = Number(process.env.BENCH_GRANTS ?? 200_000);
const SAMPLES = Number(process.env.BENCH_AUTHORIZATION_SAMPLES ?? 400);
const WARM = 20;
/** The tables the pack's SQL reads (the plugin's own objects). */
const PACK_OBJECTS = new Set(['dealer_authorization', 'authorization_exclusion', 'dealer', 'product', 'product_line', 'hospital', 'department']);
const PK_SQL = `SELECT * FROM ${GRANTS_TABLE} WHERE id = $1 AND deleted_at IS NULL`;
/** This bench's first run, on the query and indexes the pack had before it (the record of what the change did). */
const BEFORE =
  'Before (this bench on 2026-12-05 on the same shared machine, on the first shape of the query: `(product = P OR product_line = L) AND ' +
  '(the hospital OR a region containing it)` with the indexes (product, valid_from), (product_line, valid_from), (hospital, department) and (region)): ' +
  'the conflict check 14.06 / 758.98 ms p50 / p95 over HTTP (get by id 1.29 / 5.33 ms), its SQL alone 12.42 / 1,021.68 ms; who may sell 12.16 / 34.91 ms ' +
  'over HTTP, its SQL alone 14.66 / 36.24 ms. PostgreSQL cannot push an AND of two ORs into an index: a product grant\'s check read every grant of ' +
  'the product and of its line that started before the period (8,455 rows removed by the filter), a line grant\'s check every grant that started ' +
  'before it, and a region grant\'s check the whole table (a Seq Scan, 180,947 rows removed), whose estimated cost also set off JIT compilation ' +
  '(0.95 s of a 1.13 s query). Now the condition is three arms, each an index condition of one declared index, (product, hospital, exclusive), ' +
  '(product_line, hospital, exclusive) and (product_line, region, exclusive), read as a BitmapOr; a region\'s hospitals and overlapping regions ' +
  'are arrays (an InitPlan, or the region tree\'s codes) rather than a LIKE or a join.';

interface Pair { subject: Quantiles; baseline: Quantiles }
interface Plan { name: string; sql: string; plan: string }
interface NativeQuery { sql: string; bindings: unknown[] }

export interface AuthorizationsRun {
  grants: number;
  exclusions: number;
  loadS: number;
  samples: number;
  conflictsHttp: Pair;
  conflictsSql: Pair;
  whoMaySellHttp: Pair;
  whoMaySellSql: Pair;
  /** Mean conflicts a check found, mean grants a who-may-sell answer listed. */
  found: { conflicts: number; sellers: number };
  /** The statements one conflict check and one get by id send (knex query log, shortened). */
  statements: { check: string[]; get: string[] };
  plans: Plan[];
  /** The 1-minute load average before and after the measured calls (the machine is shared). */
  load: { start: number; end: number };
}

export async function measureAuthorizations(log: (m: string) => void = console.log): Promise<AuthorizationsRun> {
  const db = await createTestDatabase();
  const config = { ...loadConfig({}), databaseUrl: db.url, logLevel: 'silent', relayOutbox: false };
  let app: App | undefined;
  let pool: pg.Pool | undefined;
  let servers: Awaited<ReturnType<typeof startServers>> | undefined;
  try {
    app = await createApp(config, pino({ level: 'silent' }));
    const token = await actAsAdmin(app);
    await installBundledPlugins(app, { ...config, bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
    log(`authorizations: loading ${GRANTS.toLocaleString('en-US')} grants (INSERT … SELECT FROM generate_series)`);
    const t0 = performance.now();
    const loaded = await loadGrants(app.db.knex, GRANTS, app.adminId);
    await app.db.knex.raw(`VACUUM ANALYZE ${GRANTS_TABLE}`);
    await app.db.knex.raw('VACUUM ANALYZE data.authorization_exclusion');
    const loadS = (performance.now() - t0) / 1000;
    log(`authorizations: ${loaded.grants.toLocaleString('en-US')} grants, ${loaded.exclusions.toLocaleString('en-US')} exclusions, ANALYZE done (${f0(loadS)} s)`);

    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const candidates = await draftGrants(pool, SAMPLES);
    const asks = await whoMaySellAsks(pool);
    const packDb = pluginDb(app.db.knex, app.registry, PACK_OBJECTS);
    const conflictSql: NativeQuery[] = [];
    const whoSql: NativeQuery[] = [];
    for (const candidate of candidates) conflictSql.push(await captureSelect(app, () => findConflicts(packDb, candidate)));
    for (const ask of asks) whoSql.push(await captureSelect(app, () => askWhoMaySell(packDb, ask)));

    const candidateUrl = `/api/records/dealer_authorization/${candidates[0]!.id}`;
    await app.server.inject({ method: 'GET', url: candidateUrl }); // the first request of a token also looks the token up
    const statements = {
      check: await statementsOf(app, () => app!.server.inject({ method: 'POST', url: `${candidateUrl}/actions/check_conflicts` })),
      get: await statementsOf(app, () => app!.server.inject({ method: 'GET', url: candidateUrl })),
    };
    servers = await startServers(db.url, app.adminId);
    const headers = { authorization: `Bearer ${token}` };
    const request = (method: 'GET' | 'POST', url: string) => async () => {
      const res = await fetch(`${servers!.engineUrl}${url}`, { method, headers });
      if (res.status !== 200) throw new Error(`bench: ${method} ${url} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { data: unknown[] };
    };
    const checkOf = (i: number) => request('POST', `/api/records/dealer_authorization/${candidates[i % candidates.length]!.id}/actions/check_conflicts`);
    const askOf = (i: number) => request('GET', `/api/plugins/medical_dms/who-may-sell?${new URLSearchParams(askParams(asks[i % asks.length]!))}`);
    const getOf = (i: number) => request('GET', `/api/records/dealer_authorization/${candidates[i % candidates.length]!.id}`);

    const loadStart = os.loadavg()[0]!;
    let conflicts = 0;
    let sellers = 0;
    for (let i = 0; i < candidates.length; i++) conflicts += (await checkOf(i)()).data.length;
    for (let i = 0; i < asks.length; i++) sellers += (await askOf(i)()).data.length;

    log(`authorizations: conflict check over HTTP vs get by id, ${SAMPLES} each, alternating`);
    const conflictsHttp = await alternateLatency(checkOf, getOf);
    log(`authorizations: who may sell over HTTP vs get by id, ${SAMPLES} each, alternating`);
    const whoMaySellHttp = await alternateLatency(askOf, getOf);
    const pk = (i: number) => () => pool!.query(PK_SQL, [candidates[i % candidates.length]!.id]);
    const run = (queries: NativeQuery[]) => (i: number) => () => pool!.query(queries[i % queries.length]!.sql, queries[i % queries.length]!.bindings);
    log('authorizations: the two queries alone vs the primary-key SELECT, one connection');
    const conflictsSql = await alternateLatency(run(conflictSql), pk);
    const whoMaySellSql = await alternateLatency(run(whoSql), pk);

    const checkOfFirst = async (shape: string) => captureSelect(app!, async () => findConflicts(packDb, (await draftGrants(pool!, 1, shape))[0]!));
    const plans = [
      await explain(pool, 'the conflict check of a product grant at a hospital and department', await checkOfFirst('product IS NOT NULL AND department IS NOT NULL')),
      await explain(pool, 'the conflict check of a product line grant in a province', await checkOfFirst(`region LIKE '%0000'`)),
      await explain(pool, 'who may sell a product at a hospital department on a day', whoSql[0]!),
    ];
    return {
      grants: loaded.grants, exclusions: loaded.exclusions, loadS, samples: SAMPLES,
      conflictsHttp, conflictsSql, whoMaySellHttp, whoMaySellSql,
      found: { conflicts: conflicts / candidates.length, sellers: sellers / asks.length },
      statements,
      plans,
      load: { start: loadStart, end: os.loadavg()[0]! },
    };
  } finally {
    await servers?.stop();
    await pool?.end();
    await app?.close();
    await db.drop();
  }
}

/** The candidates: draft grants (of a shape, or of every shape: product or line, hospital or region) in id order (random uuids: a sample). */
async function draftGrants(pool: pg.Pool, limit: number, shape = 'TRUE'): Promise<RecordData[]> {
  const { rows } = await pool.query(
    `SELECT id, product, product_line, hospital, department, region, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
     FROM ${GRANTS_TABLE} WHERE status = 'draft' AND deleted_at IS NULL AND ${shape} ORDER BY id LIMIT $1`, [limit]);
  if (!rows.length) throw new Error(`bench: no draft grant where ${shape}`);
  return rows;
}

/** The asks: products, departments (a quarter of them the whole hospital) and days over the grants' years, varied. */
async function whoMaySellAsks(pool: pg.Pool): Promise<WhoMaySellQuery[]> {
  const products: string[] = (await pool.query('SELECT id FROM data.product WHERE deleted_at IS NULL ORDER BY id')).rows.map((r) => r.id);
  const departments: { id: string; hospital: string }[] = (await pool.query('SELECT id, hospital FROM data.department WHERE deleted_at IS NULL ORDER BY id')).rows;
  return Array.from({ length: SAMPLES }, (_, i) => {
    const department = departments[(i * 131) % departments.length]!;
    const date = `${FIRST_YEAR + (i % YEARS)}-${String(1 + ((i * 5) % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    return { product: products[(i * 7) % products.length]!, hospital: department.hospital, department: i % 4 === 3 ? null : department.id, date };
  });
}

const askParams = (ask: WhoMaySellQuery): Record<string, string> =>
  ({ product: ask.product, hospital: ask.hospital, date: ask.date, ...(ask.department ? { department: ask.department } : {}) });

const askWhoMaySell = (packDb: PluginDb, ask: WhoMaySellQuery) => whoMaySell(packDb, ask, { kind: 'internal' } as Parameters<typeof whoMaySell>[2]);

/** The statements `run` sends through knex, the first words of each. */
async function statementsOf(app: App, run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onQuery = (q: { sql: string }) => seen.push(q.sql.replace(/\s+/g, ' ').replace(/^(select) .*? from (\S+).*$/is, '$1 … from $2').replace(/;$/, ''));
  app.db.knex.on('query', onQuery);
  try {
    await run();
  } finally {
    app.db.knex.off('query', onQuery);
  }
  return seen;
}

/** The SELECT `run` sends through knex (the read-only transaction's other statements left out), with pg's $n placeholders. */
async function captureSelect(app: App, run: () => Promise<unknown>): Promise<NativeQuery> {
  const seen: NativeQuery[] = [];
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  app.db.knex.on('query', onQuery);
  try {
    await run();
  } finally {
    app.db.knex.off('query', onQuery);
  }
  const select = seen.find((q) => /^\s*select/i.test(q.sql));
  if (!select) throw new Error('bench: no SELECT captured');
  return /\$1\b/.test(select.sql) ? select : (app.db.knex.raw(select.sql, select.bindings as never).toSQL().toNative() as NativeQuery);
}

/** `SAMPLES` latencies of each side after `WARM` rounds, one call at a time, the side going first flipping every round. */
async function alternateLatency(subject: (i: number) => () => Promise<unknown>, baseline: (i: number) => () => Promise<unknown>): Promise<Pair> {
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < SAMPLES + WARM; i++) {
    let subjectMs: number;
    let baselineMs: number;
    if (i % 2 === 0) {
      subjectMs = await timeMs(subject(i));
      baselineMs = await timeMs(baseline(i));
    } else {
      baselineMs = await timeMs(baseline(i));
      subjectMs = await timeMs(subject(i));
    }
    if (i >= WARM) { s.push(subjectMs); b.push(baselineMs); }
  }
  return { subject: quantiles(s), baseline: quantiles(b) };
}

async function explain(pool: pg.Pool, name: string, query: NativeQuery): Promise<Plan> {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.bindings);
  return { name, sql: `${query.sql}\n-- params: ${JSON.stringify(query.bindings)}`, plan: rows.map((r) => r['QUERY PLAN']).join('\n') };
}

/** A plan that reads all the grants: a sequential scan of the table, or JIT compiling because the plan's cost is that of one. */
const readsAllGrants = (plan: string) => /Seq Scan on dealer_authorization|JIT:/.test(plan);

const ms = (q: Quantiles) => `${f2(q.p50)} / ${f2(q.p95)} ms`;
const p95Ratio = (pair: Pair) => `p95 ${f2(pair.subject.p95 / Math.max(pair.baseline.p95, 0.01))}× raw`;

export function authorizationRows(run: AuthorizationsRun): Row[] {
  const grants = run.grants.toLocaleString('en-US');
  return [
    {
      figure: `Authorization conflict check \`POST /api/records/dealer_authorization/:id/actions/check_conflicts\` against ${grants} grants, HTTP, p50 / p95 (${run.samples} draft grants of every shape, one at a time; ${f2(run.found.conflicts)} conflicts found on average); raw: \`GET /api/records/dealer_authorization/:id\` of the same server, alternating`,
      engine: ms(run.conflictsHttp.subject), raw: ms(run.conflictsHttp.baseline), ratio: p95Ratio(run.conflictsHttp),
    },
    {
      figure: `Authorization conflict check, its SQL alone (one connection); raw: the primary-key SELECT of a grant on the same connection, alternating`,
      engine: ms(run.conflictsSql.subject), raw: ms(run.conflictsSql.baseline), ratio: p95Ratio(run.conflictsSql),
    },
    {
      figure: `Who may sell \`GET /api/plugins/medical_dms/who-may-sell\` against ${grants} grants, HTTP, p50 / p95 (${run.samples} asks: product, hospital, department or none, day; ${f2(run.found.sellers)} grants listed on average); raw: \`GET /api/records/dealer_authorization/:id\`, alternating`,
      engine: ms(run.whoMaySellHttp.subject), raw: ms(run.whoMaySellHttp.baseline), ratio: p95Ratio(run.whoMaySellHttp),
    },
    {
      figure: 'Who may sell, its SQL alone (one connection); raw: the primary-key SELECT of a grant on the same connection, alternating',
      engine: ms(run.whoMaySellSql.subject), raw: ms(run.whoMaySellSql.baseline), ratio: p95Ratio(run.whoMaySellSql),
    },
  ];
}

/** Wanted: either answer within 50 ms at p95 over HTTP on this 2-core machine, and no plan reading every grant. */
export function authorizationTargets(run: AuthorizationsRun): Target[] {
  const whole = run.plans.filter((p) => readsAllGrants(p.plan)).map((p) => p.name);
  return [
    { name: `Authorization conflict check against ${run.grants.toLocaleString('en-US')} grants, p95 (HTTP)`, target: '< 50 ms', measured: `${f2(run.conflictsHttp.subject.p95)} ms`, pass: run.conflictsHttp.subject.p95 < 50 },
    { name: `Who may sell against ${run.grants.toLocaleString('en-US')} grants, p95 (HTTP)`, target: '< 50 ms', measured: `${f2(run.whoMaySellHttp.subject.p95)} ms`, pass: run.whoMaySellHttp.subject.p95 < 50 },
    { name: 'The conflict check and who may sell read grants through indexes (EXPLAIN)', target: 'no Seq Scan, no JIT', measured: whole.length ? `reads every grant: ${whole.join('; ')}` : 'index scans', pass: whole.length === 0 },
  ];
}

export function authorizationSection(run: AuthorizationsRun): Section {
  return {
    title: `Dealer authorizations against ${run.grants.toLocaleString('en-US')} grants: the conflict check and who may sell`,
    paragraphs: [
      `Data: the medical pack with its demo data (60 dealers, 40 products in 3 lines, 300 hospitals, their departments), then ${run.grants.toLocaleString('en-US')} grants ` +
        `loaded by one \`INSERT … SELECT FROM generate_series\` (a fixture: the engine's create path is measured above) and ${run.exclusions.toLocaleString('en-US')} excluded hospitals ` +
        `(${f0(run.loadS)} s with VACUUM ANALYZE). Shapes: ${GRANT_MIX.shapes}; ${GRANT_MIX.kinds}; ${GRANT_MIX.exclusive}; ${GRANT_MIX.statuses}; ` +
        `validity over ${YEARS} years from ${FIRST_YEAR}; ${GRANT_MIX.exclusions}.`,
      `Method: the candidates are ${run.samples} draft grants in id order (random ids, so a sample of every shape); the asks vary product, department (a quarter ` +
        `ask for the whole hospital) and day. Each figure is ${run.samples} calls one at a time after ${WARM} warm-up rounds, alternating with its baseline ` +
        '(the side going first flips each round). HTTP goes to the engine in a child process (bench/serve.ts) over 127.0.0.1 with the admin\'s API token. ' +
        `Statements per request (knex query log, the credential cached): the action ${run.statements.check.length} (${run.statements.check.map((q) => `\`${q}\``).join(', ')}), ` +
        `the get by id ${run.statements.get.length} (${run.statements.get.map((q) => `\`${q}\``).join(', ')}); the SQL-alone figures are the one SELECT. ` +
        `The machine is shared: 1-minute load average ${f2(run.load.start)} before the calls, ${f2(run.load.end)} after.`,
      `The plans below are of the SQL the pack sends (captured from knex's query log), run with EXPLAIN (ANALYZE, BUFFERS) on the loaded data.`,
      BEFORE,
    ],
    code: run.plans.map((p) => `-- ${p.name}\n${p.sql}\n\n${p.plan}`),
  };
}
