/**
 * The approvals bench's plans: every statement of one decision (plain EXPLAIN, looking for a scan of a whole workflow
 * table), and the inbox's page and count for B (EXPLAIN ANALYZE, then again with sequential scans disabled, to see
 * whether the query can narrow to B's tasks through the partial index at all).
 */
import type { Knex } from 'knex';
import pg from 'pg';
import type { Registry } from '../../engine/src/registry.ts';
import { inbox } from '../../engine/src/workflow/inbox.ts';
import { APPROVAL_OBJECT, INBOX_LIMIT, RAW_INBOX_SQL, RAW_TABLES } from './approvals-fixtures.ts';
import { explainPlan, nativeSql } from './portal.ts';

export interface StatementPlan {
  sql: string;
  plan: string;
}

export interface InboxPlan extends StatementPlan {
  /** The plan with `enable_seqscan = off`. */
  forced: string;
  usesIndex: boolean;
  /** The forced plan finds the reader's tasks by an index condition on `assignee_id`. */
  narrowed: boolean;
}

const INBOX_INDEX = 'qd_workflow_tasks_inbox';
/** The raw copy's index of the same columns (named by `LIKE ... INCLUDING ALL`). */
const RAW_INBOX_INDEX = `${RAW_TABLES.tasks}_assignee_id_created_at_id_idx`;

/** Plain EXPLAIN of each statement one decision sent, with the tables at their final size. */
export async function explainDecision(knex: Knex, pool: pg.Pool, statements: { sql: string; bindings: unknown[] }[]): Promise<{ statements: StatementPlan[]; seqScans: StatementPlan[] }> {
  await knex.raw('ANALYZE qd_workflow_tasks, qd_workflow_steps, qd_workflow_instances, qd_workflow_events');
  const planned: StatementPlan[] = [];
  for (const statement of statements.filter((s) => !/^(begin|commit|rollback|savepoint|release)/i.test(s.sql.trim()))) {
    const native = nativeSql(knex, statement);
    const { rows } = await pool.query(`EXPLAIN ${native.sql}`, native.bindings);
    planned.push({ sql: native.sql, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return { statements: planned, seqScans: planned.filter((s) => /Seq Scan on qd_workflow_/.test(s.plan)) };
}

/** The inbox's queries as the engine sends them for B (knex's query log), with EXPLAIN (ANALYZE, BUFFERS). */
export async function explainInbox(
  knex: Knex, registry: Registry, pool: pg.Pool, userB: string,
): Promise<{ page: InboxPlan; count: InboxPlan; raw: { page: InboxPlan; count: InboxPlan } }> {
  const captured: { sql: string; bindings: unknown[] }[] = [];
  const onQuery = (q: { sql: string; bindings?: unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
  knex.on('query', onQuery);
  try {
    await inbox(knex, registry, userB, { object: APPROVAL_OBJECT, limit: INBOX_LIMIT });
  } finally {
    knex.off('query', onQuery);
  }
  const count = captured.find((q) => /count\(\*\)/i.test(q.sql));
  const page = captured.find((q) => q !== count && q.sql.includes('qd_workflow_tasks'));
  if (!count || !page) throw new Error(`bench approvals: the inbox sent ${captured.length} queries, not a page and a count`);
  // the check itself checked: the raw route's hand-written queries (`t.assignee_id = $1`) on its copy of the tables
  const raw = {
    page: await planInbox(knex, pool, { sql: RAW_INBOX_SQL.page, bindings: [userB, APPROVAL_OBJECT, INBOX_LIMIT + 1] }),
    count: await planInbox(knex, pool, { sql: RAW_INBOX_SQL.count, bindings: [userB, APPROVAL_OBJECT] }),
  };
  return { page: await planInbox(knex, pool, page), count: await planInbox(knex, pool, count), raw };
}

/**
 * B's tasks are half of this bench's task table, so a sequential scan is the right plan here; whether the query can
 * find B's tasks through the index at all (as it must when B's are a few among many) shows with seq scans disabled.
 */
async function planInbox(knex: Knex, pool: pg.Pool, statement: { sql: string; bindings: unknown[] }): Promise<InboxPlan> {
  const { sql, bindings } = nativeSql(knex, statement);
  const plan = await explainPlan(pool, sql, bindings);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const forced = await explainPlan(client, sql, bindings);
    await client.query('ROLLBACK');
    const narrowed = new RegExp(`(${INBOX_INDEX}|${RAW_INBOX_INDEX})[\\s\\S]*?Index Cond: \\(+(t\\.)?assignee_id`).test(forced);
    return { sql, plan, forced, usesIndex: /Index (Only )?Scan (using|on) \S*(inbox|assignee_id_created_at_id)/.test(plan), narrowed };
  } finally {
    client.release();
  }
}
