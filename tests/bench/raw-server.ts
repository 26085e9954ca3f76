/** The raw baselines: a bare fastify 5 + pg.Pool server, no validation, no logging, the same SQL by hand. */
import { createHash, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
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
