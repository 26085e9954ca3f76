/**
 * Issue 6's approvals bench, on a database of its own: N step-1 approvals through HTTP (decisions per second), the
 * time from approver A's decision until approver B's inbox lists the next task, and B's inbox with N tasks pending.
 * Each against the raw server doing the same kind of work by hand, in the same run, on copies of the workflow tables
 * made right after the submissions (so both sides start from the same rows and the same task ids).
 */
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import pg from 'pg';
import pino from 'pino';
import { createApp, type App } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { systemContext, type WriteContext } from '../../engine/src/security/principal.ts';
import { actAsAdmin, createTestDatabase, createUser, deploy } from '../helpers/test-app.ts';
import {
  APPROVAL_OBJECT, APPROVAL_TABLE, INBOX_LIMIT, INBOX_PATH, RAW_TABLES, ROLE_A, ROLE_B, USER_A, USER_B, approvalDocuments,
} from './approvals-fixtures.ts';
import { alternate, type Throughput } from './measure.ts';
import { explainDecision, explainInbox, type InboxPlan } from './approvals-plans.ts';
import { startServers, type Servers } from './servers.ts';

export interface ApprovalsOptions {
  /** Step-1 decisions measured for the rate (each task decided once). */
  decisions: number;
  /** Decisions timed until the next task is in B's inbox, per side (after `warm` more of each, not counted). */
  samples: number;
  warm: number;
  /** GETs of B's first inbox page with `decisions` tasks pending, per side. */
  inboxReads: number;
  rounds: number;
  connections: number;
  log: (message: string) => void;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export interface ApprovalsRun {
  options: ApprovalsOptions;
  setup: { records: number; submitS: number };
  decisions: { engine: Throughput; raw: Throughput; rounds: { engine: Throughput[]; raw: Throughput[] } };
  /** From sending A's decision to B's inbox listing the task; `decision`: the decision's own answer, while B polls. */
  nextTask: { engine: Latency; raw: Latency; decision: { engine: Latency; raw: Latency }; polls: { engine: number; raw: number } };
  backlog: { pending: { engine: number; raw: number }; engine: Latency; raw: Latency };
  /** One decision's statements (knex query log) with their plans at the end of the run; those that scan a table. */
  decision: Awaited<ReturnType<typeof explainDecision>>;
  /**
   * The inbox's page and count queries with B holding the backlog: their plans, and their plans with sequential scans
   * disabled (`forced`); `narrowed`: the forced plan finds B's tasks by an index condition on the partial index.
   */
  inboxPlans: { page: InboxPlan; count: InboxPlan; raw: { page: InboxPlan; count: InboxPlan } };
  problems: string[];
}

interface Sample {
  taskId: string;
  recordId: string;
}

interface Side {
  decide(taskId: string): Promise<Response>;
  inbox(): Promise<Sample[]>;
  /** B decides the task it found (not timed), so B's inbox stays at one page. */
  clear(taskId: string): Promise<void>;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`bench approvals: ${message}`);
}

export async function measureApprovals(options: ApprovalsOptions): Promise<ApprovalsRun> {
  const { log } = options;
  const db = await createTestDatabase();
  let app: App | undefined;
  let servers: Servers | undefined;
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  try {
    app = await createApp({ ...loadConfig({}), databaseUrl: db.url, logLevel: 'silent', relayOutbox: false }, pino({ level: 'silent' }));
    const people = await setUp(app, options);
    const { tasks, submitS } = await submitAll(app, options, people.a.id);
    const [first, ...rest] = tasks;
    const samples = rest.slice(0, options.warm + options.samples);
    const main = rest.slice(samples.length);
    const statements = await decideCounted(app, first.taskId, people.a.id);
    await copyWorkflowTables(app.db.knex);
    servers = await startServers(db.url, app.adminId);
    log(`approvals: servers up; ${samples.length} decisions timed into B's inbox on each side`);
    const sides = makeSides(servers, people, pool);
    const nextTask = await timeNextTasks(sides, samples, options);
    log(`approvals: next task in B's inbox p50/p95 engine ${pair(nextTask.engine)}, raw ${pair(nextTask.raw)}; the decision's own answer ` +
      `engine ${pair(nextTask.decision.engine)}, raw ${pair(nextTask.decision.raw)}; GETs per decision ${nextTask.polls.engine.toFixed(1)} / ${nextTask.polls.raw.toFixed(1)}`);
    const decisions = await decideMany(servers, people, main, options);
    const pending = await pendingOfB(app.db.knex, people.b.id);
    check(pending.engine === main.length + 1 && pending.raw === main.length + 1, `B holds ${JSON.stringify(pending)} pending tasks, wanted ${main.length + 1}`);
    const backlog = { pending, ...(await readBacklog(sides, options)) };
    log(`approvals: B's first inbox page with ${pending.engine} pending, p95 engine ${backlog.engine.p95.toFixed(1)} ms, raw ${backlog.raw.p95.toFixed(1)} ms`);
    const decision = await explainDecision(app.db.knex, pool, statements);
    const inboxPlans = await explainInbox(app.db.knex, app.registry, pool, people.b.id);
    return {
      options, setup: { records: tasks.length, submitS }, decisions, nextTask, backlog, decision, inboxPlans,
      problems: [...problemsOf(decisions.rounds.engine, 'engine decisions'), ...problemsOf(decisions.rounds.raw, 'raw decisions')],
    };
  } finally {
    await servers?.stop();
    await pool.end();
    await app?.close();
    await db.drop();
  }
}

