/** The raw baselines: a bare fastify 5 + pg.Pool server, no validation, no logging, the same SQL by hand. */
import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { APPROVAL_OBJECT, INBOX_LIMIT, RAW_DECISION_SQL, RAW_INBOX_SQL } from './approvals-fixtures.ts';
import { FIELD_NAMES, HAND_AUTH_SQL, HAND_GET_SQL, HAND_INSERT_SQL, HAND_LIST_SQL, LIST, OBJECT } from './fixtures.ts';

export interface RawServer {
  server: FastifyInstance;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function createRawServer(databaseUrl: string, actor: string): Promise<RawServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = Fastify({ logger: false });

  server.post('/raw/create', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const values = [randomUUID(), actor, actor, actor, ...FIELD_NAMES.map((f) => body[f] ?? null)];
    const { rows } = await pool.query(HAND_INSERT_SQL, values);
    return reply.status(201).send(rows[0]);
  });

  // Not a baseline of a target: the raw INSERT plus what the engine's create adds in the database (an audit row and
  // an outbox row, in one statement as the engine sends them), to show how much of the create gap is database work.
  server.post('/raw/create-effects', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const id = randomUUID();
    const values = [id, actor, actor, actor, ...FIELD_NAMES.map((f) => body[f] ?? null)];
    const n = values.length;
    const sql =
      `WITH w AS (${HAND_INSERT_SQL}), ` +
      `a AS (INSERT INTO qd_audit (object, record_id, action, changes, actor) SELECT $${n + 1}, w.id, 'create', $${n + 2}::jsonb, $${n + 3} FROM w RETURNING id, record_id), ` +
      `o AS (INSERT INTO qd_outbox (topic, object, record_id, audit_id) SELECT 'record.created', $${n + 1}, a.record_id, a.id FROM a) ` +
      'SELECT * FROM w';
    const { rows } = await pool.query(sql, [...values, OBJECT, JSON.stringify(body), actor]);
    return reply.status(201).send(rows[0]);
  });

  server.get<{ Params: { id: string } }>('/raw/get/:id', async (request, reply) => {
    const { rows } = await pool.query(HAND_GET_SQL, [request.params.id]);
    if (!rows.length) return reply.status(404).send({ error: 'not found' });
    return rows[0];
  });

  // Not a baseline of a target: what the engine's get sends to the database, by hand. The bearer token's hash
  // joined to its active user (the engine's authentication query), then the primary-key SELECT, with
  // `dealer = <the user's account>` for a portal user (the engine's sharing filter).
  server.get<{ Params: { id: string } }>('/raw/get-as-user/:id', async (request, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const user = (await pool.query(HAND_AUTH_SQL, [createHash('sha256').update(token).digest('hex'), new Date()])).rows[0];
    if (!user) return reply.status(401).send({ error: 'unauthenticated' });
    const { rows } = user.kind === 'portal'
      ? await pool.query(`${HAND_GET_SQL} AND dealer = $2`, [request.params.id, user.account_id])
      : await pool.query(HAND_GET_SQL, [request.params.id]);
    if (!rows.length) return reply.status(404).send({ error: 'not found' });
    return rows[0];
  });

  server.get<{ Querystring: { status?: string; region?: string; min?: string } }>('/raw/list', async (request) => {
    const q = request.query;
    const { rows } = await pool.query(HAND_LIST_SQL, [q.status ?? LIST.status, q.region ?? LIST.region, Number(q.min ?? LIST.minAmount)]);
    return { data: rows.slice(0, LIST.limit), more: rows.length > LIST.limit };
  });

  registerRawApprovals(server, pool, actor);
  await server.ready();
  return {
    server,
    pool,
    async close() {
      await server.close();
      await pool.end();
    },
  };
}

const NEXT_REASON = JSON.stringify({ 'zh-CN': '角色：Bench approver B', en: 'role: Bench approver B' });

/**
 * The approvals baseline (approvals.ts), on copies of the workflow tables: a step-1 approval by hand (one transaction:
 * lock the instance, close the task, insert the next approver's task and an event row; the next approver is named in
 * the body) and the next approver's inbox (its page and its count).
 */
function registerRawApprovals(server: FastifyInstance, pool: pg.Pool, actor: string): void {
  server.post<{ Params: { task: string }; Body: { next: string } }>('/raw/approvals/:task/approve', async (request, reply) => {
    const { task } = request.params;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const locked = await client.query(RAW_DECISION_SQL.lock, [task]);
      const closed = locked.rows[0]?.status === 'pending' ? await client.query(RAW_DECISION_SQL.close, [task, actor]) : undefined;
      if (!closed?.rowCount) {
        await client.query('ROLLBACK');
        return reply.status(409).send({ error: 'not pending' });
      }
      const { step_id: stepId, instance_id: instanceId } = closed.rows[0];
      await client.query(RAW_DECISION_SQL.next, [randomUUID(), stepId, instanceId, request.body.next, NEXT_REASON]);
      await client.query(RAW_DECISION_SQL.event, [instanceId, task, actor]);
      await client.query('COMMIT');
      return { taskId: task, id: instanceId, status: 'pending' };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });

  server.get<{ Querystring: { assignee: string; object?: string; limit?: string } }>('/raw/approvals/inbox', async (request) => {
    const { assignee, object = APPROVAL_OBJECT } = request.query;
    const limit = Number(request.query.limit ?? INBOX_LIMIT);
    const [page, count] = await Promise.all([
      pool.query(RAW_INBOX_SQL.page, [assignee, object, limit + 1]),
      pool.query(RAW_INBOX_SQL.count, [assignee, object]),
    ]);
    return { data: page.rows.slice(0, limit), total: count.rows[0].n, more: page.rows.length > limit };
  });
}
