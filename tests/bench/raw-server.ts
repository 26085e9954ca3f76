/** The raw baselines: a bare fastify 5 + pg.Pool server, no validation, no logging, the same SQL by hand. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { FIELD_NAMES, HAND_GET_SQL, HAND_INSERT_SQL, HAND_LIST_SQL, LIST, OBJECT } from './fixtures.ts';

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

  // Not a baseline of a target: the raw INSERT plus what the engine's create adds in the database (a transaction, an
  // audit row and an outbox row), to show how much of the create gap is database work and how much is the engine.
  server.post('/raw/create-tx', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const id = randomUUID();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(HAND_INSERT_SQL, [id, actor, actor, actor, ...FIELD_NAMES.map((f) => body[f] ?? null)]);
      await client.query('INSERT INTO qd_audit (object, record_id, action, changes, actor) VALUES ($1, $2, $3, $4, $5)', [OBJECT, id, 'create', JSON.stringify(body), actor]);
      await client.query('INSERT INTO qd_outbox (topic, object, record_id, payload) VALUES ($1, $2, $3, $4)', ['record.created', OBJECT, id, JSON.stringify({ record: rows[0] })]);
      await client.query('COMMIT');
      return reply.status(201).send(rows[0]);
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  });

  server.get<{ Params: { id: string } }>('/raw/get/:id', async (request, reply) => {
    const { rows } = await pool.query(HAND_GET_SQL, [request.params.id]);
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
