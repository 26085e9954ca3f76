/**
 * The portal side of the bench: a dealer's user made through the API, what its requests send to PostgreSQL, and
 * the plan of its list. The HTTP figures themselves are measured in run.ts like every other pair.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import pino from 'pino';
import { createApp, type App } from '../../engine/src/app.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { indexName } from '../../engine/src/schema-sync/names.ts';
import { TEST_PASSWORD } from '../helpers/test-app.ts';
import { OBJECT, PORTAL_INDEX, PORTAL_ROLE } from './fixtures.ts';

export const PORTAL_USERNAME = 'bench_dealer_user';
export const PORTAL_INDEX_NAME = indexName(OBJECT, PORTAL_INDEX);

/**
 * A portal user of `accountId`, as an admin and the user would make it: POST /api/users (as the admin), then
 * POST /api/auth/login and POST /api/auth/tokens with the session cookie and its CSRF token. Returns the token.
 */
export async function createPortalUser(app: App, accountId: string): Promise<{ id: string; token: string }> {
  const created = await app.server.inject({
    method: 'POST',
    url: '/api/users',
    payload: { username: PORTAL_USERNAME, displayName: 'Bench dealer user', kind: 'portal', role: PORTAL_ROLE.name, accountId, password: TEST_PASSWORD },
  });
  if (created.statusCode !== 201) throw new Error(`bench: POST /api/users answered ${created.statusCode}: ${created.body}`);
  const login = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username: PORTAL_USERNAME, password: TEST_PASSWORD } });
  const session = login.cookies.find((c) => c.name === 'qd_session');
  if (login.statusCode !== 200 || !session) throw new Error(`bench: the portal user's login answered ${login.statusCode}: ${login.body}`);
  const token = await app.server.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { cookie: `qd_session=${session.value}`, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken },
    payload: { name: 'bench' },
  });
  if (token.statusCode !== 201) throw new Error(`bench: POST /api/auth/tokens answered ${token.statusCode}: ${token.body}`);
  return { id: (created.json() as { id: string }).id, token: (token.json() as { token: string }).token };
}

export interface InspectedRequest {
  name: string;
  url: string;
  token: string;
}

export interface Statements {
  name: string;
  /** Statements sent per request, averaged over the counted requests. */
  perRequest: number;
  /** Each distinct statement, abbreviated (select list elided), with how many times it ran per request. */
  shapes: string[];
  /** The last request's statements, in full, with their bindings. */
  last: { sql: string; bindings: unknown[] }[];
}

/**
 * Every statement the engine sends for each request, counted from knex's `query` event. The app is one of its
 * own with the outbox relay off, so no background poll is counted; one request of each kind runs first (a token's
 * first use writes `last_used_at`, at most once a minute), then `n` requests one after the other.
 */
export async function countStatements(databaseUrl: string, requests: InspectedRequest[], n = 20): Promise<Statements[]> {
  const app = await createApp({ ...loadConfig({}), databaseUrl, logLevel: 'silent', relayOutbox: false }, pino({ level: 'silent' }));
  try {
    const results: Statements[] = [];
    for (const request of requests) {
      const send = async () => {
        const res = await app.server.inject({ method: 'GET', url: request.url, headers: { authorization: `Bearer ${request.token}` } });
        if (res.statusCode !== 200) throw new Error(`bench: ${request.name} answered ${res.statusCode}: ${res.body}`);
      };
      await send();
      const seen: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (q: { sql: string; bindings?: unknown[] }) => seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
      let last: typeof seen = [];
      for (let i = 0; i < n; i++) {
        const from = seen.length;
        app.db.knex.on('query', onQuery);
        await send();
        app.db.knex.off('query', onQuery);
        last = seen.slice(from);
      }
      const counts = new Map<string, number>();
      for (const s of seen) counts.set(abbreviate(s.sql), (counts.get(abbreviate(s.sql)) ?? 0) + 1);
      results.push({
        name: request.name,
        perRequest: seen.length / n,
        shapes: [...counts].map(([sql, count]) => `${count / n} × ${sql}`),
        last,
      });
    }
    return results;
  } finally {
    await app.close();
  }
}

/** `select … from …`: the select list elided, the rest kept. */
function abbreviate(sql: string): string {
  return sql.replace(/^select\s+[\s\S]*?\s+from\s+/i, 'select … from ');
}

/** A statement as pg runs it: knex's `query` event already carries pg's $n placeholders for built queries. */
export function nativeSql(knex: Knex, statement: { sql: string; bindings: unknown[] }): { sql: string; bindings: unknown[] } {
  if (/\$1\b/.test(statement.sql)) return statement;
  const native = knex.raw(statement.sql, statement.bindings as Knex.RawBinding[]).toSQL().toNative();
  return { sql: native.sql, bindings: [...native.bindings] };
}

export async function explainPlan(pool: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<string> {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** The plan the query would get if the object declared no (dealer, created_at, id) index: dropped in a transaction rolled back. */
export async function explainWithoutPortalIndex(pool: pg.Pool, sql: string, params: unknown[]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DROP INDEX data."${PORTAL_INDEX_NAME}"`);
    return await explainPlan(client, sql, params);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/** The visibility predicate is an index condition of the declared portal index, and nothing is scanned whole or sorted. */
export function usesPortalIndex(plan: string): boolean {
  return new RegExp(`Index (Only )?Scan( Backward)? using ${PORTAL_INDEX_NAME}`).test(plan)
    && /Index Cond: \(dealer = /.test(plan)
    && !/Seq Scan|\bSort\b/.test(plan);
}
