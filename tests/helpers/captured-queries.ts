import type { Knex } from 'knex';

export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
}

/** The authentication of each API request: one query on the token or session table (and a token's last use, once a minute). */
const AUTHENTICATION = /\b(from|update) "qd_(api_tokens|sessions)"/;

/**
 * The SQL statements the engine sends while `work` runs, as sent (native $n placeholders) with their bindings;
 * without the authentication query of each request, so counts are those of the work itself.
 */
export async function capturedQueries(knex: Knex, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => {
    if (!AUTHENTICATION.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}