// ---- setup: the documents, A and B, the records, every record submitted ----

async function setUp(app: App, options: ApprovalsOptions) {
  await actAsAdmin(app);
  const deployed = await deploy(app, approvalDocuments());
  check(deployed.statusCode === 200, `deploy answered ${deployed.statusCode}: ${deployed.body}`);
  const a = await createUser(app, { username: USER_A, role: ROLE_A });
  const b = await createUser(app, { username: USER_B, role: ROLE_B });
  const total = 1 + options.warm + options.samples + options.decisions;
  await app.db.knex.raw(
    `INSERT INTO ${APPROVAL_TABLE} (id, created_at, created_by, updated_at, updated_by, owner_id, version, name, amount) ` +
      `SELECT gen_random_uuid(), now(), :actor, now(), :actor, :actor, 1, 'Request ' || g, g FROM generate_series(1, :total::int) AS g`,
    { actor: app.adminId, total },
  );
  return { a, b };
}

/** Submits every record through the workflow service, 8 at a time; A's tasks in record order. */
async function submitAll(app: App, options: ApprovalsOptions, userA: string): Promise<{ tasks: Sample[]; submitS: number }> {
  const knex = app.db.knex;
  const ids: string[] = await knex(APPROVAL_TABLE).orderBy('amount').pluck('id');
  const ctx = systemContext(app.adminId, 'bench-setup');
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await app!.workflows.submit(APPROVAL_OBJECT, id, ctx, {});
      if (next % 2000 === 0) options.log(`approvals: ${next.toLocaleString('en-US')} / ${ids.length.toLocaleString('en-US')} submitted`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const submitS = (performance.now() - started) / 1000;
  options.log(`approvals: ${ids.length.toLocaleString('en-US')} records submitted in ${submitS.toFixed(1)} s`);
  const tasks: Sample[] = (await knex('qd_workflow_tasks as t')
    .join('qd_workflow_instances as i', 'i.id', 't.instance_id')
    .join(`${APPROVAL_TABLE} as r`, 'r.id', 'i.record_id')
    .where({ 't.assignee_id': userA, 't.status': 'pending' })
    .orderBy('r.amount')
    .select('t.id as taskId', 'i.record_id as recordId'));
  check(tasks.length === ids.length, `${tasks.length} tasks for A after ${ids.length} submissions`);
  return { tasks, submitS };
}

/** One decision in this process as A, every statement it sends recorded (knex's query log). */
async function decideCounted(app: App, taskId: string, userA: string): Promise<{ sql: string; bindings: unknown[] }[]> {
  const ctx: WriteContext = {
    actor: userA, requestId: 'bench',
    principal: { userId: userA, username: USER_A, kind: 'internal', role: ROLE_A, permissionSets: [], accountId: null },
  };
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  app.db.knex.on('query', onQuery);
  try {
    await app.workflows.decide(taskId, { action: 'approve' }, ctx);
  } finally {
    app.db.knex.off('query', onQuery);
  }
  return statements;
}

/** The raw routes' tables: copies of the workflow tables as they are now (same columns and indexes, no foreign keys). */
async function copyWorkflowTables(knex: Knex): Promise<void> {
  for (const [name, table] of [['instances', RAW_TABLES.instances], ['tasks', RAW_TABLES.tasks], ['events', RAW_TABLES.events]]) {
    await knex.raw(`CREATE TABLE ${table} (LIKE qd_workflow_${name} INCLUDING ALL)`);
    await knex.raw(`INSERT INTO ${table} SELECT * FROM qd_workflow_${name}`);
  }
  await knex.raw('VACUUM ANALYZE');
}

function makeSides(servers: Servers, people: { a: { token: string }; b: { id: string; token: string } }, pool: pg.Pool): { engine: Side; raw: Side } {
  const json = { 'content-type': 'application/json' };
  const asA = { ...json, authorization: `Bearer ${people.a.token}` };
  const asB = { ...json, authorization: `Bearer ${people.b.token}` };
  const rawInbox = `${servers.rawUrl}/raw/approvals/inbox?assignee=${people.b.id}&object=${APPROVAL_OBJECT}&limit=${INBOX_LIMIT}`;
  return {
    engine: {
      decide: (taskId) => fetch(`${servers.engineUrl}/api/approvals/${taskId}/approve`, { method: 'POST', headers: asA, body: '{}' }),
      inbox: async () => ((await (await fetch(`${servers.engineUrl}${INBOX_PATH}`, { headers: asB })).json()) as { data: Sample[] }).data,
      clear: async (taskId) => {
        const res = await fetch(`${servers.engineUrl}/api/approvals/${taskId}/approve`, { method: 'POST', headers: asB, body: '{}' });
        check(res.status === 200, `B's approval answered ${res.status}: ${await res.text()}`);
      },
    },
    raw: {
      decide: (taskId) => fetch(`${servers.rawUrl}/raw/approvals/${taskId}/approve`, { method: 'POST', headers: json, body: JSON.stringify({ next: people.b.id }) }),
      inbox: async () => ((await (await fetch(rawInbox)).json()) as { data: { id: string; record_id: string }[] }).data
        .map((r) => ({ taskId: r.id, recordId: r.record_id })),
      clear: async (taskId) => {
        await pool.query(`UPDATE ${RAW_TABLES.tasks} SET status = 'approved', decided_at = now() WHERE id = $1`, [taskId]);
      },
    },
  };
}

// ---- the next task in B's inbox ----

/**
 * Sends A's decision and, at the same moment, starts polling B's inbox back to back (a fresh GET as soon as the
 * last one answered); the time is from sending the decision to the first answer that lists the record.
 */
async function timeNextTask(side: Side, sample: Sample): Promise<{ ms: number; decisionMs: number; polls: number }> {
  const started = performance.now();
  let answered: number | undefined;
  let decisionMs = NaN;
  const decided = side.decide(sample.taskId).then(async (res) => {
    const text = await res.text();
    decisionMs = performance.now() - started;
    answered = res.status;
    return text;
  });
  let polls = 0;
  let found: Sample | undefined;
  while (!found) {
    polls++;
    found = (await side.inbox()).find((item) => item.recordId === sample.recordId);
    if (!found && answered !== undefined && answered !== 200) throw new Error(`bench approvals: decision answered ${answered}: ${await decided}`);
    check(performance.now() - started < 30_000, `the next task of ${sample.recordId} is not in B's inbox after 30 s`);
  }
  const ms = performance.now() - started;
  await decided;
  check(answered === 200, `decision answered ${answered}`);
  await side.clear(found.taskId);
  return { ms, decisionMs, polls };
}

/** One sample at a time, engine and raw in turn (the side going first flips every sample). */
async function timeNextTasks(sides: { engine: Side; raw: Side }, samples: Sample[], options: ApprovalsOptions): Promise<ApprovalsRun['nextTask']> {
  const times = { engine: [] as number[], raw: [] as number[] };
  const decisionTimes = { engine: [] as number[], raw: [] as number[] };
  const polls = { engine: 0, raw: 0 };
  for (const [i, sample] of samples.entries()) {
    for (const name of i % 2 ? (['raw', 'engine'] as const) : (['engine', 'raw'] as const)) {
      const { ms, decisionMs, polls: n } = await timeNextTask(sides[name], sample);
      if (i < options.warm) continue;
      times[name].push(ms);
      decisionTimes[name].push(decisionMs);
      polls[name] += n;
    }
  }
  return {
    engine: latency(times.engine),
    raw: latency(times.raw),
    decision: { engine: latency(decisionTimes.engine), raw: latency(decisionTimes.raw) },
    polls: { engine: polls.engine / times.engine.length, raw: polls.raw / times.raw.length },
  };
}

// ---- decisions per second ----

/** The tasks in `rounds` slices; each slice decided by the raw server and by the engine, in turn (autocannon, `amount` = the slice). */
async function decideMany(servers: Servers, people: { a: { token: string }; b: { id: string } }, tasks: Sample[], options: ApprovalsOptions): Promise<ApprovalsRun['decisions']> {
  const size = Math.ceil(tasks.length / options.rounds);
  const slice = (round: number) => tasks.slice(round * size, (round + 1) * size).map((t) => t.taskId);
  const rawBody = JSON.stringify({ next: people.b.id });
  const pair = await alternate(
    options.rounds,
    (round) => decideAll(servers.rawUrl, slice(round), (id) => `/raw/approvals/${id}/approve`, {}, rawBody, options),
    (round) => decideAll(servers.engineUrl, slice(round), (id) => `/api/approvals/${id}/approve`, { authorization: `Bearer ${people.a.token}` }, '{}', options),
  );
  for (const [name, runs] of [['raw  ', pair.all.baseline], ['engine', pair.all.subject]] as const) {
    runs.forEach((t, i) => options.log(`approvals: decisions ${name} round ${i + 1}: ${t.count} in ${(t.count / t.rate).toFixed(1)} s, ${t.rate.toFixed(0)}/s, p99 ${t.p99} ms`));
  }
  return { engine: overall(pair.all.subject), raw: overall(pair.all.baseline), rounds: { engine: pair.all.subject, raw: pair.all.baseline } };
}

async function decideAll(url: string, taskIds: string[], path: (id: string) => string, headers: Record<string, string>, body: string, options: ApprovalsOptions): Promise<Throughput> {
  let next = 0;
  const started = performance.now();
  let last = started;
  // autocannon ends a run of `amount` requests on its next one-second tick: the time is taken at the last answer
  const result = await runAutocannon({
    url,
    connections: Math.min(options.connections, taskIds.length),
    amount: taskIds.length,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      // past the last task: an id nobody holds, so a request too many shows as an error instead of a second decision
      setupRequest: (request) => ({ ...request, path: path(taskIds[next++] ?? '00000000-0000-4000-8000-000000000000') }),
    }],
  }, () => { last = performance.now(); });
  const seconds = (last - started) / 1000;
  return {
    rate: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    count: result['2xx'],
    errors: result.errors + result.timeouts + result.non2xx + Math.max(0, taskIds.length - result['2xx']),
  };
}

