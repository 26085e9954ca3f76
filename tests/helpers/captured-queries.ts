import type { Knex } from 'knex';

export interface CapturedQuery {
  sql: string;
  bindings: readonly unknown[];
}

/** The SQL statements the engine sends while `work` runs, as sent (native $n placeholders) with their bindings. */
export async function capturedQueries(knex: Knex, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const seen: CapturedQuery[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  knex.on('query', listener);
  try {
    await work();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}
