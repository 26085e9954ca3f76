/**
 * `npm run bench`: one run that measures every figure of BENCHMARKS.md as a ratio to a raw baseline measured
 * in the same run on the same data, then writes BENCHMARKS.md. Quick smoke run: BENCH_ROWS=20000 BENCH_SECONDS=2 BENCH_APPROVALS=1000.
 * The approvals section alone, printed (BENCHMARKS.md left as it is): BENCH_ONLY=approvals [BENCH_APPROVALS=1000].
 * The web app's figures alone, printed: BENCH_ONLY=ui [BENCH_UI_SAMPLES=20]. The letters' alone: BENCH_ONLY=letters.
 * The dealer authorizations' alone (200,000 grants; BENCH_GRANTS=20000 for a smoke run): BENCH_ONLY=authorizations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import pg from 'pg';
import pino from 'pino';
import { createApp, type App } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { listRecords } from '../../engine/src/records/list-query.ts';
import { buildRecordValidator } from '../../engine/src/records/record-validator.ts';
import { actAsAdmin, createTestDatabase, deploy } from '../helpers/test-app.ts';
import { measureApprovals, type ApprovalsOptions } from './approvals.ts';
import { approvalNotes, approvalReading, approvalRounds, approvalRows, approvalSection, approvalTargets } from './approvals-report.ts';
import {
  DEALER_TABLE, DEALERS, EXTRA_FIELD, HAND_LIST_PARAMS, HAND_LIST_SQL, HAND_PORTAL_LIST_SQL, LIST, LIST_FILTER, LIST_PATH, OBJECT, PLAIN_SCHEMA,
  PORTAL_LIST, PORTAL_LIST_PATH, TABLE, documents, objectDoc, payload,
} from './fixtures.ts';
import { measureJsonLogic } from './jsonlogic.ts';
import { letterRows, letterTargets, measureLetters } from './letters.bench.ts';
import { authorizationRows, authorizationSection, authorizationTargets, measureAuthorizations } from './authorizations.bench.ts';
import { measureUiLoad } from './ui-load.ts';
import { uiRows, uiTargets } from './ui-report.ts';
import { loadDealers, loadRows } from './load.ts';
import { alternate, asyncRate, httpRate, syncRate, type Throughput } from './measure.ts';
import { countStatements, createPortalUser, explainPlan, explainWithoutPortalIndex, nativeSql, usesPortalIndex } from './portal.ts';
import { portalNotes, portalReading, portalRows, portalSection, portalTargets, type PortalRun } from './portal-report.ts';
import { f0, f2, ops, rowLine, rps, sectionLines, targetLine, writeReport, type Row, type Target } from './report.ts';
import { startServers, type Servers } from './servers.ts';
import { systemContext } from '../../engine/src/security/principal.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The two portal targets' pairs run twice as many rounds: their ratios are near their targets and the machine is shared. */
const PORTAL_ROUNDS = 2 * ROUNDS;
const HTTP = { connections: 10, seconds: SECONDS, warmSeconds: 1 };
/** The approvals section: its decisions (BENCH_APPROVALS=1000 for a smoke run); BENCH_ONLY=approvals runs it alone and prints it. */
const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 10_000);
const ONLY = process.env.BENCH_ONLY;
const UI_SAMPLES = Number(process.env.BENCH_UI_SAMPLES ?? 30);
/** A warm-up only before a server's first run of a route. */
const http = (round: number) => ({ ...HTTP, warmSeconds: round === 0 ? HTTP.warmSeconds : 0 });
const started = performance.now();
const log = (message: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const silent = pino({ level: 'silent' });

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`bench: ${message}`);
}

const approvalOptions = (): ApprovalsOptions => ({
  decisions: APPROVALS,
  samples: Math.min(500, Math.max(50, Math.round(APPROVALS / 20))),
  warm: 20,
  inboxReads: Math.min(500, Math.max(100, Math.round(APPROVALS / 20))),
  rounds: ROUNDS,
  connections: HTTP.connections,
  log,
});

/** BENCH_ONLY=approvals: the approvals section alone, printed; BENCHMARKS.md is left as it is. */
async function approvalsOnly() {
  const run = await measureApprovals(approvalOptions());
  for (const r of approvalRows(run)) console.log(`${r.figure}\n  engine ${r.engine} | raw ${r.raw} | ${r.ratio}`);
  console.log(approvalReading(run));
  for (const note of approvalNotes(run)) console.log(`- ${note}`);
  const section = approvalSection(run);
  console.log([...section.paragraphs, ...section.code].join('\n\n'));
  for (const t of approvalTargets(run)) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (wanted ${t.target})`);
}

/** BENCH_ONLY=letters: the letters' figures alone, printed; BENCHMARKS.md is left as it is. */
async function lettersOnly() {
  const run = await measureLetters(log);
  for (const r of letterRows(run)) console.log(`${r.figure}\n  engine ${r.engine} | raw ${r.raw} | ${r.ratio}`);
  for (const t of letterTargets(run)) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (wanted ${t.target})`);
}