function runAutocannon(options: autocannon.Options, onResponse: () => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on('response', onResponse);
  });
}

/** Every round together: all the decisions over all the time they took. */
function overall(runs: Throughput[]): Throughput {
  const count = runs.reduce((n, r) => n + r.count, 0);
  const seconds = runs.reduce((s, r) => s + r.count / r.rate, 0);
  return {
    rate: count / seconds,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    count,
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

function problemsOf(runs: Throughput[], name: string): string[] {
  const errors = runs.reduce((n, r) => n + r.errors, 0);
  return errors ? [`${name}: ${errors} errors, non-2xx answers or tasks left undecided.`] : [];
}

async function pendingOfB(knex: Knex, userB: string): Promise<{ engine: number; raw: number }> {
  const count = async (table: string) => Number((await knex(table).where({ assignee_id: userB, status: 'pending' }).count({ n: '*' }))[0].n);
  return { engine: await count('qd_workflow_tasks'), raw: await count(RAW_TABLES.tasks) };
}

// ---- B's inbox with the backlog ----

/** B's first page, one GET at a time, engine and raw in turn, after 20 of each not counted. */
async function readBacklog(sides: { engine: Side; raw: Side }, options: ApprovalsOptions): Promise<{ engine: Latency; raw: Latency }> {
  const times = { engine: [] as number[], raw: [] as number[] };
  for (let i = 0; i < options.inboxReads + 20; i++) {
    for (const name of i % 2 ? (['raw', 'engine'] as const) : (['engine', 'raw'] as const)) {
      const started = performance.now();
      const page = await sides[name].inbox();
      const ms = performance.now() - started;
      check(page.length === INBOX_LIMIT, `${name} inbox page has ${page.length} tasks`);
      if (i >= 20) times[name].push(ms);
    }
  }
  return { engine: latency(times.engine), raw: latency(times.raw) };
}

const pair = (l: Latency) => `${l.p50.toFixed(1)}/${l.p95.toFixed(1)} ms`;

export function latency(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}