/** BENCH_ONLY=ui: the web app's figures alone, printed; BENCHMARKS.md is left as it is. */
async function uiOnly() {
  const run = await measureUiLoad({ samples: UI_SAMPLES, log });
  for (const r of uiRows(run)) console.log(`${r.figure}\n  engine ${r.engine} | raw ${r.raw} | ${r.ratio}`);
  for (const t of uiTargets(run)) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (wanted ${t.target})`);
}

/** BENCH_ONLY=authorizations: the dealer authorizations' targets, figures and section alone, printed as BENCHMARKS.md's markdown; the file is left as it is. */
async function authorizationsOnly() {
  const run = await measureAuthorizations(log);
  console.log([...authorizationTargets(run).map(targetLine), '', ...authorizationRows(run).map(rowLine), '', ...sectionLines(authorizationSection(run))].join('\n'));
}

async function main() {
  const loadStart = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  const db = await createTestDatabase();
  log(`database ${new URL(db.url).pathname.slice(1)}; ${ROWS.toLocaleString('en-US')} rows; ${SECONDS} s per HTTP run`);
  let app: App | undefined;
  let embedded: App | undefined;
  let servers: Servers | undefined;
  let pool: pg.Pool | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qudao-bench-'));
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const roundLines: string[] = [];
  try {
    app = await createApp({ ...loadConfig({}), databaseUrl: db.url, logLevel: 'silent' }, silent);
    // The engine's HTTP runs authenticate like any client: with the admin's API token (one indexed query a request).
    const adminToken = await actAsAdmin(app);
    const auth = { authorization: `Bearer ${adminToken}` };
    const knex = app.db.knex;
    const deployed = await deploy(app, documents());
    check(deployed.statusCode === 200, `deploy answered ${deployed.statusCode}: ${deployed.body}`);

    // ---- data ----
    await loadDealers(knex, DEALERS, app.adminId);
    await knex.raw(`VACUUM ANALYZE ${DEALER_TABLE}`);
    log(`${DEALERS.toLocaleString('en-US')} dealers loaded; loading rows (INSERT ... SELECT FROM generate_series)`);
    await loadRows(knex, ROWS, app.adminId, (done, total, ms) =>
      log(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} rows (${(ms / 1000).toFixed(1)} s)`),
    );
    await knex.raw(`VACUUM ANALYZE ${TABLE}`);
    log('VACUUM ANALYZE done');
    pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const object = app.registry.object(OBJECT);
    check(object, 'the bench object is not in the registry');

    // ---- the generated list SQL and its plan ----
    const listQuery = { filter: LIST_FILTER, sort: LIST.sort, limit: LIST.limit };
    const captured: { sql: string; bindings: unknown[] }[] = [];
    const onQuery = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
    knex.on('query', onQuery);
    const engineList = await listRecords(knex, object, listQuery, { exactCountLimit: 10_000, objects: (name) => app!.registry.object(name), scope: app!.records.scope(systemContext(app!.adminId, 'bench')) });
    knex.off('query', onQuery);
    check(captured.length === 1, `listRecords ran ${captured.length} queries`);
    // knex's 'query' event already carries pg's native $n placeholders
    const native = /\$1\b/.test(captured[0].sql) ? captured[0] : knex.raw(captured[0].sql, captured[0].bindings as never).toSQL().toNative();
    const generatedSql = native.sql;
    const generatedParams = native.bindings as unknown[];
    const hand = await pool.query(HAND_LIST_SQL, HAND_LIST_PARAMS);
    const sameRows = JSON.stringify(hand.rows.slice(0, LIST.limit).map((r) => r.id)) === JSON.stringify(engineList.data.map((r) => r.id));
    check(sameRows, 'the hand-written list SQL does not return the rows listRecords returns');
    check(engineList.data.length === LIST.limit, `the list page has ${engineList.data.length} rows, not ${LIST.limit}`);
    const explained = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${generatedSql}`, generatedParams);
    const explain = explained.rows.map((r) => r['QUERY PLAN']).join('\n');
    const handPlan = (await pool.query(`EXPLAIN ${HAND_LIST_SQL}`, HAND_LIST_PARAMS)).rows.map((r) => r['QUERY PLAN']).join('\n');
    log(`hand-written list SQL plan: ${handPlan.split('\n').slice(0, 3).map((l) => l.trim()).join(' | ')}`);
    const indexScan = /Index (Only )?Scan/.test(explain) && !/Seq Scan|Bitmap Heap Scan|\bSort\b/.test(explain);
    log(`generated list SQL plans as ${indexScan ? 'an index scan' : 'NOT an index scan'}`);

    // ---- the portal user (made through the API), the statements of its requests and its list's plan ----
    const accountId: string = (await pool.query(`SELECT id FROM ${DEALER_TABLE} ORDER BY code LIMIT 1`)).rows[0].id;
    const portalUser = await createPortalUser(app, accountId);
    const portalAuth = { authorization: `Bearer ${portalUser.token}` };
    const portalIds: string[] = (await pool.query(`SELECT id FROM ${TABLE} WHERE dealer = $1 LIMIT 2000`, [accountId])).rows.map((r) => r.id);
    const dealerRows = Number((await pool.query(`SELECT count(*) FROM ${TABLE} WHERE dealer = $1`, [accountId])).rows[0].count);
    check(portalIds.length > 0, 'the portal user\'s dealer has no deals');
    const otherId: string = (await pool.query(`SELECT id FROM ${TABLE} WHERE dealer <> $1 LIMIT 1`, [accountId])).rows[0].id;
    const statements = await countStatements(db.url, [
      { name: 'portal list', url: PORTAL_LIST_PATH, token: portalUser.token },
      { name: 'portal get', url: `/api/records/${OBJECT}/${portalIds[0]}`, token: portalUser.token },
      { name: 'admin list', url: PORTAL_LIST_PATH, token: adminToken },
      { name: 'admin get', url: `/api/records/${OBJECT}/${portalIds[0]}`, token: adminToken },
    ]);
    statements.forEach((s) => log(`statements per request, ${s.name}: ${s.perRequest} (${s.shapes.map((x) => x.slice(0, 90)).join(' | ')})`));
    const dataQuery = (name: string) => {
      const found = statements.find((s) => s.name === name)?.last.find((q) => q.sql.includes(`"${OBJECT}"`));
      check(found, `no query of ${OBJECT} in the ${name} request`);
      return nativeSql(knex, found);
    };
    const portalSql = dataQuery('portal list');
    const adminSql = dataQuery('admin list');
    const portalPlan = await explainPlan(pool, portalSql.sql, portalSql.bindings);
    const adminPlan = await explainPlan(pool, adminSql.sql, adminSql.bindings);
    const portalPlanWithout = await explainWithoutPortalIndex(pool, portalSql.sql, portalSql.bindings);
    const portalIndexed = usesPortalIndex(portalPlan);
    log(`portal list SQL plans ${portalIndexed ? 'as an index scan on (dealer, created_at, id)' : 'WITHOUT the portal index'}`);

    // ---- validation: the record validator vs ajv alone ----
    const validator = object.validator;
    const sample = payload('V-1', '0190b4a2-7c1e-7d3a-9f00-1234567890ab');
    check(validator.validateCreate(sample).errors.length === 0, `validateCreate refused the sample: ${JSON.stringify(validator.validateCreate(sample).errors)}`);
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajvFormats.default(ajv);
    const plain = ajv.compile(PLAIN_SCHEMA);
    check(plain(sample), `ajv refused the sample: ${JSON.stringify(plain.errors)}`);
    let engineVal = 0;
    let ajvVal = 0;
    // short alternating rounds, best of each side: the machine is shared, a burst of other work hits one round, not all
    for (let round = 0; round < 8; round++) {
      engineVal = Math.max(engineVal, syncRate(() => validator.validateCreate(sample), 500));
      ajvVal = Math.max(ajvVal, syncRate(() => plain(sample), 500));
    }
    const valRatio = engineVal / ajvVal;
    // information: the same validator without the JsonLogic rule, to show what the rule costs
    const noRule = buildRecordValidator(object.doc, []);
    let noRuleVal = 0;
    for (let round = 0; round < 4; round++) noRuleVal = Math.max(noRuleVal, syncRate(() => noRule.validateCreate(sample), 500));
    log(`validation: engine ${f0(engineVal)}/s, ajv ${f0(ajvVal)}/s, ratio ${f2(valRatio)}`);

    // ---- JsonLogic: compiled evaluation vs json-logic-js, json-logic-engine and hand-written JS; a 100,000-row import (CPU only) ----
    const jsonLogicFigures = await measureJsonLogic();
    log(`jsonlogic: ${jsonLogicFigures.rows.map((r) => `${r.engine} | ${r.raw}`).join('; ')}`);

    // ---- the list SQL without HTTP ----
    const sqlMs = Math.max(1500, SECONDS * 500);
    const sqlPair = await alternate(
      ROUNDS,
      (r) => asyncRate(() => pool!.query(HAND_LIST_SQL, HAND_LIST_PARAMS), { concurrency: 10, ms: sqlMs, warmMs: r ? 100 : 500 }),
      (r) => asyncRate(() => pool!.query(generatedSql, generatedParams), { concurrency: 10, ms: sqlMs, warmMs: r ? 100 : 500 }),
    );
    sqlPair.all.baseline.forEach((t, i) => log(`list SQL hand      round ${i + 1}: ${ops(t)}`));
    sqlPair.all.subject.forEach((t, i) => log(`list SQL generated round ${i + 1}: ${ops(t)}`));
    roundLines.push(`| list SQL, no HTTP | ${sqlPair.all.subject.map((t) => f0(t.rate)).join(' / ')} | ${sqlPair.all.baseline.map((t) => f0(t.rate)).join(' / ')} |`);
    const sqlHand = sqlPair.baseline;
    const sqlGenerated = sqlPair.subject;
    const sqlListRecords = await asyncRate(() => listRecords(knex, object, listQuery, { exactCountLimit: 10_000, objects: (name) => app!.registry.object(name), scope: app!.records.scope(systemContext(app!.adminId, 'bench')) }), { concurrency: 10, ms: sqlMs });
    const sqlRatio = sqlGenerated.rate / sqlHand.rate;
    // information: the portal list's data query vs the admin's, on the same pool, without HTTP (what the predicate costs PostgreSQL)
    const portalSqlPair = await alternate(
      ROUNDS,
      (r) => asyncRate(() => pool!.query(adminSql.sql, adminSql.bindings), { concurrency: 10, ms: sqlMs, warmMs: r ? 100 : 500 }),
      (r) => asyncRate(() => pool!.query(portalSql.sql, portalSql.bindings), { concurrency: 10, ms: sqlMs, warmMs: r ? 100 : 500 }),
    );
    roundLines.push(`| portal list SQL vs admin list SQL, no HTTP | ${portalSqlPair.all.subject.map((t) => f0(t.rate)).join(' / ')} | ${portalSqlPair.all.baseline.map((t) => f0(t.rate)).join(' / ')} |`);
    log(`portal list SQL: portal ${ops(portalSqlPair.subject)}, admin ${ops(portalSqlPair.baseline)}`);
    log(`list SQL: generated ${f0(sqlGenerated.rate)} q/s, hand ${f0(sqlHand.rate)} q/s, listRecords ${f0(sqlListRecords.rate)} q/s`);

    // ---- HTTP: the engine's app and the raw server in a child process ----
    const ids: string[] = (await pool.query(`SELECT id FROM ${TABLE} TABLESAMPLE SYSTEM (1) LIMIT 2000`)).rows.map((r) => r.id);
    check(ids.length > 0, 'no ids sampled');
    servers = await startServers(db.url, app.adminId);
    const { engineUrl, rawUrl } = servers;
    log(`servers up: engine ${engineUrl}, raw ${rawUrl}`);

    const stamp = Date.now().toString(36);
    let n = 0;
    const rawListPath = `/raw/list?status=${LIST.status}&region=${LIST.region}&min=${LIST.minAmount}`;
    // each route answers as expected before it is loaded
    const probe = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
      return { status: res.status, body: (await res.json()) as { id?: string; dealer?: string; data: { id: string; dealer?: string }[] } };
    };
    const post = (p: object): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) });
    const e1 = await probe(`${engineUrl}/api/records/${OBJECT}`, post(payload(`P-${stamp}-e`)));
    const r1 = await probe(`${rawUrl}/raw/create`, post(payload(`P-${stamp}-r`)));
    check(e1.status === 201 && r1.status === 201, `create probes: engine ${e1.status} ${JSON.stringify(e1.body)}, raw ${r1.status}`);
    const e2 = await probe(`${engineUrl}/api/records/${OBJECT}/${ids[0]}`);
    const r2 = await probe(`${rawUrl}/raw/get/${ids[0]}`);
    check(e2.status === 200 && r2.status === 200 && e2.body.id === r2.body.id, 'get probes differ');
    const e3 = await probe(`${engineUrl}${LIST_PATH}`);
    const r3 = await probe(`${rawUrl}${rawListPath}`);
    const r4 = await probe(`${rawUrl}/raw/get-as-user/${portalIds[0]}`, { headers: portalAuth });
    const r5 = await probe(`${rawUrl}/raw/get-as-user/${otherId}`, { headers: portalAuth });
    check(r4.status === 200 && r5.status === 404, `raw get-as-user: own deal ${r4.status}, another dealer's ${r5.status} (wanted 200, 404)`);
    const listIds = (b: { data: { id: string }[] }) => JSON.stringify(b.data.map((r) => r.id));
    check(e3.status === 200 && r3.status === 200 && listIds(e3.body) === listIds(r3.body), 'list probes return different rows');
    const p1 = await probe(`${engineUrl}${PORTAL_LIST_PATH}`, { headers: portalAuth });
    const handPortal = (await pool.query(HAND_PORTAL_LIST_SQL, [accountId])).rows.map((r) => r.id);
    check(p1.status === 200 && listIds(p1.body) === JSON.stringify(handPortal), `the portal list (${p1.status}) is not its dealer's newest deals`);
    check(p1.body.data.length === Math.min(PORTAL_LIST.limit, dealerRows) && p1.body.data.every((r) => r.dealer === accountId), 'the portal list has rows of other dealers');
    const p2 = await probe(`${engineUrl}${PORTAL_LIST_PATH}`);
    check(p2.status === 200 && p2.body.data.length === PORTAL_LIST.limit && p2.body.data.some((r) => r.dealer !== accountId), 'the admin list is not every dealer\'s');
    const p3 = await probe(`${engineUrl}/api/records/${OBJECT}/${portalIds[0]}`, { headers: portalAuth });
    const p4 = await probe(`${engineUrl}/api/records/${OBJECT}/${otherId}`, { headers: portalAuth });
    check(p3.status === 200 && p3.body.dealer === accountId && p4.status === 404, `portal get: own deal ${p3.status}, another dealer's ${p4.status} (wanted 200, 404)`);

    let g = 0;
    const nextId = () => ids[g++ % ids.length];
    const show = (
      name: string,
      p: { baseline: Throughput; subject: Throughput; all: { baseline: Throughput[]; subject: Throughput[] } },
      sides = ['raw   ', 'engine'],
    ) => {
      p.all.baseline.forEach((t, i) => log(`${name} ${sides[0]} round ${i + 1}: ${rps(t)}`));
      p.all.subject.forEach((t, i) => log(`${name} ${sides[1]} round ${i + 1}: ${rps(t)}`));
      roundLines.push(`| ${name} (HTTP) | ${p.all.subject.map((t) => f0(t.rate)).join(' / ')} | ${p.all.baseline.map((t) => f0(t.rate)).join(' / ')} |`);
      return { raw: p.baseline, engine: p.subject, rounds: p.all };
    };
    const { raw: getRaw, engine: getEngine } = show('get', await alternate(
      ROUNDS,
      (r) => httpRate({ url: rawUrl, next: () => ({ path: `/raw/get/${nextId()}` }) }, http(r)),
      (r) => httpRate({ url: engineUrl, headers: auth, next: () => ({ path: `/api/records/${OBJECT}/${nextId()}` }) }, http(r)),
    ));
    const { raw: listRaw, engine: listEngine } = show('list', await alternate(
      ROUNDS,
      (r) => httpRate({ url: rawUrl, next: () => ({ path: rawListPath }) }, http(r)),
      (r) => httpRate({ url: engineUrl, headers: auth, next: () => ({ path: LIST_PATH }) }, http(r)),
    ));
    let pi = 0;
    const nextPortalId = () => portalIds[pi++ % portalIds.length];
    const { raw: portalGetRaw, engine: portalGetEngine } = show('portal get', await alternate(
      PORTAL_ROUNDS,
      (r) => httpRate({ url: rawUrl, next: () => ({ path: `/raw/get/${nextPortalId()}` }) }, http(r)),
      (r) => httpRate({ url: engineUrl, headers: portalAuth, next: () => ({ path: `/api/records/${OBJECT}/${nextPortalId()}` }) }, http(r)),
    ));
    // information: the same two statements the engine sends (authentication, then the get with the dealer predicate), by hand
    const { raw: portalGetRawAuth, engine: portalGetEngine2 } = show('portal get vs raw route sending the same two statements', await alternate(
      ROUNDS,
      (r) => httpRate({ url: rawUrl, headers: portalAuth, next: () => ({ path: `/raw/get-as-user/${nextPortalId()}` }) }, http(r)),
      (r) => httpRate({ url: engineUrl, headers: portalAuth, next: () => ({ path: `/api/records/${OBJECT}/${nextPortalId()}` }) }, http(r)),
    ));
    const { raw: portalListAdmin, engine: portalListEngine, rounds: portalListRounds } = show('portal list, portal user vs admin', await alternate(
      PORTAL_ROUNDS,
      (r) => httpRate({ url: engineUrl, headers: auth, next: () => ({ path: PORTAL_LIST_PATH }) }, http(r)),
      (r) => httpRate({ url: engineUrl, headers: portalAuth, next: () => ({ path: PORTAL_LIST_PATH }) }, http(r)),
    ), ['admin ', 'portal']);
    const { raw: createRaw, engine: createEngine } = show('create', await alternate(
      ROUNDS,
      (r) => httpRate({ url: rawUrl, method: 'POST', next: () => ({ path: '/raw/create', body: JSON.stringify(payload(`R-${stamp}-${n++}`)) }) }, http(r)),
      (r) => httpRate(
        { url: engineUrl, method: 'POST', headers: auth, next: () => ({ path: `/api/records/${OBJECT}`, body: JSON.stringify(payload(`E-${stamp}-${n++}`)) }) }, http(r)),
    ));
    const createRawEffects = await httpRate(
      { url: rawUrl, method: 'POST', next: () => ({ path: '/raw/create-effects', body: JSON.stringify(payload(`T-${stamp}-${n++}`)) }) }, HTTP);
    log(`create raw with audit + outbox rows in one statement (information): ${rps(createRawEffects)}`);
    for (const [name, t] of Object.entries({
      createRawEffects, getRaw, getEngine, listRaw, listEngine, portalGetRaw, portalGetEngine, portalGetRawAuth, portalGetEngine2, portalListAdmin, portalListEngine,
      createRaw, createEngine,
    })) {
      if (t.errors) notes.push(`${name}: ${t.errors} errors or non-2xx answers of ${t.count} requests.`);
    }
    await servers.stop();
    servers = undefined;

    // ---- embedded (PGlite) vs PostgreSQL: the same create workload through app.server.inject ----
    log('starting the embedded (PGlite) app');
    embedded = await createApp({ ...loadConfig({}), databaseUrl: undefined, dataDir: tmp, logLevel: 'silent' }, silent);
    await actAsAdmin(embedded);
    const embeddedDeploy = await deploy(embedded, documents());
    check(embeddedDeploy.statusCode === 200, `embedded deploy answered ${embeddedDeploy.statusCode}: ${embeddedDeploy.body}`);
    const injectCreate = (target: App, prefix: string) => async (i: number) => {
      const res = await target.server.inject({ method: 'POST', url: `/api/records/${OBJECT}`, payload: payload(`${prefix}-${stamp}-${i}`) });
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    };
    const injectMs = Math.max(2000, SECONDS * 700);
    const createPglite = await asyncRate(injectCreate(embedded, 'L'), { concurrency: 10, ms: injectMs });
    log(`create inject PGlite: ${ops(createPglite)}`);
    const createPg = await asyncRate(injectCreate(app, 'I'), { concurrency: 10, ms: injectMs });
    log(`create inject PostgreSQL: ${ops(createPg)}`);
    for (const [name, t] of Object.entries({ createPglite, createPg })) {
      if (t.errors) notes.push(`${name}: ${t.errors} failed creates.`);
    }

    // ---- adding a field to the 1,000,000-row object ----
    const relfilenode = async () => (await pool!.query(`SELECT relfilenode FROM pg_class WHERE oid = '${TABLE}'::regclass`)).rows[0].relfilenode;
    const before = await relfilenode();
    const t0 = performance.now();
    const added = await deploy(app, [objectDoc([EXTRA_FIELD])]);
    const addMs = performance.now() - t0;
    check(added.statusCode === 200, `the add-field deploy answered ${added.statusCode}: ${added.body}`);
    const after = await relfilenode();
    const column = await pool.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1 AND column_name = $2`, [OBJECT, EXTRA_FIELD.name]);
    check(column.rowCount === 1, 'the new column is not there');
    const rowCount = Number((await pool.query(`SELECT count(*) FROM ${TABLE}`)).rows[0].count);
    const steps = ((JSON.parse(added.body).plan?.steps ?? JSON.parse(added.body).steps ?? []) as { sql?: string[] }[]).flatMap((s) => s.sql ?? []);
    log(`add field: ${f0(addMs)} ms, relfilenode ${before} → ${after}`);

    // ---- approvals (issue 6): decisions, the next task in the inbox, the inbox with a backlog; a database of their own ----
    const approvals = await measureApprovals(approvalOptions());
    const ui = await measureUiLoad({ samples: UI_SAMPLES, log });
    const letters = await measureLetters(log);
    const authorizations = await measureAuthorizations(log);

    // ---- report ----
    const ratio = (a: number, b: number) => f2(a / b);
    rows.push(
      { figure: 'Create (POST, HTTP)', engine: rps(createEngine), raw: rps(createRaw), ratio: ratio(createEngine.rate, createRaw.rate) },
      {
        figure: 'Create, information only: raw route doing the INSERT + audit row + outbox row in one statement (HTTP)',
        engine: rps(createEngine),
        raw: rps(createRawEffects),
        ratio: ratio(createEngine.rate, createRawEffects.rate),
      },
      { figure: 'Get by id (HTTP)', engine: rps(getEngine), raw: rps(getRaw), ratio: ratio(getEngine.rate, getRaw.rate) },
      { figure: 'List: 3-condition filter, sort, page of 50 (HTTP)', engine: rps(listEngine), raw: rps(listRaw), ratio: ratio(listEngine.rate, listRaw.rate) },
      { figure: 'List p99 latency (HTTP)', engine: `${f2(listEngine.p99)} ms`, raw: `${f2(listRaw.p99)} ms`, ratio: `${ratio(listEngine.p99, listRaw.p99)}× raw` },
      { figure: 'List SQL generated by the engine, no HTTP (pg.Pool, 10 concurrent)', engine: ops(sqlGenerated), raw: ops(sqlHand), ratio: ratio(sqlGenerated.rate, sqlHand.rate) },
      { figure: '`listRecords()` whole (knex + row mapping + cursor), no HTTP', engine: ops(sqlListRecords), raw: ops(sqlHand), ratio: ratio(sqlListRecords.rate, sqlHand.rate) },
      { figure: 'Validate one 20-field record (`validateCreate` of the 21-field object vs ajv alone on the plain JSON Schema)', engine: `${f0(engineVal)} /s`, raw: `${f0(ajvVal)} /s`, ratio: f2(valRatio) },
      { figure: 'Validate, information only: `validateCreate` of the same object without its rule vs ajv alone', engine: `${f0(noRuleVal)} /s`, raw: `${f0(ajvVal)} /s`, ratio: ratio(noRuleVal, ajvVal) },
      { figure: 'Create via `server.inject`, embedded PGlite vs PostgreSQL (10 in flight)', engine: `PGlite ${ops(createPglite)}`, raw: `PostgreSQL ${ops(createPg)}`, ratio: ratio(createPglite.rate, createPg.rate) },
      { figure: 'Add a field to the 1,000,000-row object (deploy through the API)', engine: `${f0(addMs)} ms`, raw: '—', ratio: before === after ? 'no rewrite' : 'REWRITE' },
    );
    targets.push(
      { name: 'Create through the API vs one raw INSERT', target: '≥ 0.6', measured: ratio(createEngine.rate, createRaw.rate), pass: createEngine.rate / createRaw.rate >= 0.6 },
      { name: 'Get by id vs raw primary-key SELECT', target: '≥ 0.6', measured: ratio(getEngine.rate, getRaw.rate), pass: getEngine.rate / getRaw.rate >= 0.6 },
      { name: 'List over 1,000,000 rows: throughput vs raw', target: '≥ 0.5', measured: ratio(listEngine.rate, listRaw.rate), pass: listEngine.rate / listRaw.rate >= 0.5 },
      {
        name: 'List over 1,000,000 rows: p99 vs raw',
        target: '≤ 2× raw',
        measured: `${f2(listEngine.p99)} ms vs ${f2(listRaw.p99)} ms (${ratio(listEngine.p99, listRaw.p99)}×)`,
        pass: listEngine.p99 <= 2 * listRaw.p99,
      },
      { name: 'Generated list SQL vs hand-written SQL (no HTTP)', target: '≥ 0.8', measured: f2(sqlRatio), pass: sqlRatio >= 0.8 },
      { name: 'Validation vs ajv alone', target: '≥ 0.5', measured: f2(valRatio), pass: valRatio >= 0.5 },
      {
        name: 'Add a field at 1,000,000 rows: no table rewrite',
        target: 'relfilenode unchanged',
        measured: `${before} → ${after}, ${f0(addMs)} ms`,
        pass: before === after,
      },
      { name: 'The list view plans as an index scan at 1,000,000 rows', target: 'index scan', measured: indexScan ? 'index scan' : 'not an index scan', pass: indexScan },
    );
    const portalRun: PortalRun = {
      dealerRows,
      getIds: portalIds.length,
      statements,
      sql: { portal: portalSql, admin: adminSql },
      plans: { portal: portalPlan, admin: adminPlan, portalWithoutIndex: portalPlanWithout },
      indexed: portalIndexed,
      http: {
        list: { portal: portalListEngine, admin: portalListAdmin, rounds: { portal: portalListRounds.subject, admin: portalListRounds.baseline } },
        get: { portal: portalGetEngine, raw: portalGetRaw },
        getTwoStatements: { portal: portalGetEngine2, raw: portalGetRawAuth },
        adminGet: getEngine,
      },
      sqlOnly: { portal: portalSqlPair.subject, admin: portalSqlPair.baseline },
      cores: os.cpus().length,
    };
    // the portal figures after the admin's get and list, before create
    rows.splice(rows.findIndex((r) => r.figure.startsWith('List p99')), 0, ...portalRows(portalRun));
    targets.splice(targets.findIndex((t) => t.name.startsWith('List over')), 0, ...portalTargets(portalRun));
    rows.push(...jsonLogicFigures.rows, ...approvalRows(approvals), ...uiRows(ui), ...letterRows(letters), ...authorizationRows(authorizations));
    targets.push(...jsonLogicFigures.targets, ...approvalTargets(approvals), ...uiTargets(ui), ...letterTargets(letters), ...authorizationTargets(authorizations));
    notes.push(jsonLogicFigures.note);
    roundLines.push(...approvalRounds(approvals));
    const missed = targets.filter((t) => !t.pass).map((t) => t.name);
    const reading =
      `Over HTTP the engine creates at ${ratio(createEngine.rate, createRaw.rate)} of a bare INSERT route, reads by id at ` +
      `${ratio(getEngine.rate, getRaw.rate)} of a bare primary-key SELECT route and serves the filtered, sorted page of 50 at ` +
      `${ratio(listEngine.rate, listRaw.rate)} of the hand-written route (p99 ${f2(listEngine.p99)} ms vs ${f2(listRaw.p99)} ms). ` +
      portalReading(portalRun) +
      `A create does more than the raw INSERT: coercion and validation, the rule, and two more rows (the audit entry and the outbox ` +
      `event, written in the same statement as the record). ` +
      `Every engine request first authenticates: one indexed query joining the API token to its user, a second round trip to PostgreSQL that the raw routes don't make. ` +
      `Reads also pay for the router, the problem+json error handling, the request-id hook, knex's query building and the row mapping. ` +
      `The list SQL the engine generates runs at ${f2(sqlRatio)} of the hand-written SQL on the same pool, i.e. the generated query is ` +
      `${sqlRatio >= 0.95 ? 'as fast as' : 'close to'} what a person would write, and it ${indexScan ? 'is' : 'is not'} served by the declared ` +
      `(status, region, created_at, id) index read backwards, so the page costs ${indexScan ? 'a few dozen index entries, not a scan of 1,000,000 rows' : 'more than a bounded index read'}. ` +
      `Validation of a 20-field record runs at ${f2(valRatio)} of ajv alone (it also coerces, fills defaults and evaluates the JsonLogic rule). ` +
      `Adding a field to the 1,000,000-row object took ${f0(addMs)} ms and ${before === after ? 'did not rewrite the table' : 'REWROTE the table'}. ` +
      `Embedded PGlite creates at ${ratio(createPglite.rate, createPg.rate)} of PostgreSQL's rate on the same workload through inject ` +
      `(${f0(createPglite.rate)} vs ${f0(createPg.rate)} creates/s, p99 ${f2(createPglite.p99)} vs ${f2(createPg.p99)} ms): ` +
      (createPglite.rate / createPg.rate < 0.9
        ? `embedded costs about ${f0(100 * (1 - createPglite.rate / createPg.rate))} % of create throughput here, and its one in-process connection serialises every transaction. `
        : `on this 2-core machine one Node process is the limit for both (for PGlite it also runs the database, in WASM), so throughput is similar, but PGlite's one connection serialises every transaction (higher p99) and cannot serve more than one process. `) +
      `Embedded is for the zero-setup start and demos, not the production path. ` +
      approvalReading(approvals) +
      (missed.length ? `Missed: ${missed.join('; ')} (see the notes).` : 'Every target is met in this run.');
    notes.push(
      `The machine is shared with other work: load average ${loadStart} at the start of the run, ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end. ` +
        `So each HTTP pair and the SQL pair ran ${ROUNDS} alternating rounds (raw then engine, engine then raw, ...; ${SECONDS} s each after a 1 s warm-up of each server), ` +
        `the two portal target pairs ${PORTAL_ROUNDS}, and each side keeps its best rate and its lowest p50/p99 (the same rule for both sides).`,
      `The engine's app runs with a silent logger (pino level "silent"); the raw server has no logger. With request logging at "info" the engine figures would be lower.`,
      `List: filter ${JSON.stringify(LIST_FILTER)}, sort \`${LIST.sort}\` (the engine adds \`id\` as the tiebreaker), limit ${LIST.limit}; the raw route runs the same SQL by hand (LIMIT ${LIST.limit + 1}, like the engine, to know if a next page exists) and returns the same ${LIST.limit} rows (checked before the runs).`,
      `Get: ${ids.length} ids sampled from the table, requested in turn. Create: a unique \`code\` per request (setupRequest counter); \`parent\` and \`dealer\` are null.`,
      `The 1,000,000 rows were loaded by INSERT ... SELECT FROM generate_series in ${Math.ceil(ROWS / 100_000)} slices of 100,000 (to print progress), then VACUUM ANALYZE.`,
      `Engine pool: knex, 10 connections; raw: pg.Pool, 10 connections. autocannon runs in the parent process, both servers in one child process (one loaded at a time). The machine has ${os.cpus().length} cores for the load generator, the server and PostgreSQL together, so absolute numbers are low; the ratios are the point.`,
      `PGlite and PostgreSQL both through \`app.server.inject\` in the bench process, 10 creates in flight; the PostgreSQL table holds ${rowCount.toLocaleString('en-US')} rows at the end, the PGlite table starts empty.`,
      ...portalNotes(portalRun),
      ...approvalNotes(approvals),
    );
    if (createEngine.rate / createRaw.rate < 0.6) {
      notes.push(
        `Create MISS: a raw route doing the same database work (\`/raw/create-effects\`: the INSERT, the audit row and the outbox row in one ` +
          `statement) reaches ${f0(createRawEffects.rate)} req/s, ${ratio(createRawEffects.rate, createRaw.rate)} of the single INSERT; the engine reaches ` +
          `${ratio(createEngine.rate, createRawEffects.rate)} of that route, the rest being its per-request work (coercion, ajv, the rule, the audit diff, knex).`,
      );
    }
    if (valRatio < 0.5) {
      notes.push(
        `Validation MISS: ajv alone checks types and formats but converts nothing; validateCreate also coerces form input (strings to ` +
          `numbers, datetimes to UTC, money to decimal text), fills defaults and evaluates the rule (without the rule: ${f0(noRuleVal)} /s).`,
      );
    }
    if (getEngine.rate / getRaw.rate < 0.6) {
      notes.push(
        `Get MISS: the raw route is one pg query; the engine sends two (its authentication query, then the get) and adds the registry lookup, knex, recordFromRow, ` +
          `the expand step (a no-op here), the etag and request-id headers. The portal get's information figure splits the two: the second round trip alone ` +
          `takes a hand-written route to ${ratio(portalGetRawAuth.rate, portalGetRaw.rate)} of the one-statement route.`,
      );
    }
    if (listEngine.rate / listRaw.rate < 0.5 || listEngine.p99 > 2 * listRaw.p99) {
      notes.push(`List MISS: the SQL is the same plan (see EXPLAIN); the gap is in Node: listRecords alone runs at ${ratio(sqlListRecords.rate, sqlHand.rate)} of the raw SQL (knex building, filter compilation, recordFromRow over 51 rows, the cursor).`);
    }
    writeReport(path.join(ROOT, 'BENCHMARKS.md'), {
      date: new Date().toISOString(),
      cores: os.cpus().length,
      command: 'npm run bench',
      rows,
      targets,
      reading,
      explain: `${generatedSql}\n-- params: ${JSON.stringify(generatedParams)}\n\n${explain}`,
      sections: [portalSection(portalRun), approvalSection(approvals), authorizationSection(authorizations)],
      explainVerdict: indexScan
        ? `**Index scan.** The page is read from the declared index \`(status, region, created_at, id)\` backwards; \`amount >= ${LIST.minAmount}\` and \`deleted_at IS NULL\` are filters on the rows it reads. No sequential scan, no sort.`
        : '**Not an index scan**: see the plan below.',
      addField:
        `Deploying the object again with one more field (\`${EXTRA_FIELD.name}\`, text) through \`POST /api/meta/deploy\`: **${f0(addMs)} ms**, ` +
        `\`pg_class.relfilenode\` ${before} before, ${after} after: ${before === after ? '**no table rewrite**' : '**the table was rewritten**'}. ` +
        (steps.length ? `DDL applied: \`${steps.join('; ')}\`.` : ''),
      notes,
      rounds: roundLines,
      durationS: (performance.now() - started) / 1000,
    });
    log('BENCHMARKS.md written');

    for (const t of targets) console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (wanted ${t.target})`);
  } finally {
    await servers?.stop();
    await pool?.end();
    await embedded?.close();
    await app?.close();
    await db.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const ONLY_RUNS: Record<string, () => Promise<void>> = { approvals: approvalsOnly, ui: uiOnly, letters: lettersOnly, authorizations: authorizationsOnly };
await (ONLY ? ONLY_RUNS[ONLY]() : main());
